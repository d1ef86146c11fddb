"""The model registry over REST (mlflow/store/model_registry/rest_store.py): the one call the test makes."""

from mlflow.utils.rest_utils import call_endpoint


class RestStore:
    def __init__(self, get_host_creds):
        self.get_host_creds = get_host_creds

    def create_registered_model(self, name):
        return call_endpoint(self.get_host_creds(), "/api/2.0/mlflow/registered-models/create", "POST", {"name": name})
