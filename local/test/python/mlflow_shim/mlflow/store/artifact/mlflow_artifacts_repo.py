"""The `mlflow-artifacts:` scheme (mlflow/store/artifact/mlflow_artifacts_repo.py): a run's artifact root such as
`mlflow-artifacts:/0/<run>/artifacts` is served by the tracking server at `<tracking URI path>/api/2.0/
mlflow-artifacts/artifacts/0/<run>/artifacts`, keeping the tracking URI's own path (an API Gateway stage)."""

import re
from urllib.parse import urlparse, urlunparse

from mlflow.environment_variables import MLFLOW_TRACKING_URI
from mlflow.store.artifact.http_artifact_repo import HttpArtifactRepository


class MlflowArtifactsRepository(HttpArtifactRepository):
    def __init__(self, artifact_uri, tracking_uri=None):
        super().__init__(self.resolve_uri(artifact_uri, tracking_uri or MLFLOW_TRACKING_URI.get()))

    @classmethod
    def resolve_uri(cls, artifact_uri, tracking_uri):
        base_url = "/api/2.0/mlflow-artifacts/artifacts"
        track = urlparse(tracking_uri)
        uri = urlparse(artifact_uri)
        if uri.path == "/":
            resolved = f"{base_url}{uri.path}"
        elif uri.path == base_url:
            resolved = base_url
        else:
            resolved = f"{track.path}/{base_url}/{uri.path}"
        resolved = re.sub("//+", "/", resolved)
        return urlunparse((track.scheme, uri.netloc or track.netloc, resolved, "", "", ""))
