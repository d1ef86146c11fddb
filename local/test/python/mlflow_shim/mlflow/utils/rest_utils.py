"""The request path of the MLflow client (mlflow/utils/rest_utils.py, mlflow/utils/request_utils.py,
mlflow/utils/credentials.py): host credentials from the tracking URI and MLFLOW_TRACKING_AUTH; every request goes
through one `requests` session with urllib3 retries (transient statuses and connection errors, any method), with
the request-auth plugin named by MLFLOW_TRACKING_AUTH as `auth`; failures become MlflowException."""

import json
from dataclasses import dataclass
from typing import Optional

import requests
from requests.adapters import HTTPAdapter
from requests.exceptions import HTTPError
from urllib3.util import Retry

from mlflow.environment_variables import (
    MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR,
    MLFLOW_HTTP_REQUEST_MAX_RETRIES,
    MLFLOW_HTTP_REQUEST_TIMEOUT,
    MLFLOW_TRACKING_AUTH,
)
from mlflow.exceptions import MlflowException, RestException

_TRANSIENT_FAILURE_RESPONSE_CODES = frozenset([408, 429, 500, 502, 503, 504])


@dataclass
class MlflowHostCreds:
    host: str
    auth: Optional[str] = None
    verify: bool = True


def get_default_host_creds(store_uri):
    return MlflowHostCreds(host=store_uri, auth=MLFLOW_TRACKING_AUTH.get())


def _get_request_session(max_retries, backoff_factor, retry_codes):
    retry = Retry(
        total=max_retries,
        connect=max_retries,
        read=max_retries,
        redirect=max_retries,
        status=max_retries,
        status_forcelist=retry_codes,
        backoff_factor=backoff_factor,
        allowed_methods=None,
        raise_on_status=False,
    )
    adapter = HTTPAdapter(max_retries=retry)
    session = requests.Session()
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


def http_request(host_creds, endpoint, method, extra_headers=None, timeout=None, **kwargs):
    url = f"{host_creds.host.rstrip('/')}{endpoint}"
    headers = {"User-Agent": "mlflow-python-client (local-mode test shim)"}
    if extra_headers:
        headers.update(extra_headers)
    if host_creds.auth:
        from mlflow.tracking.request_auth.registry import fetch_auth

        kwargs["auth"] = fetch_auth(host_creds.auth)
    session = _get_request_session(MLFLOW_HTTP_REQUEST_MAX_RETRIES.get(), MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR.get(), _TRANSIENT_FAILURE_RESPONSE_CODES)
    try:
        return session.request(method, url, headers=headers, verify=host_creds.verify, timeout=timeout or MLFLOW_HTTP_REQUEST_TIMEOUT.get(), **kwargs)
    except Exception as e:
        raise MlflowException(f"API request to {url} failed with exception {e}")


def augmented_raise_for_status(response):
    """raise_for_status with the server's answer in the message."""
    try:
        response.raise_for_status()
    except HTTPError as e:
        if response.text:
            raise HTTPError(f"{e}. Response text: {response.text}", request=e.request, response=e.response) from None
        raise


def verify_rest_response(response, endpoint):
    if response.status_code != 200:
        try:
            body = json.loads(response.text)
        except ValueError:
            body = None
        if isinstance(body, dict):
            raise RestException(body)
        raise MlflowException(f"API request to endpoint {endpoint} failed with error code {response.status_code} != 200. Response body: '{response.text}'")
    return response


def call_endpoint(host_creds, endpoint, method, json_body=None):
    """A REST call as the stores make it: a GET carries its fields as query parameters, other methods as JSON."""
    if method == "GET":
        response = http_request(host_creds, endpoint, method, params=json_body)
    else:
        response = http_request(host_creds, endpoint, method, json=json_body)
    return verify_rest_response(response, endpoint).json()
