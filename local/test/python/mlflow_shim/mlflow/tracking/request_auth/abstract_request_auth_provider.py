"""The interface request-auth plugins implement (mlflow/tracking/request_auth/abstract_request_auth_provider.py)."""

from abc import ABC, abstractmethod


class RequestAuthProvider(ABC):
    @abstractmethod
    def get_name(self):
        """The name MLFLOW_TRACKING_AUTH selects the provider by."""

    @abstractmethod
    def get_auth(self):
        """An object requests accepts as `auth`."""
