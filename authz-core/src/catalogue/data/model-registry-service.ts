import { group, rpc } from '../define.js';

// ModelRegistryService (mlflow/protos/model_registry.proto), served through handlers.py get_endpoints(). The RPC
// set equals the registry keys of HANDLERS in the handlers.py revision read.
export const MODEL_REGISTRY_SERVICE = group(
  [
    { file: 'mlflow/protos/model_registry.proto', commit: '05e6cc9b8487945522c87e3f1a9ffc04eb2ecc2d' },
    { file: 'mlflow/server/handlers.py', commit: '242c51a663a330886f0baee7aacc360de368b0b4' },
  ],
  [
  rpc('CreateRegisteredModel', 'registered-models', 'write', 'POST /api/2.0/mlflow/registered-models/create', 'Create a registered model (fails if the name exists).'),
  rpc('RenameRegisteredModel', 'registered-models', 'write', 'POST /api/2.0/mlflow/registered-models/rename', 'Rename registered model.'),
  rpc('UpdateRegisteredModel', 'registered-models', 'write', 'PATCH /api/2.0/mlflow/registered-models/update', 'Update registered model.'),
  rpc('DeleteRegisteredModel', 'registered-models', 'delete', 'DELETE /api/2.0/mlflow/registered-models/delete', 'Delete registered model.'),
  rpc('GetRegisteredModel', 'registered-models', 'read', 'GET /api/2.0/mlflow/registered-models/get', 'Get registered model.'),
  rpc('SearchRegisteredModels', 'registered-models', 'read', 'GET /api/2.0/mlflow/registered-models/search', 'Search registered models.'),
  rpc('GetLatestVersions', 'registered-models', 'read', ['POST /api/2.0/mlflow/registered-models/get-latest-versions', 'GET /api/2.0/mlflow/registered-models/get-latest-versions'], 'Get latest versions.', ['read-via-post']),
  rpc('CreateModelVersion', 'model-versions', 'write', 'POST /api/2.0/mlflow/model-versions/create', 'Create model version.'),
  rpc('UpdateModelVersion', 'model-versions', 'write', 'PATCH /api/2.0/mlflow/model-versions/update', 'Update model version.'),
  rpc('TransitionModelVersionStage', 'model-versions', 'write', 'POST /api/2.0/mlflow/model-versions/transition-stage', 'Transition model version stage.'),
  rpc('DeleteModelVersion', 'model-versions', 'delete', 'DELETE /api/2.0/mlflow/model-versions/delete', 'Delete model version.'),
  rpc('GetModelVersion', 'model-versions', 'read', 'GET /api/2.0/mlflow/model-versions/get', 'Get model version.'),
  rpc('SearchModelVersions', 'model-versions', 'read', 'GET /api/2.0/mlflow/model-versions/search', 'Search model versions.'),
  rpc('GetModelVersionDownloadUri', 'model-versions', 'read', 'GET /api/2.0/mlflow/model-versions/get-download-uri', 'Get model version download uri.'),
  rpc('SetRegisteredModelTag', 'registered-models', 'write', 'POST /api/2.0/mlflow/registered-models/set-tag', 'Set registered model tag.'),
  rpc('SetModelVersionTag', 'model-versions', 'write', 'POST /api/2.0/mlflow/model-versions/set-tag', 'Set model version tag.'),
  rpc('DeleteRegisteredModelTag', 'registered-models', 'delete', 'DELETE /api/2.0/mlflow/registered-models/delete-tag', 'Delete registered model tag.'),
  rpc('DeleteModelVersionTag', 'model-versions', 'delete', 'DELETE /api/2.0/mlflow/model-versions/delete-tag', 'Delete model version tag.'),
  rpc('SetRegisteredModelAlias', 'registered-models', 'write', 'POST /api/2.0/mlflow/registered-models/alias', 'Set registered model alias.'),
  rpc('DeleteRegisteredModelAlias', 'registered-models', 'delete', 'DELETE /api/2.0/mlflow/registered-models/alias', 'Delete registered model alias.'),
  rpc('GetModelVersionByAlias', 'registered-models', 'read', 'GET /api/2.0/mlflow/registered-models/alias', 'Get model version by alias.'),
  ],
);
