import { group, rpc, shadowedByFastapi } from '../define.js';

// MlflowArtifactsService (mlflow/protos/mlflow_artifacts.proto), the artifact proxy. Flask registers every RPC
// through handlers.py get_endpoints(); under uvicorn, mlflow/server/artifact_router.py serves GET and PUT on
// the artifact paths natively (FastAPI, without --static-prefix), so those Flask rules only see HEAD.
// All of these answer 503 unless the server runs with --serve-artifacts.
export const ARTIFACTS_SERVICE = group(
  [
    { file: 'mlflow/protos/mlflow_artifacts.proto', commit: '033a191493f276486dc59232958220b39261dabf' },
    { file: 'mlflow/server/handlers.py', commit: '242c51a663a330886f0baee7aacc360de368b0b4' },
    { file: 'mlflow/server/artifact_router.py', commit: '38d109103a07b7250ea843c9e6b8e4c53ace8dd3' },
  ],
  [
    shadowedByFastapi(
      rpc('DownloadArtifact', 'artifacts', 'read', 'GET /api/2.0/mlflow-artifacts/artifacts/<path:artifact_path>', 'Download an artifact through the artifact proxy.', ['flag:--serve-artifacts']),
      ['GET /api/2.0/mlflow-artifacts/artifacts/{artifact_path:path}', 'GET /ajax-api/2.0/mlflow-artifacts/artifacts/{artifact_path:path}'],
    ),
    shadowedByFastapi(
      rpc('UploadArtifact', 'artifacts', 'write', 'PUT /api/2.0/mlflow-artifacts/artifacts/<path:artifact_path>', 'Upload an artifact through the artifact proxy.', ['flag:--serve-artifacts']),
      ['PUT /api/2.0/mlflow-artifacts/artifacts/{artifact_path:path}', 'PUT /ajax-api/2.0/mlflow-artifacts/artifacts/{artifact_path:path}'],
    ),
    rpc('MlflowArtifactsService.ListArtifacts', 'artifacts', 'read', 'GET /api/2.0/mlflow-artifacts/artifacts', 'List artifacts through the artifact proxy.', ['flag:--serve-artifacts']),
    rpc('DeleteArtifact', 'artifacts', 'delete', 'DELETE /api/2.0/mlflow-artifacts/artifacts/<path:artifact_path>', 'Delete an artifact through the artifact proxy.', ['flag:--serve-artifacts']),
    rpc('CreateMultipartUpload', 'artifacts', 'write', 'POST /api/2.0/mlflow-artifacts/mpu/create/<path:artifact_path>', 'Start a multipart upload; the response carries presigned part-upload URLs.', ['flag:--serve-artifacts']),
    rpc('CompleteMultipartUpload', 'artifacts', 'write', 'POST /api/2.0/mlflow-artifacts/mpu/complete/<path:artifact_path>', 'Complete a multipart upload.', ['flag:--serve-artifacts']),
    rpc('AbortMultipartUpload', 'artifacts', 'write', 'POST /api/2.0/mlflow-artifacts/mpu/abort/<path:artifact_path>', 'Abort a multipart upload and discard its parts.', ['flag:--serve-artifacts']),
    // Route inferred from the handler's docstring and the client; the proto text read predates the RPC.
    rpc('GetPresignedDownloadUrl', 'artifacts', 'read', 'GET /api/2.0/mlflow-artifacts/presigned/<path:artifact_path>', 'Mint a presigned cloud-storage read URL through the artifact proxy.', ['flag:--serve-artifacts']),
  ],
);
