"""A SigV4 verifier written from the AWS specification, independent of the signer under test.

It uses hashlib and hmac only (no botocore, no urllib.parse), and works on what a server receives: the method,
the request target exactly as on the wire, the headers, and the SHA-256 of the body, which the receiving
server computes itself. It follows "Create a canonical request for Signature Version 4" (AWS General
Reference) for services other than S3: the path normalised and its segments URI-encoded once more than the
path as received, query names and values decoded then URI-encoded and sorted, header values trimmed.

`path_reading` picks how the received path is read before that last encoding: "raw" encodes the path as
received (the received text is the once-encoded path), "decoded" decodes it first and encodes it twice. A
client whose wire form is its own canonical form passes under both.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from dataclasses import dataclass
from typing import Mapping, Optional, Sequence, Tuple

ALGORITHM = "AWS4-HMAC-SHA256"
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
_HEX = "0123456789ABCDEF"


class SignatureRejected(Exception):
    """The request does not carry a valid signature; the message says which check failed."""


@dataclass(frozen=True)
class Secret:
    secret_access_key: str
    session_token: Optional[str] = None


@dataclass(frozen=True)
class ReceivedRequest:
    method: str
    target: str  # path and query exactly as on the request line, each byte as one character (Latin-1)
    headers: Sequence[Tuple[str, str]]
    payload_sha256: str  # hex SHA-256 of the body bytes the server received


def uri_encode(data: bytes) -> str:
    """Every byte outside A-Z a-z 0-9 - _ . ~ as %XX with uppercase hex (the spec's UriEncode)."""
    return "".join(chr(b) if b in _UNRESERVED else "%" + _HEX[b >> 4] + _HEX[b & 15] for b in data)


def percent_decode(text: str) -> bytes:
    """%XX sequences to bytes; anything else (a stray %) kept as it is."""
    raw = text.encode("latin-1")
    out = bytearray()
    i = 0
    while i < len(raw):
        if raw[i] == 0x25 and _is_hex(raw[i + 1 : i + 3]):
            out.append(int(raw[i + 1 : i + 3], 16))
            i += 3
        else:
            out.append(raw[i])
            i += 1
    return bytes(out)


def _is_hex(pair: bytes) -> bool:
    return len(pair) == 2 and all(c in b"0123456789abcdefABCDEF" for c in pair)


def canonical_uri(path: str, path_reading: str) -> str:
    """RFC 3986 normalisation (dot segments and redundant slashes removed), then each segment encoded."""
    segments = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if segments:
                segments.pop()
            continue
        segments.append(segment)
    if path_reading == "raw":
        encoded = [uri_encode(s.encode("latin-1")) for s in segments]
    elif path_reading == "decoded":
        encoded = [uri_encode(uri_encode(percent_decode(s)).encode("ascii")) for s in segments]
    else:
        raise ValueError(path_reading)
    trailing = "/" if path.endswith("/") and segments else ""
    return "/" + "/".join(encoded) + trailing


def canonical_query(query: str) -> str:
    """Names and values percent-decoded, URI-encoded, sorted by name then value; `+` is not a space here."""
    pairs = []
    for pair in query.split("&"):
        if not pair:
            continue
        name, _, value = pair.partition("=")
        pairs.append((uri_encode(percent_decode(name)), uri_encode(percent_decode(value))))
    return "&".join(f"{n}={v}" for n, v in sorted(pairs))


def _header_map(headers: Sequence[Tuple[str, str]]) -> Mapping[str, str]:
    values: dict = {}
    for name, value in headers:
        values.setdefault(name.lower(), []).append(" ".join(value.strip().split()))
    return {name: ",".join(vs) for name, vs in values.items()}


def _parse_authorization(value: str) -> Mapping[str, str]:
    if not value.startswith(ALGORITHM + " "):
        raise SignatureRejected(f"Authorization does not use {ALGORITHM}")
    fields = {}
    for part in value[len(ALGORITHM) + 1 :].split(","):
        key, sep, val = part.strip().partition("=")
        if not sep:
            raise SignatureRejected(f"malformed Authorization field {part!r}")
        fields[key] = val
    for key in ("Credential", "SignedHeaders", "Signature"):
        if key not in fields:
            raise SignatureRejected(f"Authorization lacks {key}")
    return fields


def _hmac(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()


def signature(secret_access_key: str, date: str, region: str, service: str, string_to_sign: str) -> str:
    """The hex signature: HMAC of the string to sign under the derived key AWS4+secret → date → region → service."""
    key = _hmac(("AWS4" + secret_access_key).encode("utf-8"), date)
    key = _hmac(key, region)
    key = _hmac(key, service)
    key = _hmac(key, "aws4_request")
    return hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def canonical_request(request: ReceivedRequest, signed_headers: Sequence[str], path_reading: str) -> str:
    headers = _header_map(request.headers)
    path, _, query = request.target.partition("?")
    lines = [
        request.method.upper(),
        canonical_uri(path, path_reading),
        canonical_query(query),
        "".join(f"{name}:{headers[name]}\n" for name in signed_headers),
        ";".join(signed_headers),
        request.payload_sha256,
    ]
    return "\n".join(lines)


def verify(
    request: ReceivedRequest,
    secrets: Mapping[str, Secret],
    *,
    service: str,
    region: str,
    now: datetime.datetime,
    path_reading: str = "raw",
    max_skew: datetime.timedelta = datetime.timedelta(minutes=5),
) -> str:
    """Check the request's SigV4 signature and return the access key id; raise SignatureRejected otherwise."""
    headers = _header_map(request.headers)
    auth = _parse_authorization(headers.get("authorization", ""))
    scope = auth["Credential"].split("/")
    if len(scope) != 5 or scope[4] != "aws4_request":
        raise SignatureRejected(f"malformed credential scope {auth['Credential']!r}")
    access_key, date, scope_region, scope_service, _ = scope
    if scope_region != region or scope_service != service:
        raise SignatureRejected(f"signed for {scope_region}/{scope_service}, expected {region}/{service}")
    if access_key not in secrets:
        raise SignatureRejected(f"unknown access key {access_key}")
    secret = secrets[access_key]

    signed_headers = auth["SignedHeaders"].split(";")
    if signed_headers != sorted(signed_headers) or any(h != h.lower() for h in signed_headers):
        raise SignatureRejected("SignedHeaders must be lower case and sorted")
    for required in ("host", "x-amz-date"):
        if required not in signed_headers:
            raise SignatureRejected(f"{required} is not signed")
    missing = [h for h in signed_headers if h not in headers]
    if missing:
        raise SignatureRejected(f"signed headers missing from the request: {missing}")
    if secret.session_token is not None:
        if headers.get("x-amz-security-token") != secret.session_token:
            raise SignatureRejected("session token missing or wrong")
        if "x-amz-security-token" not in signed_headers:
            raise SignatureRejected("x-amz-security-token is not signed")

    amz_date = headers["x-amz-date"]
    try:
        when = datetime.datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
    except ValueError:
        raise SignatureRejected(f"malformed X-Amz-Date {amz_date!r}") from None
    if amz_date[:8] != date:
        raise SignatureRejected("credential scope date differs from X-Amz-Date")
    if abs(now - when) > max_skew:
        raise SignatureRejected(f"X-Amz-Date {amz_date} is more than {max_skew} from now")

    canonical = canonical_request(request, signed_headers, path_reading)
    string_to_sign = "\n".join(
        [ALGORITHM, amz_date, f"{date}/{region}/{service}/aws4_request", hashlib.sha256(canonical.encode("utf-8")).hexdigest()]
    )
    expected = signature(secret.secret_access_key, date, region, service, string_to_sign)
    if not hmac.compare_digest(expected, auth["Signature"]):
        raise SignatureRejected("signature mismatch; canonical request was:\n" + canonical)
    return access_key
