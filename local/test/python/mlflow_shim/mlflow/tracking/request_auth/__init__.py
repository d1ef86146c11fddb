"""MLflow request-auth plugins (mlflow/tracking/request_auth/)."""
