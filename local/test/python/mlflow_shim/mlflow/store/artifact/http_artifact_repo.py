"""The artifact repository of `mlflow server --serve-artifacts` (mlflow/store/artifact/http_artifact_repo.py).

log_artifact: a file at least MLFLOW_MULTIPART_UPLOAD_MINIMUM_FILE_SIZE big, with MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD
on, goes by the proxied multipart upload — `POST mpu/create/<path>` {path, num_parts} (through the tracking server,
signed), one unsigned `requests.put` of each chunk (read whole, MLFLOW_MULTIPART_UPLOAD_CHUNK_SIZE) to the part URL
it returned, on a thread pool, then `POST mpu/complete/<path>` {path, upload_id, parts} (or `mpu/abort/<path>` on a
failure, re-raising). A server without multipart support sends it back to the plain way: one streamed
`PUT artifacts/<path>/<file>` of the open file through the tracking server.
"""

import math
import os
import posixpath
from concurrent.futures import ThreadPoolExecutor

import requests
from requests.exceptions import HTTPError

from mlflow.environment_variables import (
    MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD,
    MLFLOW_MULTIPART_UPLOAD_CHUNK_SIZE,
    MLFLOW_MULTIPART_UPLOAD_MINIMUM_FILE_SIZE,
)
from mlflow.exceptions import MlflowException, _UnsupportedMultipartUploadException
from mlflow.utils.rest_utils import augmented_raise_for_status, get_default_host_creds, http_request

_ARTIFACTS = "/mlflow-artifacts/artifacts"


def _compute_num_chunks(local_file, chunk_size):
    return math.ceil(os.path.getsize(local_file) / chunk_size)


def read_chunk(path, size, start_byte=0):
    with open(path, "rb") as f:
        f.seek(start_byte)
        return f.read(size)


class HttpArtifactRepository:
    def __init__(self, artifact_uri):
        self.artifact_uri = artifact_uri
        self.thread_pool = ThreadPoolExecutor(max_workers=4)

    @property
    def _host_creds(self):
        return get_default_host_creds(self.artifact_uri)

    def log_artifact(self, local_file, artifact_path=None):
        if MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD.get() and os.path.getsize(local_file) >= MLFLOW_MULTIPART_UPLOAD_MINIMUM_FILE_SIZE.get():
            try:
                self._try_multipart_upload(local_file, artifact_path)
                return
            except _UnsupportedMultipartUploadException:
                pass
        file_name = os.path.basename(local_file)
        paths = (artifact_path, file_name) if artifact_path else (file_name,)
        endpoint = posixpath.join("/", *paths)
        with open(local_file, "rb") as f:
            resp = http_request(self._host_creds, endpoint, "PUT", data=f, extra_headers={"Content-Type": "application/octet-stream"})
            augmented_raise_for_status(resp)

    def _construct_artifact_uri_and_path(self, base_endpoint, artifact_path):
        uri, path = self.artifact_uri.split(_ARTIFACTS, maxsplit=1)
        path = path.strip("/")
        endpoint = posixpath.join(base_endpoint, path, artifact_path) if artifact_path else posixpath.join(base_endpoint, path)
        return uri, endpoint

    def _mpu_call(self, action, artifact_path, params):
        uri, endpoint = self._construct_artifact_uri_and_path(f"/mlflow-artifacts/mpu/{action}", artifact_path)
        resp = http_request(get_default_host_creds(uri), endpoint, "POST", json=params, allow_redirects=False)
        augmented_raise_for_status(resp)
        return resp.json()

    def create_multipart_upload(self, local_file, num_parts=1, artifact_path=None):
        return self._mpu_call("create", artifact_path, {"path": local_file, "num_parts": num_parts})

    def complete_multipart_upload(self, local_file, upload_id, parts, artifact_path=None):
        self._mpu_call("complete", artifact_path, {"path": local_file, "upload_id": upload_id, "parts": parts})

    def abort_multipart_upload(self, local_file, upload_id, artifact_path=None):
        self._mpu_call("abort", artifact_path, {"path": local_file, "upload_id": upload_id})

    @staticmethod
    def _upload_part(credential, local_file, size, start_byte):
        data = read_chunk(local_file, size, start_byte)
        response = requests.put(credential["url"], data=data, headers=credential.get("headers", {}))
        augmented_raise_for_status(response)
        return {"part_number": credential["part_number"], "etag": response.headers.get("ETag", ""), "url": credential["url"]}

    def _try_multipart_upload(self, local_file, artifact_path=None):
        chunk_size = MLFLOW_MULTIPART_UPLOAD_CHUNK_SIZE.get()
        num_parts = _compute_num_chunks(local_file, chunk_size)
        try:
            create = self.create_multipart_upload(local_file, num_parts, artifact_path)
        except HTTPError as e:
            message = e.response.json().get("message", "")
            if isinstance(message, str) and message.startswith(_UnsupportedMultipartUploadException.MESSAGE):
                raise _UnsupportedMultipartUploadException()
            raise
        try:
            futures = [
                self.thread_pool.submit(self._upload_part, credential=credential, local_file=local_file, size=chunk_size, start_byte=chunk_size * i)
                for i, credential in enumerate(create["credentials"])
            ]
            parts, errors = [], []
            for future in futures:
                try:
                    parts.append(future.result())
                except Exception as e:  # noqa: BLE001 - collected and reported together, as MLflow does
                    errors.append(repr(e))
            if errors:
                raise MlflowException(f"Failed to upload at least one part of {local_file}. Errors: {errors}")
            self.complete_multipart_upload(local_file, create.get("upload_id"), sorted(parts, key=lambda p: p["part_number"]), artifact_path)
        except Exception:
            self.abort_multipart_upload(local_file, create.get("upload_id"), artifact_path)
            raise
