// What the MLflow container runs: the `sh -c` scripts of the task definitions, run here with a stand-in
// `mlflow` that prints its arguments, and the variables ECS would inject.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DB_UPGRADE_COMMAND, MLFLOW_PORT, serverCommand } from '../src/constructs/mlflow-command.js';

const bin = mkdtempSync(join(tmpdir(), 'fake-mlflow-'));
writeFileSync(join(bin, 'mlflow'), '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n');
chmodSync(join(bin, 'mlflow'), 0o755);
const env = {
  PATH: `${bin}:/usr/bin:/bin`,
  DB_USER: 'mlflow',
  DB_PASSWORD: 'p4ss-W0rd_with.safe=chars',
  DB_HOST: 'db.cluster-abc.eu-west-1.rds.amazonaws.com',
  DB_PORT: '5432',
  DB_NAME: 'mlflow',
  ARTIFACT_BUCKET: 'mlflow-data-artifacts-1a2b3c',
  ARTIFACT_PREFIX: 'mlflow-artifacts',
};
const argv = (script: string) => {
  const result = spawnSync('sh', ['-c', script], { env, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trimEnd().split('\n');
};

describe('the container commands', () => {
  it('start mlflow server on uvicorn with the assembled database URI and the S3 artifact proxy', () => {
    expect(argv(serverCommand(3))).toEqual([
      'server',
      '--host', '0.0.0.0', '--port', String(MLFLOW_PORT), '--workers', '3',
      '--backend-store-uri', 'postgresql://mlflow:p4ss-W0rd_with.safe=chars@db.cluster-abc.eu-west-1.rds.amazonaws.com:5432/mlflow',
      '--serve-artifacts', '--artifacts-destination', 's3://mlflow-data-artifacts-1a2b3c/mlflow-artifacts',
      '--uvicorn-opts', '--timeout-keep-alive 75',
    ]);
  });

  it('upgrade the schema of the same database', () => {
    expect(argv(DB_UPGRADE_COMMAND)).toEqual(['db', 'upgrade', 'postgresql://mlflow:p4ss-W0rd_with.safe=chars@db.cluster-abc.eu-west-1.rds.amazonaws.com:5432/mlflow']);
  });
});
