"""Which AWS region a request to API Gateway is signed for."""

from __future__ import annotations

import os
import re
from typing import Callable, Mapping, Optional

from .errors import RegionNotFoundError

# {api-id}.execute-api.{region}.amazonaws.com, the private-API forms {api-id}-{vpce-id}.execute-api.… and
# vpce-….execute-api.{region}.vpce.amazonaws.com, and the China partition's .amazonaws.com.cn.
_EXECUTE_API_HOST = re.compile(
    r"(?:^|\.)execute-api\.(?P<region>[a-z]{2}(?:-[a-z0-9]+)+-\d+)\.(?:vpce\.)?amazonaws\.com(?:\.cn)?$"
)

REGION_ENVIRONMENT_VARIABLES = ("AWS_REGION", "AWS_DEFAULT_REGION")


def region_from_host(host: Optional[str]) -> Optional[str]:
    """The region an execute-api host name carries, or None for any other host (custom domains, localhost)."""
    if not host:
        return None
    match = _EXECUTE_API_HOST.search(host.lower().rstrip("."))
    return match.group("region") if match else None


def resolve_region(
    host: Optional[str],
    environ: Mapping[str, str] = os.environ,
    profile_region: Callable[[], Optional[str]] = lambda: None,
) -> str:
    """The signing region: the execute-api host's own, else AWS_REGION, AWS_DEFAULT_REGION, the profile's."""
    # The host wins: API Gateway verifies against the region it runs in, whatever the environment says.
    region = region_from_host(host)
    if region:
        return region
    for name in REGION_ENVIRONMENT_VARIABLES:
        value = environ.get(name, "").strip()
        if value:
            return value
    region = profile_region()
    if region:
        return region
    raise RegionNotFoundError(
        f"Cannot tell which AWS region to sign for: the host {host!r} is not an API Gateway host "
        "({api-id}.execute-api.{region}.amazonaws.com) and neither AWS_REGION nor AWS_DEFAULT_REGION is set "
        "(nor a region in the AWS profile). Set AWS_REGION to the region of the MLflow API, e.g. "
        "AWS_REGION=eu-west-1."
    )
