"""Signatures equal botocore's own SigV4Auth for the same request (the URL and body bytes that are sent)."""

import datetime
import io
import os
import tempfile
import unittest
from unittest import mock

import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from mlflow_execute_api_auth.payload import prepare_payload

from .support import ACCESS_KEY, REGION, SECRET_KEY, SESSION_TOKEN, make_signer

API = "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod"
FROZEN_NOW = datetime.datetime(2026, 3, 14, 15, 9, 26)


def frozen_clock():
    # botocore.auth reads the time as datetime.datetime.utcnow(); both signers see the same instant.
    clock = mock.patch("botocore.auth.datetime")
    fake = clock.start()
    fake.datetime.utcnow.return_value = FROZEN_NOW
    fake.datetime.strptime = datetime.datetime.strptime
    return clock


def body_bytes(body) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    position = body.tell()
    data = body.read()
    body.seek(position)
    return data


def botocore_authorization(method: str, url: str, data: bytes, headers=None) -> str:
    request = AWSRequest(method=method, url=url, data=data, headers=headers or {})
    SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN), "execute-api", REGION).add_auth(request)
    return request.headers["Authorization"]


class SameSignatureAsBotocore(unittest.TestCase):
    def setUp(self):
        self.clock = frozen_clock()
        self.addCleanup(self.clock.stop)
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def prepared(self, method, url, **kwargs):
        prepared = requests.Request(method, url, auth=make_signer(), **kwargs).prepare()
        if hasattr(prepared.body, "close"):
            self.addCleanup(prepared.body.close)
        return prepared

    def assertBotocoreAgrees(self, prepared):
        self.assertEqual(prepared.headers["X-Amz-Date"], FROZEN_NOW.strftime("%Y%m%dT%H%M%SZ"))
        self.assertEqual(prepared.headers["X-Amz-Security-Token"], SESSION_TOKEN)
        expected = botocore_authorization(prepared.method, prepared.url, body_bytes(prepared.body))
        self.assertEqual(prepared.headers["Authorization"], expected)

    def test_json_body(self):
        self.assertBotocoreAgrees(self.prepared("POST", f"{API}/api/2.0/mlflow/runs/log-metric", json={"key": "acc", "value": 0.9}))

    def test_streamed_file_body(self):
        path = os.path.join(self.tmp.name, "model.bin")
        with open(path, "wb") as f:
            f.write(os.urandom(3 * 1024 * 1024 + 17))
        with open(path, "rb") as f:
            self.assertBotocoreAgrees(self.prepared("PUT", f"{API}/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/model.bin", data=f))

    def test_generator_body(self):
        chunks = (bytes([i]) * 70_000 for i in range(40))
        self.assertBotocoreAgrees(self.prepared("PUT", f"{API}/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/g.bin", data=chunks))

    def test_empty_bodies(self):
        self.assertBotocoreAgrees(self.prepared("GET", f"{API}/api/2.0/mlflow/experiments/search"))
        self.assertBotocoreAgrees(self.prepared("PUT", f"{API}/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/empty.txt", data=b""))
        self.assertBotocoreAgrees(self.prepared("DELETE", f"{API}/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/x"))

    def test_query_with_reserved_characters_and_repeated_keys(self):
        params = [("experiment_name", "Team A/B: 50% & more=yes+"), ("run_ids", "b"), ("run_ids", "a")]
        self.assertBotocoreAgrees(self.prepared("GET", f"{API}/api/2.0/mlflow/experiments/get-by-name", params=params))

    def test_non_ascii_artifact_path(self):
        url = f"{API}/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/résumé données.txt"
        self.assertBotocoreAgrees(self.prepared("PUT", url, data=b"bonjour"))

    def test_a_url_already_in_canonical_form_is_signed_as_the_caller_wrote_it(self):
        url = f"{API}/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/r%C3%A9sum%C3%A9%20%281%29.txt?a=1&a=0&b=%20"
        prepared = self.prepared("PUT", url, data=b"x")
        self.assertEqual(prepared.url, url)
        self.assertEqual(prepared.headers["Authorization"], botocore_authorization("PUT", url, b"x"))

    def test_the_host_header_when_the_caller_sets_one(self):
        prepared = self.prepared("GET", "http://127.0.0.1:8080/prod/api/2.0/mlflow/experiments/search", headers={"Host": "mlflow.example.com"})
        self.assertEqual(
            prepared.headers["Authorization"],
            botocore_authorization("GET", prepared.url, b"", {"Host": "mlflow.example.com"}),
        )

    def test_file_hash_equals_botocores_own_chunked_hash(self):
        data = os.urandom(2 * 1024 * 1024 + 5)
        ours = prepare_payload(io.BytesIO(data))
        botocore_hash = SigV4Auth(None, "execute-api", REGION).payload(AWSRequest(method="PUT", url=f"{API}/x", data=io.BytesIO(data)))
        self.assertEqual((ours.sha256, ours.length), (botocore_hash, len(data)))
