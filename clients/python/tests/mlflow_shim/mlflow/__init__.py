"""Test stand-in for MLflow: only the request-auth plugin interface."""
