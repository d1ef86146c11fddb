"""The interface MLflow's request-auth registry calls: get_name() to match MLFLOW_TRACKING_AUTH, get_auth()."""

from abc import ABC, abstractmethod


class RequestAuthProvider(ABC):
    @abstractmethod
    def get_name(self):
        """The name MLFLOW_TRACKING_AUTH selects the provider by."""

    @abstractmethod
    def get_auth(self):
        """An object requests accepts as `auth` (a requests.auth.AuthBase)."""
