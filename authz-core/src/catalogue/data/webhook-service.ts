import { group, rpc } from '../define.js';

// WebhookService (mlflow/protos/webhooks.proto), served through handlers.py get_endpoints().
export const WEBHOOK_SERVICE = group(
  [
    { file: 'mlflow/protos/webhooks.proto', commit: '8ecbf194cb403393059bd9dff553a00429fe5193' },
    { file: 'mlflow/server/handlers.py', commit: '242c51a663a330886f0baee7aacc360de368b0b4' },
  ],
  [
  rpc('CreateWebhook', 'webhooks', 'write', 'POST /api/2.0/mlflow/webhooks', 'Create webhook.'),
  rpc('ListWebhooks', 'webhooks', 'read', 'GET /api/2.0/mlflow/webhooks', 'List webhooks.'),
  rpc('GetWebhook', 'webhooks', 'read', 'GET /api/2.0/mlflow/webhooks/<webhook_id>', 'Get webhook.'),
  rpc('UpdateWebhook', 'webhooks', 'write', 'PATCH /api/2.0/mlflow/webhooks/<webhook_id>', 'Update webhook.'),
  rpc('DeleteWebhook', 'webhooks', 'delete', 'DELETE /api/2.0/mlflow/webhooks/<webhook_id>', 'Delete webhook.'),
  rpc('TestWebhook', 'webhooks', 'write', 'POST /api/2.0/mlflow/webhooks/<webhook_id>/test', 'Test webhook.'),
  ],
);
