import { fileURLToPath } from 'node:url';
import { IgnoreMode } from 'aws-cdk-lib';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { MLFLOW_VERSION } from '@mlflow-authz/core';

/** The repository root: the image's build context. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The Dockerfile, relative to the context. */
export const DOCKERFILE = 'infra/image/Dockerfile';
/** The official MLflow image the server image starts from: the catalogue's version, `-full` variant. */
export const MLFLOW_BASE_IMAGE = `ghcr.io/mlflow/mlflow:v${MLFLOW_VERSION}-full`;
/** What the UI-login stage copies from ui-patch's build (`npm run build -w @mlflow-authz/ui-patch`). */
export const UI_PATCH_FILES: readonly string[] = ['ui-patch/dist/inject-login.mjs', 'ui-patch/dist/mlflow-login.js'];

/**
 * The build context, as Docker ignore rules: only what the Dockerfile copies, so that a change to
 * permissions.yaml, generated/, infra's code or the tests never changes the image's hash (no rebuild).
 */
export const IMAGE_CONTEXT_RULES: readonly string[] = [
  '*',
  '!package.json',
  '!package-lock.json',
  '!authz-core',
  '!infra/image',
  ...UI_PATCH_FILES.map((file) => `!${file}`),
  '**/node_modules',
  '**/*.test.ts',
  'authz-core/bench',
  'authz-core/src/**/fixtures',
];

/** The MLflow server image, built from infra/image/Dockerfile by `cdk deploy` (Docker needed there, not for synth). */
export function mlflowServerImage(): ecs.ContainerImage {
  return ecs.ContainerImage.fromAsset(REPO_ROOT, {
    file: DOCKERFILE,
    exclude: [...IMAGE_CONTEXT_RULES],
    ignoreMode: IgnoreMode.DOCKER,
    buildArgs: { MLFLOW_IMAGE: MLFLOW_BASE_IMAGE },
    platform: Platform.LINUX_AMD64,
  });
}
