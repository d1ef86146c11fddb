"""Local mode's Python end-to-end run for one SageMaker identity, as a notebook of that identity would run it.

Usage: python3 notebook_e2e.py PLAN.json REPORT.json

The identity's keys, MLFLOW_TRACKING_URI, MLFLOW_TRACKING_AUTH=execute-api-sigv4 and the multipart settings come
from the environment, as in a notebook. The MLflow client calls go through the shim in mlflow_shim/ (MLflow's
module paths and request shapes); the plugin comes from clients/python/src and is found the way MLflow finds it,
through its entry point, from distribution metadata written here from clients/python/pyproject.toml (what
`pip install` would write). Every HTTP request is recorded (method, URL, status, declared length, signed or not,
urllib3 retries). Each scenario's outcome, requests and timings go to REPORT.json; the vitest side
(local/test/python.e2e.test.ts) holds the expectations. PLAN.json: {"pyproject", "small_file", "large_file", "run"}.
"""

import datetime
import json
import os
import sys
import tempfile
import time
import tomllib
import tracemalloc
import types
from unittest import mock


def install_plugin_metadata(pyproject_path, site):
    """Writes the plugin's .dist-info (name, version, entry points) into `site`, which goes on sys.path."""
    with open(pyproject_path, "rb") as f:
        project = tomllib.load(f)["project"]
    dist_info = os.path.join(site, f"{project['name'].replace('-', '_')}-{project['version']}.dist-info")
    os.makedirs(dist_info)
    with open(os.path.join(dist_info, "METADATA"), "w", encoding="utf-8") as f:
        f.write(f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n")
    with open(os.path.join(dist_info, "entry_points.txt"), "w", encoding="utf-8") as f:
        for group, entries in project.get("entry-points", {}).items():
            f.write(f"[{group}]\n")
            for name, target in entries.items():
                f.write(f"{name} = {target}\n")
    sys.path.insert(0, site)


PLAN = json.load(open(sys.argv[1], encoding="utf-8"))
REPORT_PATH = sys.argv[2]
install_plugin_metadata(PLAN["pyproject"], tempfile.mkdtemp(prefix="mlflow-plugin-site-"))

import botocore.auth  # noqa: E402
import botocore.session  # noqa: E402
import requests  # noqa: E402
from mlflow_execute_api_auth.credentials import DefaultChainCredentials  # noqa: E402
from mlflow_execute_api_auth.signing import ExecuteApiSigV4Auth  # noqa: E402

from mlflow.store.artifact.mlflow_artifacts_repo import MlflowArtifactsRepository  # noqa: E402
from mlflow.store.model_registry.rest_store import RestStore as RegistryStore  # noqa: E402
from mlflow.store.tracking.rest_store import RestStore  # noqa: E402
from mlflow.utils.rest_utils import get_default_host_creds  # noqa: E402

TRACKING_URI = os.environ["MLFLOW_TRACKING_URI"]
TRACE = []
_send = requests.Session.send


def traced_send(self, request, **kwargs):
    entry = {
        "method": request.method,
        "url": request.url,
        "signed": (request.headers.get("Authorization") or "").startswith("AWS4-HMAC-SHA256 "),
        "contentLength": int(request.headers.get("Content-Length") or 0),
        "chunked": "chunked" in (request.headers.get("Transfer-Encoding") or ""),
    }
    started = time.monotonic()
    try:
        response = _send(self, request, **kwargs)
        entry["status"] = response.status_code
        retries = getattr(getattr(response, "raw", None), "retries", None)
        entry["retries"] = len(retries.history) if retries is not None else 0
        return response
    except Exception as e:
        entry["error"] = repr(e)[:300]
        raise
    finally:
        entry["seconds"] = round(time.monotonic() - started, 3)
        TRACE.append(entry)


requests.Session.send = traced_send
REPORT = {"accessKeyId": os.environ.get("AWS_ACCESS_KEY_ID"), "scenarios": {}}


def scenario(name, run, measure_memory=False):
    before = len(TRACE)
    started = time.monotonic()
    result = {}
    if measure_memory:
        tracemalloc.start()
    try:
        result.update(outcome="returned", value=run())
    except Exception as e:  # noqa: BLE001 - the outcome is what is reported
        response = getattr(e, "response", None)
        result.update(outcome="raised", exception=type(e).__name__, message=str(e)[:600], status=getattr(response, "status_code", None))
    finally:
        if measure_memory:
            result["peakTracedBytes"] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    result["seconds"] = round(time.monotonic() - started, 3)
    result["requests"] = TRACE[before:]
    REPORT["scenarios"][name] = result


def host_creds():
    return get_default_host_creds(TRACKING_URI)


def artifacts():
    return MlflowArtifactsRepository(f"mlflow-artifacts:/0/{PLAN['run']}/artifacts", TRACKING_URI)


def with_env(name, value, run):
    def wrapped():
        with mock.patch.dict(os.environ, {name: value}):
            return run()

    return wrapped


READ_URL = f"{TRACKING_URI}/api/2.0/mlflow/experiments/get?experiment_id=0"
CREATE_URL = f"{TRACKING_URI}/api/2.0/mlflow/experiments/create"


def answer(response):
    return {"status": response.status_code, "body": response.text[:600]}


class TamperedSignature(requests.auth.AuthBase):
    """Signs with the plugin, then changes one hex digit of the signature."""

    def __call__(self, request):
        request = ExecuteApiSigV4Auth()(request)
        header = request.headers["Authorization"]
        request.headers["Authorization"] = header[:-1] + ("0" if header[-1] != "0" else "1")
        return request


class TamperedBody(requests.auth.AuthBase):
    """Signs with the plugin, then sends another body of the same length."""

    def __call__(self, request):
        request = ExecuteApiSigV4Auth()(request)
        request.body = request.body.replace(b"aaaa", b"bbbb")
        return request


class _TenMinutesAgo(datetime.datetime):
    @classmethod
    def utcnow(cls):
        return datetime.datetime.utcnow() - datetime.timedelta(minutes=10)


def signed_ten_minutes_ago():
    # botocore's SigV4 reads the time from its module's `datetime`; the plugin signs with it.
    with mock.patch.object(botocore.auth, "datetime", types.SimpleNamespace(datetime=_TenMinutesAgo)):
        return answer(requests.get(READ_URL, auth=ExecuteApiSigV4Auth()))


def unknown_key():
    session = botocore.session.get_session()
    session.set_credentials("AKIAZZZZZZZZZZZZZZZZ", "x" * 40)
    return answer(requests.get(READ_URL, auth=ExecuteApiSigV4Auth(credentials=DefaultChainCredentials(session))))


# The MLflow client calls, through the shim and the plugin.
scenario("read", lambda: RestStore(host_creds).get_experiment("0"))
scenario("search", lambda: RestStore(host_creds).search_experiments(max_results=25, filter_string="name LIKE 'e2e %'"))
scenario("create-experiment", lambda: RestStore(host_creds).create_experiment(f"e2e {REPORT['accessKeyId']}"))
scenario("create-registered-model", lambda: RegistryStore(host_creds).create_registered_model(f"e2e-{REPORT['accessKeyId']}"))
scenario("delete-experiment", lambda: RestStore(host_creds).delete_experiment("1"))
scenario("upload-small", lambda: artifacts().log_artifact(PLAN["small_file"], "data"), measure_memory=True)
scenario("upload-large-multipart", lambda: artifacts().log_artifact(PLAN["large_file"], "model"), measure_memory=True)
scenario("upload-large-single", with_env("MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD", "false", lambda: artifacts().log_artifact(PLAN["large_file"], "single")), measure_memory=True)
# Requests the gateway must refuse whoever sends them.
scenario("no-signature", lambda: answer(requests.get(READ_URL)))
scenario("tampered-signature", lambda: answer(requests.get(READ_URL, auth=TamperedSignature())))
scenario("tampered-body", lambda: answer(requests.post(CREATE_URL, data=b'{"name": "aaaa"}', auth=TamperedBody())))
scenario("expired-signature", signed_ten_minutes_ago)
scenario("unknown-key", unknown_key)

with open(REPORT_PATH, "w", encoding="utf-8") as f:
    json.dump(REPORT, f, indent=1)
