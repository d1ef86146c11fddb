"""The tracking store over REST (mlflow/store/tracking/rest_store.py): the experiment calls the test makes, on the
`/api/2.0/mlflow/` paths MLflow's protos declare. Answers are returned as parsed JSON, not MLflow entities."""

from mlflow.utils.rest_utils import call_endpoint

_PREFIX = "/api/2.0/mlflow"


class RestStore:
    def __init__(self, get_host_creds):
        self.get_host_creds = get_host_creds

    def _call(self, path, method, body):
        return call_endpoint(self.get_host_creds(), f"{_PREFIX}{path}", method, body)

    def get_experiment(self, experiment_id):
        return self._call("/experiments/get", "GET", {"experiment_id": experiment_id})

    def search_experiments(self, max_results=1000, filter_string=None):
        body = {"max_results": max_results}
        if filter_string:
            body["filter"] = filter_string
        return self._call("/experiments/search", "POST", body)

    def create_experiment(self, name):
        return self._call("/experiments/create", "POST", {"name": name})

    def delete_experiment(self, experiment_id):
        return self._call("/experiments/delete", "POST", {"experiment_id": experiment_id})
