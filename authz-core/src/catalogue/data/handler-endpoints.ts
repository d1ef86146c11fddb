import { flask, group, rpc } from '../define.js';

// Non-proto endpoints that mlflow/server/handlers.py get_endpoints() returns besides the four proto services:
// graphql, server-info, internal online scoring, gateway discovery, scorer/issue/evaluation invocation, demo
// data and UI jobs. Ids are the handler names without the leading underscore.
export const HANDLER_ENDPOINTS = group(
  [{ file: 'mlflow/server/handlers.py', commit: '242c51a663a330886f0baee7aacc360de368b0b4' }],
  [
    // GraphQL is queries only (the UI reads runs, experiments and model versions through it), on GET and POST.
    flask('graphql', 'server', 'read', ['GET /graphql', 'POST /graphql'], 'GraphQL queries over experiments, runs, artifacts and model versions (the UI uses it for read pages).', ['read-via-post']),
    rpc('get_server_info', 'server', 'read', 'GET /api/3.0/mlflow/server-info', 'Server capabilities: store type and enabled features.'),
    rpc('get_online_scoring_configs', 'scorers', 'read', 'GET /api/3.0/mlflow/scorers/online-configs', 'List online scoring configurations (internal API).'),
    rpc('upsert_online_scoring_config', 'scorers', 'write', 'PUT /api/3.0/mlflow/scorers/online-config', 'Create or update an online scoring configuration (internal API).'),
    flask('list_supported_providers', 'gateway', 'read', 'GET /ajax-api/3.0/mlflow/gateway/supported-providers', 'List the LLM providers the gateway supports.'),
    flask('list_supported_models', 'gateway', 'read', 'GET /ajax-api/3.0/mlflow/gateway/supported-models', 'List the models of a gateway provider.'),
    flask('get_provider_config', 'gateway', 'read', 'GET /ajax-api/3.0/mlflow/gateway/provider-config', 'Get the configuration schema of a gateway provider.'),
    flask('get_secrets_config', 'gateway', 'read', 'GET /ajax-api/3.0/mlflow/gateway/secrets/config', 'Whether gateway secrets are available and use the default passphrase.'),
    flask('invoke_scorer_handler', 'scorers', 'write', 'POST /ajax-api/3.0/mlflow/scorer/invoke', 'Run a scorer on traces as a background job.'),
    flask('generate_demo', 'server', 'write', 'POST /ajax-api/3.0/mlflow/demo/generate', 'Generate demo data (experiment, traces, prompts).'),
    flask('delete_demo', 'server', 'delete', 'POST /ajax-api/3.0/mlflow/demo/delete', 'Hard-delete the demo data and its experiment.', ['delete-via-post']),
    flask('invoke_issue_detection_handler', 'evaluation', 'write', 'POST /ajax-api/3.0/mlflow/issues/invoke', 'Run issue detection on traces as a background job.'),
    flask('invoke_genai_evaluate_handler', 'evaluation', 'write', 'POST /ajax-api/3.0/mlflow/genai/evaluate/invoke', 'Run a GenAI evaluation as a background job.'),
    flask('cancel_job', 'jobs', 'write', 'PATCH /ajax-api/3.0/mlflow/jobs/cancel/<job_id>', 'Cancel a UI background job.'),
    flask('get_job', 'jobs', 'read', 'GET /ajax-api/3.0/mlflow/jobs/<job_id>', 'Get a UI background job.'),
  ],
);
