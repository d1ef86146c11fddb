import { TEAM } from '@mlflow-authz/test/fixtures';
import { fixtureProject } from '@mlflow-authz/test/projects';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerCheck } from './decision-contract.js';
import { referenceDecider } from './reference.js';

// The fixture's roles (readers, model-approvers, admins), not the project's, which users edit.
let reference: ReturnType<typeof referenceDecider>;
beforeAll(() => {
  reference = referenceDecider(fixtureProject(TEAM).root);
});
const echo = (operation: string) => JSON.stringify({ standIn: 'mlflow', operation });

describe('the answer check of the parity test and the load run', () => {
  it('accepts the right answers', () => {
    expect(answerCheck(reference, 'readers', 'GET', '/ajax-api/2.0/mlflow/experiments/get?x=1')(200, echo('GetExperiment'))).toBeNull();
    expect(answerCheck(reference, 'readers', 'POST', '/ajax-api/2.0/mlflow/experiments/create')(403, '{}')).toBeNull();
    expect(answerCheck(reference, 'readers', 'GET', '/ajax-api/2.0/mlflow/nothing-here')(404, '{}')).toBeNull();
    expect(answerCheck(reference, 'readers', 'GET', '/static-files/a.js')(200, '')).toBeNull();
    expect(answerCheck(reference, 'readers', 'GET', '/static-files/a%2F..')(403, '')).toBeNull();
  });

  it('catches every kind of wrong answer', () => {
    expect(answerCheck(reference, 'readers', 'POST', '/ajax-api/2.0/mlflow/experiments/create')(200, echo('CreateExperiment'))).toMatch(/expected deny/);
    expect(answerCheck(reference, 'readers', 'GET', '/ajax-api/2.0/mlflow/experiments/get')(403, '{}')).toMatch(/expected allow GetExperiment/);
    expect(answerCheck(reference, 'readers', 'GET', '/ajax-api/2.0/mlflow/experiments/get')(200, echo('GetRun'))).toMatch(/expected allow/);
    expect(answerCheck(reference, 'readers', 'GET', '/ajax-api/2.0/mlflow/experiments/get')(401, '{}')).toMatch(/expected allow/);
    expect(answerCheck(reference, 'readers', 'GET', '/ajax-api/2.0/mlflow/nothing-here')(200, '{}')).toMatch(/no route/);
    expect(answerCheck(reference, 'admins', 'GET', '/ajax-api/2.0/mlflow/experiments/%2E%2E/get')(404, '{}')).toMatch(/expected deny/);
    expect(answerCheck(reference, 'readers', 'GET', '/static-files/a.js')(401, '')).not.toBeNull();
  });
});
