"""Test fixtures: fixed credentials, a signer bound to them, and a local HTTP server that verifies SigV4."""

from __future__ import annotations

import datetime
import hashlib
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Dict, List, Optional

from botocore.credentials import Credentials

from mlflow_execute_api_auth.credentials import DefaultChainCredentials
from mlflow_execute_api_auth.signing import ExecuteApiSigV4Auth

from .sigv4_verifier import ReceivedRequest, Secret, SignatureRejected, verify

ACCESS_KEY = "AKIDTESTEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYTESTKEY"
SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE//token+with/odd=chars"
REGION = "eu-west-1"
SECRETS = {ACCESS_KEY: Secret(SECRET_KEY, SESSION_TOKEN)}
READ_CHUNK = 64 * 1024


class StaticSession:
    """The two botocore Session methods the signer calls, over fixed credentials."""

    def __init__(self, credentials: Optional[Credentials], region: Optional[str] = None) -> None:
        self.credentials = credentials
        self.region = region

    def get_credentials(self) -> Optional[Credentials]:
        return self.credentials

    def get_config_variable(self, name: str) -> Optional[str]:
        return self.region if name == "region" else None


def make_signer(region: Optional[str] = REGION) -> ExecuteApiSigV4Auth:
    """A signer with the test credentials; the region comes from the (empty) environment unless given."""
    credentials = DefaultChainCredentials(StaticSession(Credentials(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN)))
    return ExecuteApiSigV4Auth(credentials=credentials, environ={"AWS_REGION": region} if region else {})



def sha256_of_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class Received:
    """One request as the server saw it, and what the verifier said under each path reading."""

    method: str
    target: str
    length: int
    sha256: str
    verdicts: Dict[str, str] = field(default_factory=dict)  # path reading → "ok" or the rejection reason

    @property
    def accepted(self) -> bool:
        return all(v == "ok" for v in self.verdicts.values())


class VerifyingServer:
    """A threaded HTTP server on 127.0.0.1 that hashes each body as it arrives, in chunks, and verifies it.

    It answers 200 when the signature verifies under both path readings, 403 otherwise, 411 to a chunked body.
    `fail_first` makes it answer 503 to the first N requests (after reading their bodies) to exercise retries.
    """

    def __init__(self, region: str = REGION, fail_first: int = 0) -> None:
        self.region = region
        self.fail_first = fail_first
        self.received: List[Received] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> "VerifyingServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def _record(self, received: Received) -> int:
        with self._lock:
            self.received.append(received)
            if self.fail_first > 0:
                self.fail_first -= 1
                return 503
        return 200 if received.accepted else 403

    def _handler_class(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _handle(self) -> None:
                if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                    self._reply(411, {"message": "chunked request bodies are not accepted"})
                    return
                remaining = int(self.headers.get("Content-Length") or 0)
                digest = hashlib.sha256()
                length = 0
                while remaining:
                    chunk = self.rfile.read(min(READ_CHUNK, remaining))
                    if not chunk:
                        break
                    digest.update(chunk)
                    length += len(chunk)
                    remaining -= len(chunk)
                request = ReceivedRequest(self.command, self.path, list(self.headers.items()), digest.hexdigest())
                received = Received(self.command, self.path, length, digest.hexdigest())
                now = datetime.datetime.now(datetime.timezone.utc)
                for reading in ("raw", "decoded"):
                    try:
                        verify(request, SECRETS, service="execute-api", region=server.region, now=now, path_reading=reading)
                        received.verdicts[reading] = "ok"
                    except SignatureRejected as rejected:
                        received.verdicts[reading] = str(rejected)
                status = server._record(received)
                self._reply(status, {"target": received.target, "length": length, "sha256": received.sha256, "verdicts": received.verdicts})

            def _reply(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)

            do_GET = do_PUT = do_POST = do_DELETE = do_PATCH = do_HEAD = _handle

        return Handler
