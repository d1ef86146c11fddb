"""The MLflow request-auth plugin (entry point group `mlflow.request_auth_provider`).

Selected with MLFLOW_TRACKING_AUTH=execute-api-sigv4. MLflow calls get_auth() for every request it sends to
the tracking server, artifact proxy included, and hands the result to requests as `auth`.
"""

from mlflow.tracking.request_auth.abstract_request_auth_provider import RequestAuthProvider

from .signing import ExecuteApiSigV4Auth

PLUGIN_NAME = "execute-api-sigv4"


class ExecuteApiRequestAuthProvider(RequestAuthProvider):
    """MLflow-facing provider: one signer per process, so botocore resolves the credential chain once."""

    _auth = None

    def get_name(self):
        return PLUGIN_NAME

    def get_auth(self):
        if self._auth is None:
            self._auth = ExecuteApiSigV4Auth()
        return self._auth
