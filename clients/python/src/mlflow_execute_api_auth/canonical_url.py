"""The URL a signed request is sent to: one spelling that every SigV4 reading of it agrees on.

SigV4 for non-S3 services (API Gateway included) signs the path URI-encoded twice relative to the raw path:
the client signs quote(path as sent), the path as sent being already encoded once. `requests` leaves
sub-delimiters such as `(`, `+`, `=`, `:` and `@` literal in paths, and encodes query spaces as `+`, so a
verifier that decodes before it re-encodes computes another canonical request than one that does not. Sending
every byte outside RFC 3986's unreserved set percent-encoded (uppercase), dot and empty segments removed, and
the query strictly encoded (`%20`, never `+`; repeated keys kept in order) makes the wire form equal its own
canonical form, so both readings, and botocore, agree. The server decodes it to the same path and values.
"""

from __future__ import annotations

from urllib.parse import quote, unquote_to_bytes, urlsplit, urlunsplit

# RFC 3986 unreserved characters: the only ones SigV4 leaves unencoded.
_UNRESERVED = "-_.~"


def _encode(raw: bytes) -> str:
    return quote(raw, safe=_UNRESERVED)


def canonical_path(path: str) -> str:
    """The path with dot and empty segments removed and each segment strictly percent-encoded."""
    if not path:
        return "/"
    segments = []
    for segment in path.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if segments:
                segments.pop()
            continue
        # Decoding first keeps an escaped slash (%2F) inside its segment while normalising its spelling.
        segments.append(_encode(unquote_to_bytes(segment)))
    # Same normalisation as botocore's canonical path (remove_dot_segments, which also drops `//`).
    trailing = "/" if path.endswith("/") and segments else ""
    return "/" + "/".join(segments) + trailing


def canonical_query(query: str) -> str:
    """The query with each name and value strictly percent-encoded, `+` read as a space, order kept."""
    pairs = []
    for pair in query.split("&"):
        if not pair:
            continue
        name, _, value = pair.partition("=")
        # requests (urlencode) writes spaces as `+`; every server MLflow runs on reads `+` as a space.
        pairs.append(
            _encode(unquote_to_bytes(name.replace("+", " ")))
            + "="
            + _encode(unquote_to_bytes(value.replace("+", " ")))
        )
    return "&".join(pairs)


def canonical_url(url: str) -> str:
    """The URL to sign and send: scheme and authority kept, path and query canonical, fragment dropped."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, canonical_path(parts.path), canonical_query(parts.query), ""))
