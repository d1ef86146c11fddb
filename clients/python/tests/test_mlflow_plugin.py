"""The MLflow-facing plugin: MLflow's interface, the entry point MLflow looks up, and a request it signs."""

import importlib
import os
import sys
import tempfile
import tomllib
import unittest
from unittest import mock

import requests
from requests.auth import AuthBase

_HERE = os.path.dirname(os.path.abspath(__file__))
try:
    import mlflow.tracking.request_auth.abstract_request_auth_provider  # noqa: F401  (a real MLflow if present)
except ImportError:
    sys.path.insert(0, os.path.join(_HERE, "mlflow_shim"))

from mlflow.tracking.request_auth.abstract_request_auth_provider import RequestAuthProvider  # noqa: E402

from mlflow_execute_api_auth.mlflow_plugin import PLUGIN_NAME, ExecuteApiRequestAuthProvider  # noqa: E402
from mlflow_execute_api_auth.signing import ExecuteApiSigV4Auth  # noqa: E402

from .support import ACCESS_KEY, REGION, SECRET_KEY, SESSION_TOKEN, VerifyingServer  # noqa: E402

PYPROJECT = os.path.join(os.path.dirname(_HERE), "pyproject.toml")
ENTRY_POINT_GROUP = "mlflow.request_auth_provider"


class Provider(unittest.TestCase):
    def test_it_implements_mlflows_request_auth_provider(self):
        provider = ExecuteApiRequestAuthProvider()
        self.assertIsInstance(provider, RequestAuthProvider)
        self.assertEqual(provider.get_name(), "execute-api-sigv4")

    def test_get_auth_gives_one_requests_auth_per_provider(self):
        provider = ExecuteApiRequestAuthProvider()
        auth = provider.get_auth()
        self.assertIsInstance(auth, AuthBase)
        self.assertIsInstance(auth, ExecuteApiSigV4Auth)
        self.assertIs(provider.get_auth(), auth)

    def test_the_entry_point_names_the_provider_mlflow_will_match(self):
        with open(PYPROJECT, "rb") as f:
            entry_points = tomllib.load(f)["project"]["entry-points"][ENTRY_POINT_GROUP]
        self.assertEqual(list(entry_points), [PLUGIN_NAME])
        module_name, _, attribute = entry_points[PLUGIN_NAME].partition(":")
        provider_class = getattr(importlib.import_module(module_name), attribute)
        self.assertIs(provider_class, ExecuteApiRequestAuthProvider)
        # MLflow's registry instantiates the class without arguments and matches get_name() against
        # MLFLOW_TRACKING_AUTH.
        self.assertEqual(provider_class().get_name(), PLUGIN_NAME)

    def test_an_artifact_upload_as_mlflow_sends_it_verifies(self):
        env = {
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_SESSION_TOKEN": SESSION_TOKEN,
            "AWS_REGION": REGION,
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "AWS_EC2_METADATA_DISABLED": "true",
        }
        with mock.patch.dict(os.environ, env, clear=True), VerifyingServer() as server, tempfile.TemporaryFile() as f:
            f.write(b"\x00\x01" * 300_000)
            f.seek(0)
            # As mlflow.utils.rest_utils.http_request does: PUT data=<open file>, Content-Type, auth=get_auth().
            with requests.Session() as session:
                response = session.request(
                    "PUT",
                    f"{server.url}/prod/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/données.bin",
                    data=f,
                    headers={"Content-Type": "application/octet-stream"},
                    auth=ExecuteApiRequestAuthProvider().get_auth(),
                    timeout=30,
                )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["length"], 600_000)
