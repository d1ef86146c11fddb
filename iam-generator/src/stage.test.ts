// The IAM stage on small roles of its own (the fixture roles' full proofs run once per suite, in its global setup:
// test/support/global-setup.ts; iam-generator/test/policy-soundness.test.ts judges what they produced).
import { GENERATED_FILES } from '@mlflow-authz/core';
import type { StageResult } from '@mlflow-authz/core/stage';
import { describe, expect, it } from 'vitest';
import { inThread, workerPool } from './pattern-parts.js';
import { RolePolicyError, rolePolicies } from './role-policies.js';
import { iamStage } from './stage.js';

type Role = { description: string; operations: string[]; sagemakerUserProfiles: string[]; iamPrincipals: string[] };
type RolesJson = { policyVersion: string; mlflowVersion: string; apiStageName: string; roles: Record<string, Role> };

const role = (operations: string[]): Role => ({ description: 'x', operations, sagemakerUserProfiles: [], iamPrincipals: [] });

/** Three small roles: run readers, run writers (runs and experiments), and experiment admins. */
const ROLES: Record<string, Role> = {
  'run-readers': role(['GetRun', 'SearchRuns', 'GetExperiment']),
  'run-writers': role(['GetRun', 'SearchRuns', 'GetExperiment', 'CreateRun', 'UpdateRun', 'LogBatch']),
  'experiment-admins': role(['GetExperiment', 'CreateExperiment', 'DeleteExperiment', 'RestoreExperiment', 'UpdateExperiment']),
};

function planned(mutate: (roles: RolesJson) => void = () => {}): Map<string, string> {
  const roles: RolesJson = { policyVersion: '0123456789abcdef', mlflowVersion: '3.15.0', apiStageName: 'prod', roles: structuredClone(ROLES) };
  mutate(roles);
  return new Map([[GENERATED_FILES.iamInputs, JSON.stringify(roles)]]);
}

const names = (result: StageResult) => [...result.files.keys()].map((p) => p.replace(/^generated\/iam\//, '')).sort();

describe('the IAM stage', () => {
  it('plans the policies, the shared guard, their index, the resource policy and the size report; deterministically', async () => {
    const result = await iamStage().run(planned());
    expect(names(result)).toEqual(['SIZES.md', 'api-resource-policy-guard.json', 'policies/_malformed-path-guard.json', 'policies/experiment-admins.1.json', 'policies/index.json', 'policies/run-readers.1.json', 'policies/run-writers.1.json']);
    expect(result).toMatchObject({ errors: [], warnings: [], sigv4Exceptions: [] });
    expect(result.summary).toBe('generated/iam/: 3 policy documents for 3 roles (3 distinct operation sets), the shared guard and the API resource policy');
    const index = JSON.parse(result.files.get('generated/iam/policies/index.json') as string);
    expect(index).toMatchObject({ sharedDocuments: ['_malformed-path-guard.json'], roles: { 'run-readers': { documents: ['run-readers.1.json'], sigv4Exceptions: [] } } });
    expect(result.files.get('generated/iam/SIZES.md')).toMatch(/\| run-readers \| run-readers\.1\.json \| [\d,]+ \| [\d.]+ % \|/);
    for (const name of Object.keys(ROLES)) expect(result.files.get(`generated/iam/policies/${name}.1.json`)).not.toMatch(/%2F|\*\/\/\*/);
    expect(await iamStage().run(planned())).toEqual(result);
  });

  it('builds a set of operations once however many roles share it, and gives a role with nothing on /api/ no document', async () => {
    const result = await iamStage().run(
      planned((r) => {
        r.roles['readers-too'] = { ...role([...(r.roles['run-readers']?.operations ?? [])]) };
        r.roles['gateway-users'] = role(['invocations', 'chat_completions']);
      }),
    );
    expect(result.summary).toMatch(/for 5 roles \(4 distinct operation sets\)/);
    expect(result.files.get('generated/iam/policies/readers-too.1.json')).toBe(result.files.get('generated/iam/policies/run-readers.1.json'));
    expect(JSON.parse(result.files.get('generated/iam/policies/index.json') as string).roles['gateway-users'].documents).toEqual([]);
    expect(result.files.get('generated/iam/SIZES.md')).toMatch(/\| gateway-users \| 0 \+ 1 \| 0 \+ [\d,]+ = [\d,]+ \|/);
  });

  it('fails closed on what globs cannot tell apart: a warning at the lost operation, a SigV4 exception in index.json', async () => {
    const result = await iamStage().run(planned((r) => {
      r.roles['dataset-curators'] = role(['DeleteDataset', 'DeleteDatasetTag', 'GetDataset']);
    }));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      {
        role: 'dataset-curators',
        operation: 'DeleteDatasetTag',
        message:
          'over SigV4 it cannot call DeleteDatasetTag with key "records" (e.g. DELETE /api/3.0/mlflow/datasets/x/tags/records): IAM wildcards cannot deny DeleteDatasetRecords (DELETE /api/3.0/mlflow/datasets/x/records), which it lacks, without also denying those (deny DELETE/api/3.0/mlflow/datasets/*/records); the browser path stays exact. Fix: also grant DeleteDatasetRecords, or also deny DeleteDatasetTag',
      },
    ]);
    const exception = { operation: 'DeleteDatasetTag', resource: 'DELETE/api/3.0/mlflow/datasets/*/records', example: 'DELETE /api/3.0/mlflow/datasets/x/tags/records', lostClass: 'DeleteDatasetTag with key "records"', protects: 'DeleteDatasetRecords' };
    expect(result.sigv4Exceptions).toEqual([{ role: 'dataset-curators', ...exception }]);
    expect(JSON.parse(result.files.get('generated/iam/policies/index.json') as string).roles['dataset-curators'].sigv4Exceptions).toEqual([exception]);
    expect(result.files.get('generated/iam/policies/dataset-curators.1.json')).toContain('/prod/DELETE/api/3.0/mlflow/datasets/*/records"');
  });

  it('refuses policies that do not fit a principal, naming the role and a fix', () => {
    // 400 distinct long allows: more managed policies than a principal may carry.
    const allow = Array.from({ length: 400 }, (_, i) => `GET/api/2.0/mlflow/some/long/route/name/number-${i}/with/more/segments`);
    expect(() => rolePolicies('too-many', { allow, deny: [], collisions: [] }, 'prod')).toThrow(RolePolicyError);
    expect(() => rolePolicies('too-many', { allow, deny: [], collisions: [] }, 'prod')).toThrow(/^role too-many: its IAM policies need \d+ managed policies .*; split the role/);
  });

  it('gives the same files from worker threads as from this thread', async () => {
    const pool = workerPool({ url: new URL('./pattern-worker.ts', import.meta.url), typescript: true }, 2);
    // Small roles, so that the threads spend their time starting and answering rather than proving.
    const input = planned((r) => {
      r.roles = { 'dataset-curators': role(['DeleteDataset', 'DeleteDatasetTag', 'GetDataset']), 'run-readers': role(['GetRun', 'SearchRuns']) };
    });
    const [threads, here] = await Promise.all([iamStage(pool).run(input), iamStage(inThread).run(input)]);
    expect(threads).toEqual(here);
  }, 120_000);
});
