"""Request bodies hashed for SigV4 by reading them once, in chunks, and handed back in a replayable form."""

from __future__ import annotations

import hashlib
import io
import tempfile
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Optional

from .errors import UnsupportedBodyError

CHUNK_SIZE = 1024 * 1024
# Streamed bodies up to this size stay in memory while spooled; larger ones go to a temporary file.
SPOOL_MEMORY_LIMIT = 1024 * 1024

EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


@dataclass
class PreparedPayload:
    """What to send, its SHA-256 (hex) and length, and the spool file to close once the response is in."""

    body: Any
    sha256: str
    length: int
    spool: Optional[Any] = None


def _as_bytes(chunk: Any) -> bytes:
    if isinstance(chunk, str):
        return chunk.encode("utf-8")
    if isinstance(chunk, (bytes, bytearray, memoryview)):
        return bytes(chunk)
    raise UnsupportedBodyError(f"A streamed request body yielded {type(chunk).__name__}, not bytes or str.")


def _read_chunks(readable: Any) -> Iterator[Any]:
    while True:
        chunk = readable.read(CHUNK_SIZE)
        if not chunk:
            return
        yield chunk


def _spool(chunks: Iterable[Any]) -> PreparedPayload:
    # Generators and unseekable streams can be read only once: copy them aside while hashing, so the copy
    # (seekable, rewound) is what requests sends, with a Content-Length instead of chunked encoding, which
    # API Gateway does not accept for request bodies.
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY_LIMIT)
    digest = hashlib.sha256()
    length = 0
    try:
        for chunk in chunks:
            data = _as_bytes(chunk)
            digest.update(data)
            spool.write(data)
            length += len(data)
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    return PreparedPayload(spool, digest.hexdigest(), length, spool)


def _seekable_start(readable: Any) -> Optional[int]:
    try:
        if hasattr(readable, "seekable") and not readable.seekable():
            return None
        return readable.tell()
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return None


def _prepare_readable(readable: Any) -> PreparedPayload:
    start = _seekable_start(readable)
    if start is None:
        return _spool(_read_chunks(readable))
    digest = hashlib.sha256()
    length = 0
    for chunk in _read_chunks(readable):
        if isinstance(chunk, str):
            # A text-mode file: http.client would send it Latin-1 encoded; send UTF-8 bytes we hashed instead.
            readable.seek(start)
            return _spool(_read_chunks(readable))
        digest.update(chunk)
        length += len(chunk)
    # Rewound to where the caller left it: requests sends from here, and urllib3 rewinds here on a retry.
    readable.seek(start)
    return PreparedPayload(readable, digest.hexdigest(), length)


def prepare_payload(body: Any) -> PreparedPayload:
    """Hash `body` (None, bytes, str, file-like or an iterable of chunks) and return what to send in its place."""
    if body is None:
        return PreparedPayload(None, EMPTY_SHA256, 0)
    if isinstance(body, str):
        body = body.encode("utf-8")
    if isinstance(body, (bytes, bytearray, memoryview)):
        data = bytes(body)
        return PreparedPayload(data, hashlib.sha256(data).hexdigest(), len(data))
    if hasattr(body, "read"):
        return _prepare_readable(body)
    if isinstance(body, Iterable):
        return _spool(body)
    raise UnsupportedBodyError(f"Cannot sign a request body of type {type(body).__name__}.")
