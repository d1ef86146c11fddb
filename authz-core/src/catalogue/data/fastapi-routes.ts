import { fastapi, group } from '../define.js';

// Native FastAPI routes that mlflow/server/fastapi_app.py create_fastapi_app() includes in front of the Flask app
// (mounted last at "/"), in registration order: Starlette tries them in this order and the first route whose path
// and method match wins; a path-only match falls through to Flask. FastAPI routes do not answer HEAD. Only under
// uvicorn (the default); `--gunicorn-opts`/`--waitress-opts` serve the Flask app alone. The artifact router's GET
// and PUT routes belong to DownloadArtifact and UploadArtifact (artifacts-service.ts).

export const OTLP_ROUTES = group(
  [
    { file: 'mlflow/server/fastapi_app.py', commit: '0008d55605ec6e54560b7e4f8ae012036a31b16f' },
    { file: 'mlflow/server/otel_api.py', commit: 'b08bc92b0a4550a31123963693a88a3fc1277a8d' },
  ],
  [fastapi('export_traces', 'traces', 'write', 'POST /v1/traces', 'OTLP/HTTP trace export into the experiment named by the x-mlflow-experiment-id header.')],
);

// job_api.py @ba579d29 has get/submit/search; cancel exists in later revisions (auth/__init__.py @000d336a
// validates PATCH /ajax-api/3.0/jobs/cancel/<job_id>), its handler name is not verified.
export const JOB_API_ROUTES = group(
  [
    { file: 'mlflow/server/job_api.py', commit: 'ba579d29e1ce4367a93e3b3db72d80c4627f66fd' },
    { file: 'mlflow/server/auth/__init__.py', commit: '000d336a1aa8c48094d37b6e6a6a7f9447b8538d' },
  ],
  [
    fastapi('job_api.get_job', 'jobs', 'read', 'GET /ajax-api/3.0/jobs/{job_id}', 'Get a server-side job and its result.'),
    fastapi('job_api.submit_job', 'jobs', 'admin', 'POST /ajax-api/3.0/jobs/', 'Run an allow-listed server-side function as a job.'),
    fastapi('job_api.search_jobs', 'jobs', 'read', 'POST /ajax-api/3.0/jobs/search', 'Search server-side jobs.', ['read-via-post']),
    fastapi('job_api.cancel_job', 'jobs', 'write', 'PATCH /ajax-api/3.0/jobs/cancel/{job_id}', 'Cancel a server-side job.'),
  ],
);

// gateway_api.py @0041b5c5; list_models and the TypeSafe passthrough are known from auth/__init__.py @000d336a
// (MLflow 3.17+), their handler names and positions are not verified (they overlap no other route).
export const GATEWAY_ROUTES = group(
  [
    { file: 'mlflow/server/gateway_api.py', commit: '0041b5c588801453791807ed4361933ab4b4ef8c' },
    { file: 'mlflow/server/auth/__init__.py', commit: '000d336a1aa8c48094d37b6e6a6a7f9447b8538d' },
  ],
  [
    fastapi('invocations', 'gateway', 'write', 'POST /gateway/{endpoint_name}/mlflow/invocations', 'Invoke a gateway endpoint.'),
    fastapi('chat_completions', 'gateway', 'write', 'POST /gateway/mlflow/v1/chat/completions', 'OpenAI-style chat completion through a gateway endpoint (named in the body).'),
    fastapi('list_models', 'gateway', 'read', 'GET /gateway/mlflow/v1/models', 'List the gateway endpoints as OpenAI-style models.'),
    fastapi('openai_passthrough_chat', 'gateway', 'write', 'POST /gateway/openai/v1/chat/completions', 'OpenAI chat completions passthrough.'),
    fastapi('openai_passthrough_embeddings', 'gateway', 'write', 'POST /gateway/openai/v1/embeddings', 'OpenAI embeddings passthrough.'),
    fastapi('openai_passthrough_responses', 'gateway', 'write', 'POST /gateway/openai/v1/responses', 'OpenAI responses passthrough.'),
    fastapi('anthropic_passthrough_messages', 'gateway', 'write', 'POST /gateway/anthropic/v1/messages', 'Anthropic messages passthrough.'),
    fastapi('gemini_passthrough_generate_content', 'gateway', 'write', 'POST /gateway/gemini/v1beta/models/{endpoint_name}:generateContent', 'Gemini generateContent passthrough.'),
    fastapi('gemini_passthrough_stream_generate_content', 'gateway', 'write', 'POST /gateway/gemini/v1beta/models/{endpoint_name}:streamGenerateContent', 'Gemini streamGenerateContent passthrough.', ['streaming']),
    fastapi('typesafe_passthrough_systemone', 'gateway', 'write', 'POST /gateway/typesafe/v1/systemone', 'TypeSafe passthrough (MLflow 3.17+).'),
    fastapi('raw_proxy', 'gateway', 'write', 'POST /gateway/proxy/{endpoint_name}/{path:path}', 'Forward a request to any upstream path of an endpoint\'s provider with the stored credentials.'),
  ],
);

export const ASSISTANT_ROUTES = group(
  [{ file: 'mlflow/server/assistant/api.py', commit: '0008d55605ec6e54560b7e4f8ae012036a31b16f' }],
  [
    fastapi('send_message', 'assistant', 'write', 'POST /ajax-api/3.0/mlflow/assistant/message', 'Send a message to the assistant.'),
    // A GET with side effects: it runs the agent turn (LLM calls and tools).
    fastapi('stream_response', 'assistant', 'write', 'GET /ajax-api/3.0/mlflow/assistant/sessions/{session_id}/stream', 'Run the assistant turn and stream its response (server-sent events).', ['streaming']),
    fastapi('patch_session', 'assistant', 'write', 'PATCH /ajax-api/3.0/mlflow/assistant/sessions/{session_id}', 'Update an assistant session.'),
    fastapi('resolve_permission', 'assistant', 'write', 'POST /ajax-api/3.0/mlflow/assistant/sessions/{session_id}/permission', 'Approve or reject a tool call of the assistant.'),
    fastapi('resolve_client_tool_result', 'assistant', 'write', 'POST /ajax-api/3.0/mlflow/assistant/sessions/{session_id}/tool-result', 'Return a client-side tool result to the assistant.'),
    fastapi('provider_health_check', 'assistant', 'read', 'GET /ajax-api/3.0/mlflow/assistant/providers/{provider}/health', 'Check an assistant provider.'),
    fastapi('get_providers', 'assistant', 'read', 'GET /ajax-api/3.0/mlflow/assistant/providers', 'List assistant providers.'),
    fastapi('get_config', 'assistant', 'read', 'GET /ajax-api/3.0/mlflow/assistant/config', 'Get the assistant configuration.'),
    fastapi('update_config', 'assistant', 'admin', 'PUT /ajax-api/3.0/mlflow/assistant/config', 'Change the assistant configuration.'),
    fastapi('install_skills_endpoint', 'assistant', 'admin', 'POST /ajax-api/3.0/mlflow/assistant/skills/install', 'Install assistant skills on the server host.'),
    fastapi('list_provider_models', 'assistant', 'read', 'GET /ajax-api/3.0/mlflow/assistant/providers/{provider}/models', 'List the models of an assistant provider.'),
  ],
);

// The MCP server registry router, included twice (ajax prefix, then api prefix). `{x:path}` matches any text,
// slashes included, so declaration order decides: the `{name:path}` catch-alls come last.
const MCP = ['/ajax-api/3.0/mlflow/mcp-servers', '/api/3.0/mlflow/mcp-servers'] as const;
function mcp(id: string, access: 'read' | 'write' | 'delete', method: 'GET' | 'POST' | 'PATCH' | 'DELETE', suffix: string, summary: string) {
  return fastapi(id, 'mcp', access, MCP.map((prefix) => `${method} ${prefix}${suffix}` as const), summary);
}
export const MCP_REGISTRY_ROUTES = group(
  [
    { file: 'mlflow/server/fastapi_app.py', commit: '0008d55605ec6e54560b7e4f8ae012036a31b16f' },
    { file: 'mlflow/server/mcp_server_api.py', commit: '045bceb7f65f80fed00ebc24b4c9f7f7a572a0b2' },
  ],
  [
    mcp('create_mcp_server', 'write', 'POST', '', 'Register an MCP server.'),
    mcp('search_mcp_servers', 'read', 'GET', '', 'Search MCP servers.'),
    mcp('search_all_access_endpoints', 'read', 'GET', '/endpoints', 'Search the access endpoints of all MCP servers.'),
    mcp('set_mcp_server_version_tag', 'write', 'POST', '/{name:path}/versions/{version:path}/tags', 'Set a tag on an MCP server version.'),
    mcp('delete_mcp_server_version_tag', 'delete', 'DELETE', '/{name:path}/versions/{version:path}/tags/{key:path}', 'Delete a tag of an MCP server version.'),
    mcp('get_mcp_server_version', 'read', 'GET', '/{name:path}/versions/{version:path}', 'Get an MCP server version.'),
    mcp('update_mcp_server_version', 'write', 'PATCH', '/{name:path}/versions/{version:path}', 'Update an MCP server version.'),
    mcp('delete_mcp_server_version', 'delete', 'DELETE', '/{name:path}/versions/{version:path}', 'Delete an MCP server version.'),
    // Creates the parent server when it does not exist yet.
    mcp('create_mcp_server_version', 'write', 'POST', '/{name:path}/versions', 'Create an MCP server version.'),
    mcp('search_mcp_server_versions', 'read', 'GET', '/{name:path}/versions', 'Search the versions of an MCP server.'),
    mcp('create_mcp_access_endpoint', 'write', 'POST', '/{name:path}/endpoints', 'Create an access endpoint for an MCP server.'),
    mcp('get_mcp_access_endpoint', 'read', 'GET', '/{name:path}/endpoints/{endpoint_id}', 'Get an MCP access endpoint.'),
    mcp('update_mcp_access_endpoint', 'write', 'PATCH', '/{name:path}/endpoints/{endpoint_id}', 'Update an MCP access endpoint.'),
    mcp('delete_mcp_access_endpoint', 'delete', 'DELETE', '/{name:path}/endpoints/{endpoint_id}', 'Delete an MCP access endpoint.'),
    mcp('search_server_access_endpoints', 'read', 'GET', '/{name:path}/endpoints', 'Search the access endpoints of an MCP server.'),
    mcp('set_mcp_server_tag', 'write', 'POST', '/{name:path}/tags', 'Set a tag on an MCP server.'),
    mcp('delete_mcp_server_tag', 'delete', 'DELETE', '/{name:path}/tags/{key:path}', 'Delete a tag of an MCP server.'),
    mcp('set_mcp_server_alias', 'write', 'POST', '/{name:path}/aliases', 'Set an alias of an MCP server.'),
    mcp('get_version_by_alias', 'read', 'GET', '/{name:path}/aliases/{alias:path}', 'Get the MCP server version an alias points to.'),
    mcp('delete_mcp_server_alias', 'delete', 'DELETE', '/{name:path}/aliases/{alias:path}', 'Delete an alias of an MCP server.'),
    mcp('get_mcp_server', 'read', 'GET', '/{name:path}', 'Get an MCP server.'),
    mcp('update_mcp_server', 'write', 'PATCH', '/{name:path}', 'Update an MCP server.'),
    mcp('delete_mcp_server', 'delete', 'DELETE', '/{name:path}', 'Delete an MCP server.'),
  ],
);
