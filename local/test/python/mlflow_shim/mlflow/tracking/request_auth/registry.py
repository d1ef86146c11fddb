"""How MLflow finds request-auth plugins (mlflow/tracking/request_auth/registry.py): every entry point of the group
`mlflow.request_auth_provider` in the installed distributions is loaded once; `fetch_auth(name)` asks each provider
for its name and returns the matching one's auth object."""

import warnings
from importlib.metadata import entry_points

from mlflow.exceptions import MlflowException

REQUEST_AUTH_PROVIDER_ENTRYPOINT = "mlflow.request_auth_provider"


class RequestAuthProviderRegistry:
    def __init__(self):
        self._registry = []

    def register(self, request_auth_provider):
        self._registry.append(request_auth_provider())

    def register_entrypoints(self):
        for entrypoint in entry_points(group=REQUEST_AUTH_PROVIDER_ENTRYPOINT):
            try:
                self.register(entrypoint.load())
            except (AttributeError, ImportError) as exception:
                warnings.warn(f'Failure attempting to register request auth provider "{entrypoint.name}": {exception}', stacklevel=2)

    def __iter__(self):
        return iter(self._registry)


_request_auth_provider_registry = RequestAuthProviderRegistry()
_request_auth_provider_registry.register_entrypoints()


def fetch_auth(request_auth):
    for provider in _request_auth_provider_registry:
        if provider.get_name() == request_auth:
            return provider.get_auth()
    raise MlflowException(f"Could not find any registered plugin for {request_auth}. Please check the plugin is installed.")
