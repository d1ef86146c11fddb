"""Requests sent over a real socket to a local server that hashes the body itself and verifies the signature
with the independent verifier, under both readings of the path; tampering makes it fail."""

import os
import tempfile
import tracemalloc
import unittest
from typing import Optional
from urllib.parse import quote

import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .support import ACCESS_KEY, REGION, SECRET_KEY, SESSION_TOKEN, VerifyingServer, make_signer, sha256_of_file

MB = 1024 * 1024
ARTIFACTS = "/prod/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts"
# Far below the 50 MB body: the hash reads 1 MiB at a time, http.client sends 8 KiB blocks, the server reads 64 KiB.
PEAK_MEMORY_LIMIT = 5 * MB


def write_file(path: str, size: int) -> None:
    block = os.urandom(MB)
    with open(path, "wb") as f:
        for offset in range(0, size, MB):
            f.write(block[: min(MB, size - offset)])


class WireVerification(unittest.TestCase):
    def setUp(self):
        self.server = VerifyingServer()
        self.server.__enter__()
        self.addCleanup(self.server.__exit__, None, None, None)
        self.session = requests.Session()
        self.addCleanup(self.session.close)
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def send(self, method: str, path: str, **kwargs) -> requests.Response:
        return self.session.request(method, self.server.url + path, auth=make_signer(), timeout=30, **kwargs)

    def assertVerified(self, response: requests.Response, length: Optional[int] = None, sha256: Optional[str] = None):
        body = response.json()
        self.assertEqual(response.status_code, 200, body)
        self.assertEqual(body["verdicts"], {"raw": "ok", "decoded": "ok"})
        if length is not None:
            self.assertEqual(body["length"], length)
        if sha256 is not None:
            self.assertEqual(body["sha256"], sha256)
        return body

    def assertRejected(self, response: requests.Response):
        self.assertEqual(response.status_code, 403, response.text)
        for verdict in response.json()["verdicts"].values():
            self.assertIn("signature mismatch", verdict)

    def test_a_50_mb_file_is_streamed_in_chunks_and_verifies(self):
        path = os.path.join(self.tmp.name, "weights.bin")
        size = 50 * MB
        write_file(path, size)
        expected = sha256_of_file(path)
        tracemalloc.start()
        try:
            with open(path, "rb") as f:
                response = self.send("PUT", f"{ARTIFACTS}/weights.bin", data=f)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        self.assertVerified(response, size, expected)
        self.assertLess(peak, PEAK_MEMORY_LIMIT, f"peak traced memory {peak} bytes while sending {size} bytes")

    def test_a_generator_body_is_spooled_not_held_in_memory_and_verifies(self):
        size = 12 * MB
        pattern = bytes(range(256)) * 256  # 64 KiB

        def chunks():
            for _ in range(size // len(pattern)):
                yield pattern

        tracemalloc.start()
        try:
            response = self.send("PUT", f"{ARTIFACTS}/stream.bin", data=chunks())
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        self.assertVerified(response, size)
        self.assertLess(peak, PEAK_MEMORY_LIMIT)

    def test_empty_bodies_verify(self):
        self.assertVerified(self.send("PUT", f"{ARTIFACTS}/empty.txt", data=b""), 0)
        self.assertVerified(self.send("GET", "/prod/api/2.0/mlflow/experiments/search"), 0)
        self.assertVerified(self.send("DELETE", f"{ARTIFACTS}/empty.txt"), 0)

    def test_a_query_with_reserved_characters_and_repeated_keys_verifies(self):
        params = [("experiment_name", "Team A/B: 50% & more=yes+ é"), ("run_ids", "r2"), ("run_ids", "r1"), ("flag", "")]
        body = self.assertVerified(self.send("GET", "/prod/api/2.0/mlflow/experiments/get-by-name", params=params))
        self.assertEqual(
            body["target"],
            "/prod/api/2.0/mlflow/experiments/get-by-name"
            "?experiment_name=Team%20A%2FB%3A%2050%25%20%26%20more%3Dyes%2B%20%C3%A9&run_ids=r2&run_ids=r1&flag=",
        )

    def test_a_non_ascii_artifact_path_verifies(self):
        body = self.assertVerified(self.send("PUT", f"{ARTIFACTS}/résumé données.txt", data="données".encode()))
        self.assertEqual(body["target"], f"{ARTIFACTS}/r%C3%A9sum%C3%A9%20donn%C3%A9es.txt")

    def test_a_path_with_sub_delimiters_verifies_under_both_readings(self):
        name = "model (1)+v=2@x:y,z;w!$&'*.pkl"
        body = self.assertVerified(self.send("PUT", f"{ARTIFACTS}/{name}", data=b"m"))
        self.assertEqual(body["target"], f"{ARTIFACTS}/{quote(name, safe='')}")

    def test_a_retried_request_replays_the_same_file_body(self):
        self.server.fail_first = 1
        retries = Retry(total=2, status_forcelist=[503], allowed_methods=None, backoff_factor=0, raise_on_status=False)
        self.session.mount("http://", HTTPAdapter(max_retries=retries))
        path = os.path.join(self.tmp.name, "retry.bin")
        write_file(path, 3 * MB + 1)
        with open(path, "rb") as f:
            response = self.send("PUT", f"{ARTIFACTS}/retry.bin", data=f)
        self.assertVerified(response, 3 * MB + 1, sha256_of_file(path))
        self.assertEqual([r.length for r in self.server.received], [3 * MB + 1, 3 * MB + 1])

    # --- the verifier can fail: what changes after signing is caught -------------------------------------

    def prepare(self, method: str, path: str, **kwargs) -> requests.PreparedRequest:
        return self.session.prepare_request(requests.Request(method, self.server.url + path, auth=make_signer(), **kwargs))

    def test_a_tampered_body_fails(self):
        prepared = self.prepare("PUT", f"{ARTIFACTS}/a.txt", data=b"A" * 1000)
        prepared.body = b"B" * 1000
        self.assertRejected(self.session.send(prepared))

    def test_a_file_changed_after_signing_fails(self):
        path = os.path.join(self.tmp.name, "changed.bin")
        write_file(path, 2 * MB)
        with open(path, "r+b") as f:
            prepared = self.prepare("PUT", f"{ARTIFACTS}/changed.bin", data=f)
            f.seek(MB)
            f.write(b"tampered")
            f.seek(0)
            self.assertRejected(self.session.send(prepared))

    def test_a_tampered_path_or_query_fails(self):
        prepared = self.prepare("PUT", f"{ARTIFACTS}/a.txt", data=b"x")
        prepared.url = prepared.url.replace("/abc/", "/abd/")
        self.assertRejected(self.session.send(prepared))
        prepared = self.prepare("GET", "/prod/api/2.0/mlflow/runs/get", params={"run_id": "r1"})
        prepared.url = prepared.url.replace("r1", "r2")
        self.assertRejected(self.session.send(prepared))

    def test_botocore_on_the_url_requests_prepares_fails_where_this_signer_succeeds(self):
        # The bug class of MLflow's built-in signer: requests writes a query space as "+", which the verifier
        # (like SigV4) reads as a literal plus.
        prepared = self.session.prepare_request(requests.Request("GET", self.server.url + "/prod/api/2.0/mlflow/experiments/get-by-name", params={"experiment_name": "My Exp"}))
        self.assertIn("My+Exp", prepared.url)
        signed = AWSRequest(method="GET", url=prepared.url, data=b"")
        SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN), "execute-api", REGION).add_auth(signed)
        prepared.headers.update(dict(signed.headers.items()))
        self.assertRejected(self.session.send(prepared))
        self.assertVerified(self.send("GET", "/prod/api/2.0/mlflow/experiments/get-by-name", params={"experiment_name": "My Exp"}))
