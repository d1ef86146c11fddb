"""The package installs with pip and registers the entry point MLflow's plugin registry looks up."""

import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest

PROJECT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHIM = os.path.join(PROJECT, "tests", "mlflow_shim")

# What mlflow.tracking.request_auth.registry does: load every entry point of the group, instantiate it, and
# return get_auth() of the provider whose get_name() equals MLFLOW_TRACKING_AUTH.
REGISTRY_LOOKUP = textwrap.dedent(
    """
    import os
    from importlib.metadata import entry_points
    from requests.auth import AuthBase

    providers = [ep.load()() for ep in entry_points(group="mlflow.request_auth_provider")]
    wanted = os.environ["MLFLOW_TRACKING_AUTH"]
    auth = next(p.get_auth() for p in providers if p.get_name() == wanted)
    assert isinstance(auth, AuthBase), auth
    print(type(auth).__module__ + "." + type(auth).__name__)
    """
)


class PipInstall(unittest.TestCase):
    def test_pip_installs_it_and_mlflows_lookup_finds_the_plugin(self):
        with tempfile.TemporaryDirectory() as tmp:
            source = os.path.join(tmp, "source")
            target = os.path.join(tmp, "site")
            # A copy, so the in-tree build leaves nothing behind in the checkout.
            shutil.copytree(PROJECT, source, ignore=shutil.ignore_patterns("tests", "build", "*.egg-info", "__pycache__"))
            install = subprocess.run(
                [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", "--target", target, source],
                capture_output=True,
                text=True,
                timeout=300,
            )
            self.assertEqual(install.returncode, 0, install.stdout + install.stderr)
            lookup = subprocess.run(
                [sys.executable, "-c", REGISTRY_LOOKUP],
                capture_output=True,
                text=True,
                timeout=60,
                cwd=tmp,
                env=dict(os.environ, PYTHONPATH=os.pathsep.join([target, SHIM]), MLFLOW_TRACKING_AUTH="execute-api-sigv4"),
            )
        self.assertEqual(lookup.returncode, 0, lookup.stderr)
        self.assertEqual(lookup.stdout.strip(), "mlflow_execute_api_auth.signing.ExecuteApiSigV4Auth")
