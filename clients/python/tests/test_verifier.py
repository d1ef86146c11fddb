"""The independent verifier itself: AWS's published SigV4 test-suite signatures pass, and each check can fail."""

import datetime
import unittest

from .sigv4_verifier import ReceivedRequest, Secret, SignatureRejected, canonical_query, canonical_uri, verify

EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
SUITE_SECRETS = {"AKIDEXAMPLE": Secret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")}
SUITE_NOW = datetime.datetime(2015, 8, 30, 12, 36, tzinfo=datetime.timezone.utc)
SUITE_SCOPE = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request"


def suite_request(target: str, signature: str, date: str = "20150830T123600Z") -> ReceivedRequest:
    authorization = f"AWS4-HMAC-SHA256 Credential={SUITE_SCOPE}, SignedHeaders=host;x-amz-date, Signature={signature}"
    headers = [("Host", "example.amazonaws.com"), ("X-Amz-Date", date), ("Authorization", authorization)]
    return ReceivedRequest("GET", target, headers, EMPTY)


def suite_verify(request: ReceivedRequest, **overrides) -> str:
    options = dict(service="service", region="us-east-1", now=SUITE_NOW)
    options.update(overrides)
    return verify(request, SUITE_SECRETS, **options)


# From the AWS SigV4 test suite (get-vanilla, get-vanilla-query-order-key-case).
GET_VANILLA = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
GET_VANILLA_QUERY_ORDER = "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"


class PublishedVectors(unittest.TestCase):
    def test_get_vanilla_is_accepted_under_both_path_readings(self):
        for reading in ("raw", "decoded"):
            self.assertEqual(suite_verify(suite_request("/", GET_VANILLA), path_reading=reading), "AKIDEXAMPLE")

    def test_query_parameters_are_sorted_before_signing(self):
        self.assertEqual(suite_verify(suite_request("/?Param2=value2&Param1=value1", GET_VANILLA_QUERY_ORDER)), "AKIDEXAMPLE")


class EachCheckCanFail(unittest.TestCase):
    def assertRejected(self, request, fragment, **overrides):
        with self.assertRaises(SignatureRejected) as caught:
            suite_verify(request, **overrides)
        self.assertIn(fragment, str(caught.exception))

    def test_a_changed_signature(self):
        self.assertRejected(suite_request("/", GET_VANILLA[:-1] + "0"), "signature mismatch")

    def test_a_changed_path_or_query(self):
        self.assertRejected(suite_request("/x", GET_VANILLA), "signature mismatch")
        self.assertRejected(suite_request("/?Param2=value2&Param1=value9", GET_VANILLA_QUERY_ORDER), "signature mismatch")

    def test_a_changed_body(self):
        request = suite_request("/", GET_VANILLA)
        tampered = ReceivedRequest(request.method, request.target, request.headers, "0" * 64)
        self.assertRejected(tampered, "signature mismatch")

    def test_a_wrong_secret_region_or_service(self):
        with self.assertRaises(SignatureRejected):
            verify(suite_request("/", GET_VANILLA), {"AKIDEXAMPLE": Secret("other")}, service="service", region="us-east-1", now=SUITE_NOW)
        self.assertRejected(suite_request("/", GET_VANILLA), "expected eu-west-1/service", region="eu-west-1")
        self.assertRejected(suite_request("/", GET_VANILLA), "expected us-east-1/execute-api", service="execute-api")

    def test_a_stale_date(self):
        self.assertRejected(suite_request("/", GET_VANILLA), "more than", now=SUITE_NOW + datetime.timedelta(minutes=6))

    def test_an_expected_session_token_that_is_absent(self):
        with self.assertRaises(SignatureRejected) as caught:
            verify(suite_request("/", GET_VANILLA), {"AKIDEXAMPLE": Secret("x", "token")}, service="service", region="us-east-1", now=SUITE_NOW)
        self.assertIn("session token", str(caught.exception))


class CanonicalForms(unittest.TestCase):
    def test_path_segments_are_encoded_once_more_than_received(self):
        self.assertEqual(canonical_uri("/a%20b/c", "raw"), "/a%2520b/c")
        self.assertEqual(canonical_uri("/a%20b/c", "decoded"), "/a%2520b/c")

    def test_the_two_readings_differ_on_a_literal_sub_delimiter(self):
        # Why the client sends every reserved byte escaped: then both readings give the same canonical path.
        self.assertEqual(canonical_uri("/a(1)", "raw"), "/a%281%29")
        self.assertEqual(canonical_uri("/a(1)", "decoded"), "/a%25281%2529")
        self.assertEqual(canonical_uri("/a%281%29", "raw"), canonical_uri("/a%281%29", "decoded"))

    def test_dot_segments_and_empty_segments_are_removed(self):
        self.assertEqual(canonical_uri("/a/./b//c/../d/", "raw"), "/a/b/d/")

    def test_plus_in_a_query_is_a_literal_plus(self):
        self.assertEqual(canonical_query("b=2&a=x+y&a=1"), "a=1&a=x%2By&b=2")
