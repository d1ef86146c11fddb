"""The wire URL equals its own SigV4 canonical form: strict encoding, normalised path, `%20` in queries."""

import unittest

from mlflow_execute_api_auth.canonical_url import canonical_path, canonical_query, canonical_url


class CanonicalPath(unittest.TestCase):
    def test_spaces_non_ascii_and_sub_delimiters_are_percent_encoded(self):
        self.assertEqual(canonical_path("/a/résumé données.txt"), "/a/r%C3%A9sum%C3%A9%20donn%C3%A9es.txt")
        self.assertEqual(canonical_path("/a/m(1)+v=2@x:y"), "/a/m%281%29%2Bv%3D2%40x%3Ay")
        self.assertEqual(canonical_path("/a/r%c3%a9"), "/a/r%C3%A9")

    def test_unreserved_characters_are_left_alone(self):
        self.assertEqual(canonical_path("/api/2.0/mlflow-artifacts/a_b~c.d"), "/api/2.0/mlflow-artifacts/a_b~c.d")

    def test_an_escaped_slash_stays_inside_its_segment(self):
        self.assertEqual(canonical_path("/a/b%2Fc"), "/a/b%2Fc")

    def test_dot_and_empty_segments_are_removed_and_a_trailing_slash_kept(self):
        self.assertEqual(canonical_path("/a//b/./c/../d/"), "/a/b/d/")
        self.assertEqual(canonical_path(""), "/")
        self.assertEqual(canonical_path("/"), "/")
        self.assertEqual(canonical_path("/.."), "/")


class CanonicalQuery(unittest.TestCase):
    def test_plus_is_a_space_and_spaces_are_percent_20(self):
        self.assertEqual(canonical_query("name=My+Exp&x=a%2Bb"), "name=My%20Exp&x=a%2Bb")

    def test_repeated_keys_and_their_order_are_kept(self):
        self.assertEqual(canonical_query("run_ids=b&run_ids=a&x=1"), "run_ids=b&run_ids=a&x=1")

    def test_empty_values_names_without_value_and_empty_pairs(self):
        self.assertEqual(canonical_query("a=&b&&c=1"), "a=&b=&c=1")

    def test_reserved_characters_in_values(self):
        self.assertEqual(canonical_query("f=a/b:c?d#e@f"), "f=a%2Fb%3Ac%3Fd%23e%40f")


class CanonicalUrl(unittest.TestCase):
    EXAMPLES = [
        "https://abc.execute-api.eu-west-1.amazonaws.com/prod/api/2.0/mlflow/runs/get?run_id=1",
        "https://abc.execute-api.eu-west-1.amazonaws.com/prod/api/2.0/mlflow-artifacts/artifacts/1/x/résumé (1).txt",
        "http://127.0.0.1:8080/prod//api/./2.0/x/?a=1+2&a=%2B&b=%C3%A9#frag",
    ]

    def test_scheme_authority_kept_fragment_dropped(self):
        self.assertEqual(
            canonical_url("http://127.0.0.1:8080/prod//api/./2.0/x/?a=1+2&a=%2B#frag"),
            "http://127.0.0.1:8080/prod/api/2.0/x/?a=1%202&a=%2B",
        )

    def test_it_is_idempotent(self):
        for url in self.EXAMPLES:
            once = canonical_url(url)
            self.assertEqual(canonical_url(once), once, url)
