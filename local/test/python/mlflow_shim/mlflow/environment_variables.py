"""The MLflow settings the request path reads (mlflow/environment_variables.py), read at each use as MLflow does."""

import os


class _EnvironmentVariable:
    def __init__(self, name, type_, default):
        self.name = name
        self.type = type_
        self.default = default

    def get(self):
        value = os.environ.get(self.name)
        if value is None:
            return self.default
        if self.type is bool:
            return value.strip().lower() in ("true", "1")
        return self.type(value)


MLFLOW_TRACKING_URI = _EnvironmentVariable("MLFLOW_TRACKING_URI", str, None)
MLFLOW_TRACKING_AUTH = _EnvironmentVariable("MLFLOW_TRACKING_AUTH", str, None)
MLFLOW_HTTP_REQUEST_MAX_RETRIES = _EnvironmentVariable("MLFLOW_HTTP_REQUEST_MAX_RETRIES", int, 7)
MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR = _EnvironmentVariable("MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR", float, 2)
MLFLOW_HTTP_REQUEST_TIMEOUT = _EnvironmentVariable("MLFLOW_HTTP_REQUEST_TIMEOUT", int, 120)
MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD = _EnvironmentVariable("MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD", bool, False)
MLFLOW_MULTIPART_UPLOAD_MINIMUM_FILE_SIZE = _EnvironmentVariable("MLFLOW_MULTIPART_UPLOAD_MINIMUM_FILE_SIZE", int, 500 * 1024**2)
MLFLOW_MULTIPART_UPLOAD_CHUNK_SIZE = _EnvironmentVariable("MLFLOW_MULTIPART_UPLOAD_CHUNK_SIZE", int, 10 * 1024**2)
