"""The signing region: the execute-api host's, else the environment's or the profile's, else a clear error."""

import unittest

import requests

from mlflow_execute_api_auth.errors import RegionNotFoundError
from mlflow_execute_api_auth.region import region_from_host, resolve_region

from .support import make_signer


class RegionFromHost(unittest.TestCase):
    def test_execute_api_host_forms(self):
        cases = {
            "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com": "eu-west-1",
            "A1B2C3D4E5.EXECUTE-API.US-EAST-2.AMAZONAWS.COM": "us-east-2",
            "a1b2c3d4e5-vpce-0123456789abcdef0.execute-api.ap-southeast-2.amazonaws.com": "ap-southeast-2",
            "vpce-0123-abcd.execute-api.us-gov-west-1.vpce.amazonaws.com": "us-gov-west-1",
            "a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn": "cn-north-1",
        }
        for host, region in cases.items():
            self.assertEqual(region_from_host(host), region, host)

    def test_other_hosts_carry_no_region(self):
        for host in ("mlflow.example.com", "127.0.0.1", "execute-api.example.com", "x.execute-api.eu-west-1.amazonaws.com.evil.com", None, ""):
            self.assertIsNone(region_from_host(host), host)


class ResolveRegion(unittest.TestCase):
    def test_the_host_wins_over_the_environment(self):
        self.assertEqual(resolve_region("a.execute-api.eu-west-1.amazonaws.com", {"AWS_REGION": "us-east-1"}), "eu-west-1")

    def test_environment_then_profile(self):
        self.assertEqual(resolve_region("mlflow.example.com", {"AWS_REGION": "eu-central-1", "AWS_DEFAULT_REGION": "us-east-1"}), "eu-central-1")
        self.assertEqual(resolve_region("mlflow.example.com", {"AWS_DEFAULT_REGION": "us-east-1"}), "us-east-1")
        self.assertEqual(resolve_region("mlflow.example.com", {}, lambda: "sa-east-1"), "sa-east-1")

    def test_no_region_anywhere_is_a_clear_error(self):
        with self.assertRaises(RegionNotFoundError) as caught:
            resolve_region("mlflow.example.com", {"AWS_REGION": "  "})
        self.assertIn("AWS_REGION", str(caught.exception))
        self.assertIn("mlflow.example.com", str(caught.exception))

    def test_the_signer_signs_for_the_hosts_region(self):
        prepared = requests.Request("GET", "https://a.execute-api.ap-south-1.amazonaws.com/prod/api/2.0/mlflow/experiments/search", auth=make_signer("eu-west-1")).prepare()
        self.assertIn("/ap-south-1/execute-api/aws4_request", prepared.headers["Authorization"])

    def test_the_signer_reports_a_missing_region_before_sending(self):
        with self.assertRaises(RegionNotFoundError):
            requests.Request("GET", "https://mlflow.example.com/api/2.0/mlflow/experiments/search", auth=make_signer(None)).prepare()
