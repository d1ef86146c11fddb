"""MLflow's client exceptions (mlflow/exceptions.py): the three the request path raises."""


class MlflowException(Exception):
    def __init__(self, message, error_code="INTERNAL_ERROR"):
        super().__init__(message)
        self.message = str(message)
        self.error_code = error_code


class RestException(MlflowException):
    """A JSON error answer of the tracking server: {"error_code": ..., "message": ...}."""

    def __init__(self, json):
        error_code = json.get("error_code", "INTERNAL_ERROR")
        message = f"{error_code}: {json.get('message') or json.get('Message') or json}"
        super().__init__(message, error_code=error_code)
        self.json = json


class _UnsupportedMultipartUploadException(MlflowException):
    """What the server's mpu/create answers when its artifact store cannot do multipart uploads."""

    MESSAGE = "Multipart upload is not supported for the current artifact repository"

    def __init__(self):
        super().__init__(self.MESSAGE, error_code="NOT_IMPLEMENTED")
