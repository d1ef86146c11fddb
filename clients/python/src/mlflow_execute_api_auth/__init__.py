"""SigV4 signing of MLflow client requests for API Gateway (execute-api). The MLflow plugin is in mlflow_plugin."""

from .errors import CredentialsNotFoundError, ExecuteApiAuthError, RegionNotFoundError, UnsupportedBodyError
from .signing import SERVICE, ExecuteApiSigV4Auth

__all__ = [
    "SERVICE",
    "CredentialsNotFoundError",
    "ExecuteApiAuthError",
    "ExecuteApiSigV4Auth",
    "RegionNotFoundError",
    "UnsupportedBodyError",
]
__version__ = "0.1.0"
