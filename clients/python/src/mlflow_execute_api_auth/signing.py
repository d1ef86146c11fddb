"""A `requests` auth that signs each request for API Gateway (service `execute-api`) with botocore's SigV4.

Importable without MLflow: `from mlflow_execute_api_auth.signing import ExecuteApiSigV4Auth`.
"""

from __future__ import annotations

import os
from typing import Any, Mapping, Optional
from urllib.parse import urlsplit

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from requests.auth import AuthBase
from requests.models import PreparedRequest

from .canonical_url import canonical_url
from .credentials import DefaultChainCredentials
from .payload import prepare_payload
from .region import resolve_region

SERVICE = "execute-api"
# The only headers signed besides botocore's own: proxies, CloudFront (edge-optimized APIs) and VPC endpoints
# may rewrite hop-by-hop and encoding headers, and a signature over them would break on the way.
_SIGNED_REQUEST_HEADERS = ("Host",)
_SIGNATURE_HEADERS = ("Authorization", "X-Amz-Date", "X-Amz-Security-Token")
_PAYLOAD_HASH = "execute_api_payload_sha256"


class _PrehashedSigV4Auth(SigV4Auth):
    # botocore would read a file body a second time to hash it; the body was hashed once already.
    def payload(self, request: AWSRequest) -> str:
        return request.context[_PAYLOAD_HASH]


class ExecuteApiSigV4Auth(AuthBase):
    """Signs requests with SigV4 for `execute-api`: region from the host or environment, credentials from botocore."""

    def __init__(
        self,
        region: Optional[str] = None,
        credentials: Optional[DefaultChainCredentials] = None,
        environ: Optional[Mapping[str, str]] = None,
    ) -> None:
        self._region = region
        self._credentials = credentials or DefaultChainCredentials()
        self._environ = environ

    def region_for(self, url: str) -> str:
        """The region a request to `url` is signed for."""
        if self._region:
            return self._region
        environ = os.environ if self._environ is None else self._environ
        return resolve_region(urlsplit(url).hostname, environ, self._credentials.profile_region)

    def __call__(self, request: PreparedRequest) -> PreparedRequest:
        url = canonical_url(request.url or "")
        region = self.region_for(url)
        payload = prepare_payload(request.body)
        try:
            signed = AWSRequest(
                method=request.method,
                url=url,
                headers={name: request.headers[name] for name in _SIGNED_REQUEST_HEADERS if name in request.headers},
            )
            signed.context[_PAYLOAD_HASH] = payload.sha256
            _PrehashedSigV4Auth(self._credentials.frozen(), SERVICE, region).add_auth(signed)
        except BaseException:
            if payload.spool is not None:
                payload.spool.close()
            raise

        request.url = url
        request.body = payload.body
        _set_length(request, payload.length)
        for name in _SIGNATURE_HEADERS:
            request.headers.pop(name, None)
            if name in signed.headers:
                request.headers[name] = signed.headers[name]
        if payload.spool is not None:
            request.register_hook("response", _closer(payload.spool))
        return request


def _set_length(request: PreparedRequest, length: int) -> None:
    request.headers.pop("Transfer-Encoding", None)
    if request.body is None and request.method in ("GET", "HEAD", "OPTIONS"):
        request.headers.pop("Content-Length", None)
    else:
        request.headers["Content-Length"] = str(length)


def _closer(spool: Any):
    def close_spool(response: Any, *args: Any, **kwargs: Any) -> Any:
        spool.close()
        return response

    return close_spool
