import { flask, group, publicOperation } from '../define.js';

// Routes mlflow/server/__init__.py registers with @app.route (ids are the Flask view names), plus Flask's implicit
// static route and the optional Prometheus exporter. `/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval` is
// decorated here too, but the proto rule registered before it wins (see GetMetricHistoryBulkInterval).
export const FLASK_APP_ROUTES = group(
  [{ file: 'mlflow/server/__init__.py', commit: '4bbd74f6c6800e49dddb20130dffd44ff62c74e2' }],
  [
    flask('health', 'server', 'read', 'GET /health', 'Liveness probe ("OK").'),
    flask('version', 'server', 'read', 'GET /version', 'The MLflow version string.'),
    flask('serve_artifacts', 'artifacts', 'read', 'GET /get-artifact', 'Download a run artifact (UI: images, previews, the Download button).'),
    flask('serve_model_version_artifact', 'artifacts', 'read', 'GET /model-versions/get-artifact', 'Download a model version artifact (UI).'),
    flask('serve_get_metric_history_bulk', 'runs', 'read', 'GET /ajax-api/2.0/mlflow/metrics/get-history-bulk', 'Metric history of several runs (UI).'),
    flask('serve_search_datasets', 'datasets', 'read', 'POST /ajax-api/2.0/mlflow/experiments/search-datasets', 'Search the datasets logged to experiments (UI).', ['read-via-post']),
    flask('serve_create_promptlab_run', 'runs', 'write', 'POST /ajax-api/2.0/mlflow/runs/create-promptlab-run', 'Create a prompt-engineering run (UI).'),
    flask('serve_gateway_proxy', 'gateway', 'write', ['GET /ajax-api/2.0/mlflow/gateway-proxy', 'POST /ajax-api/2.0/mlflow/gateway-proxy'], 'Call the deployments server at MLFLOW_DEPLOYMENTS_TARGET (UI prompt lab).'),
    flask('serve_upload_artifact', 'artifacts', 'write', 'POST /ajax-api/2.0/mlflow/upload-artifact', 'Upload a run artifact from the UI (raw body).'),
    flask('serve_get_trace_artifact', 'traces', 'read', ['GET /ajax-api/2.0/mlflow/get-trace-artifact', 'GET /ajax-api/3.0/mlflow/get-trace-artifact'], 'Download a trace\'s span data (UI).'),
    flask('serve_get_logged_model_artifact', 'artifacts', 'read', 'GET /ajax-api/2.0/mlflow/logged-models/<model_id>/artifacts/files', 'Download a logged model artifact (UI).'),
    flask('serve_get_ui_telemetry', 'server', 'read', 'GET /ajax-api/3.0/mlflow/ui-telemetry', 'UI telemetry configuration.'),
    flask('serve_post_ui_telemetry', 'server', 'write', 'POST /ajax-api/3.0/mlflow/ui-telemetry', 'Record UI telemetry events.'),
    // Public: the UI shell loads before login (a browser navigation carries no bearer token); both serve files
    // from the UI build only.
    publicOperation(flask('serve_static_file', 'ui-static', 'read', 'GET /static-files/<path:path>', 'The UI\'s built JavaScript, CSS and images.')),
    publicOperation(flask('serve', 'ui-static', 'read', 'GET /', 'The UI\'s index.html.')),
    // Flask(__name__, static_folder="js/build") also serves that folder at /build (never prefixed).
    flask('static', 'ui-static', 'read', 'GET /build/<path:filename>', 'Flask\'s implicit static route over the UI build folder.'),
    // prometheus_flask_exporter's default path; present only with `mlflow server --expose-prometheus`.
    flask('metrics', 'server', 'read', 'GET /metrics', 'Prometheus metrics.', ['flag:--expose-prometheus']),
  ],
);
