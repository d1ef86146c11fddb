"""Credentials come from botocore's default chain and are refreshed by botocore, never pinned by the signer."""

import datetime
import os
import unittest
from unittest import mock

import requests
from botocore.credentials import RefreshableCredentials

from mlflow_execute_api_auth.credentials import DefaultChainCredentials
from mlflow_execute_api_auth.errors import CredentialsNotFoundError
from mlflow_execute_api_auth.signing import ExecuteApiSigV4Auth

from .support import StaticSession

URL = "https://a.execute-api.eu-west-1.amazonaws.com/prod/api/2.0/mlflow/experiments/search"


def access_key_of(prepared) -> str:
    return prepared.headers["Authorization"].split("Credential=")[1].split("/")[0]


class Refresh(unittest.TestCase):
    def test_rotated_role_credentials_are_used_by_the_next_request(self):
        issued = []

        def refresh():
            issued.append(f"ASIAROTATED{len(issued)}")
            # Already inside botocore's mandatory-refresh window, as a role credential about to expire is.
            expiry = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=30)
            return {"access_key": issued[-1], "secret_key": "s", "token": f"t{len(issued)}", "expiry_time": expiry.isoformat()}

        credentials = RefreshableCredentials.create_from_metadata(refresh(), refresh, "test")
        auth = ExecuteApiSigV4Auth(credentials=DefaultChainCredentials(StaticSession(credentials)))
        first = requests.Request("GET", URL, auth=auth).prepare()
        second = requests.Request("GET", URL, auth=auth).prepare()
        self.assertNotEqual(access_key_of(first), access_key_of(second))
        self.assertEqual(access_key_of(second), issued[-1])
        self.assertEqual(second.headers["X-Amz-Security-Token"], f"t{len(issued)}")


class DefaultChain(unittest.TestCase):
    ISOLATED = {
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
    }

    def test_environment_credentials_through_a_real_botocore_session(self):
        env = dict(self.ISOLATED, AWS_ACCESS_KEY_ID="AKIDFROMENV", AWS_SECRET_ACCESS_KEY="secret", AWS_SESSION_TOKEN="tok")
        with mock.patch.dict(os.environ, env, clear=True):
            prepared = requests.Request("GET", URL, auth=ExecuteApiSigV4Auth()).prepare()
        self.assertEqual(access_key_of(prepared), "AKIDFROMENV")
        self.assertEqual(prepared.headers["X-Amz-Security-Token"], "tok")

    def test_no_credentials_is_a_clear_error(self):
        with mock.patch.dict(os.environ, self.ISOLATED, clear=True):
            with self.assertRaises(CredentialsNotFoundError) as caught:
                requests.Request("GET", URL, auth=ExecuteApiSigV4Auth()).prepare()
        self.assertIn("default chain", str(caught.exception))

    def test_the_session_is_created_on_first_use_only(self):
        with mock.patch("botocore.session.get_session") as get_session:
            ExecuteApiSigV4Auth()
            get_session.assert_not_called()
