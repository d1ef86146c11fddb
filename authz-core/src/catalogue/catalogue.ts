import { ARTIFACTS_SERVICE } from './data/artifacts-service.js';
import { AUTH_PLUGIN_ROUTES } from './data/auth-plugin-routes.js';
import { ASSISTANT_ROUTES, GATEWAY_ROUTES, JOB_API_ROUTES, MCP_REGISTRY_ROUTES, OTLP_ROUTES } from './data/fastapi-routes.js';
import { FLASK_APP_ROUTES } from './data/flask-app-routes.js';
import { HANDLER_ENDPOINTS } from './data/handler-endpoints.js';
import { MODEL_REGISTRY_SERVICE } from './data/model-registry-service.js';
import { TRACKING_SERVICE } from './data/tracking-service.js';
import { WEBHOOK_SERVICE } from './data/webhook-service.js';
import type { Operation } from './types.js';

/** The MLflow release the catalogue is pinned to; the server image installs exactly this version. */
export const MLFLOW_VERSION = '3.15.0';

/**
 * Every operation `mlflow server` (uvicorn) serves, in registration order: the FastAPI routers in the order
 * create_fastapi_app() includes them (the artifact router sits between the assistant and MCP routers), then the
 * Flask rules in the order mlflow/server/__init__.py and the basic-auth app add them.
 */
export const CATALOGUE: readonly Operation[] = Object.freeze([
  ...OTLP_ROUTES,
  ...JOB_API_ROUTES,
  ...GATEWAY_ROUTES,
  ...ASSISTANT_ROUTES,
  ...ARTIFACTS_SERVICE,
  ...MCP_REGISTRY_ROUTES,
  ...TRACKING_SERVICE,
  ...MODEL_REGISTRY_SERVICE,
  ...WEBHOOK_SERVICE,
  ...HANDLER_ENDPOINTS,
  ...FLASK_APP_ROUTES,
  ...AUTH_PLUGIN_ROUTES,
]);
