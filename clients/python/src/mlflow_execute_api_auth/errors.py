"""Errors the signer raises: each says what is missing and how to provide it."""


class ExecuteApiAuthError(Exception):
    """Base class: a request could not be signed for execute-api."""


class RegionNotFoundError(ExecuteApiAuthError, ValueError):
    """No AWS region to sign for: neither the host nor the environment names one."""


class CredentialsNotFoundError(ExecuteApiAuthError):
    """botocore's default credential chain found no credentials."""


class UnsupportedBodyError(ExecuteApiAuthError, TypeError):
    """The request body is of a kind that cannot be hashed and sent."""
