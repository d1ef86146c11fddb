import { describe, expect, it } from 'vitest';
import { CATALOGUE, MLFLOW_VERSION } from '../catalogue/catalogue.js';
import { compilePermissions } from './compile.js';
import { formatDiagnostic } from './diagnostics.js';

const header = `version: 1
settings:
  mlflowVersion: "${MLFLOW_VERSION}"
roles:
`;

/** The diagnostics of a file, formatted as users see them. */
function problems(body: string, head = header): string[] {
  const result = compilePermissions(head + body, CATALOGUE, MLFLOW_VERSION);
  return result.ok ? [] : result.diagnostics.map(formatDiagnostic);
}

function compiled(body: string) {
  const result = compilePermissions(header + body, CATALOGUE, MLFLOW_VERSION);
  if (!result.ok) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  return result.permissions;
}

// Line numbers below count from 1; the header takes lines 1-4, so roles start on line 5.
describe('errors a user can act on', () => {
  it('reports YAML syntax errors with their position', () => {
    expect(problems('  readers:\n    description: x\n    grants: [GetRun\n')).toEqual([
      expect.stringMatching(/^permissions\.yaml:\d+:\d+: YAML syntax: /),
    ]);
    expect(problems('  a: 1\n  a: 2\n')).toEqual([expect.stringMatching(/^permissions\.yaml:6:3: YAML syntax: Map keys must be unique/)]);
  });

  it('reports schema errors at the offending key, naming it', () => {
    expect(problems('  readers:\n    grants: [GetRun]\n')).toEqual([
      expect.stringMatching(/^permissions\.yaml:6:5: roles\.readers\.description: /),
    ]);
    expect(problems('  readers:\n    description: r\n    grant: [GetRun]\n')).toEqual([
      'permissions.yaml:7:5: roles.readers.grant: unknown key "grant" (did you mean "grants"?); a role takes description, includes, grants, deny, bindings, ignoreWarnings',
    ]);
    expect(
      problems('  r:\n    description: r\n    grants: ["*"]\n', `version: 1\nsettings:\n  mlflowVersion: "${MLFLOW_VERSION}"\n  authorizerCacheTtlSeconds: 7200\nroles:\n`),
    ).toEqual([expect.stringMatching(/^permissions\.yaml:4:30: settings\.authorizerCacheTtlSeconds: .*3600/)]);
    expect(problems('  Bad Name:\n    description: r\n    grants: ["*"]\n')).toEqual([
      expect.stringMatching(/^permissions\.yaml:5:3: roles\.Bad Name: .*role name/),
    ]);
  });

  it('suggests the operation, area or access level a typo meant', () => {
    expect(problems('  r:\n    description: r\n    grants: [GetRun, GetExperimentt, "regstered-models:write", "runs:edit"]\n')).toEqual([
      'permissions.yaml:7:22: roles.r.grants[1]: unknown operation "GetExperimentt" (did you mean "GetExperiment"?)',
      'permissions.yaml:7:38: roles.r.grants[2]: unknown area "regstered-models" in "regstered-models:write" (did you mean "registered-models"?)',
      'permissions.yaml:7:64: roles.r.grants[3]: unknown access level "edit" in "runs:edit"; one of read, write, delete, admin or *',
    ]);
  });

  it('suggests the role an include meant', () => {
    expect(problems('  readers:\n    description: r\n    grants: ["*:read"]\n  b:\n    description: b\n    includes: [reader]\n')).toEqual([
      'permissions.yaml:10:16: roles.b.includes[0]: unknown role "reader" (did you mean "readers"?)',
    ]);
  });

  it('reports an inheritance cycle where it closes', () => {
    const body = '  a:\n    description: a\n    includes: [b]\n  b:\n    description: b\n    includes: [c]\n  c:\n    description: c\n    includes: [a]\n    grants: ["*"]\n';
    expect(problems(body)).toEqual(['permissions.yaml:13:16: roles.c.includes[0]: inheritance cycle: a → b → c → a']);
    expect(problems('  a:\n    description: a\n    includes: [a]\n    grants: ["*"]\n')).toEqual([
      'permissions.yaml:7:16: roles.a.includes[0]: role "a" includes itself',
    ]);
  });

  it('refuses a Cognito group bound to two roles, and other double bindings', () => {
    const body = `  a:
    description: a
    grants: ["*"]
    bindings: { cognitoGroups: [team], sagemakerUserProfiles: [p1] }
  b:
    description: b
    grants: ["*:read"]
    bindings: { cognitoGroups: [team], sagemakerUserProfiles: [p1, p1] }
`;
    expect(problems(body)).toEqual([
      expect.stringMatching(/^permissions\.yaml:12:33: roles\.b\.bindings\.cognitoGroups\[0\]: Cognito group "team" is already bound to role "a"/),
      expect.stringMatching(/^permissions\.yaml:12:64: roles\.b\.bindings\.sagemakerUserProfiles\[0\]: SageMaker user profile "p1" is already bound/),
      expect.stringMatching(/^permissions\.yaml:12:68: roles\.b\.bindings\.sagemakerUserProfiles\[1\]: SageMaker user profile "p1" is already bound/),
    ]);
  });

  it('refuses a role that grants nothing, but compiles a deny that matches nothing (authz lint warns about it)', () => {
    expect(problems('  empty:\n    description: e\n')).toEqual([
      'permissions.yaml:5:3: roles.empty: role "empty" grants nothing: add grants or includes, or remove the role',
    ]);
    const unused = compiled('  r:\n    description: r\n    grants: ["*:read"]\n    deny: [DeleteRun]\n');
    expect(unused.roles[0]?.operations).toContain('GetRun');
    expect(unused.roles[0]?.deniedBy.size).toBe(0);
    expect(problems('  r:\n    description: r\n    grants: [GetRun]\n    deny: [GetRun]\n')).toEqual([
      'permissions.yaml:5:3: roles.r: role "r" is left with no operation: its denies take out everything its grants and includes give',
    ]);
  });

  it('refuses a file written for another MLflow release', () => {
    expect(problems('  r:\n    description: r\n    grants: ["*"]\n', 'version: 1\nsettings:\n  mlflowVersion: "3.18.0"\nroles:\n')).toEqual([
      expect.stringMatching(/^permissions\.yaml:3:18: settings\.mlflowVersion: the catalogue describes MLflow 3\.15\.0, not 3\.18\.0/),
    ]);
  });

  it('reports every problem at once, not only the first', () => {
    expect(problems('  r:\n    description: r\n    grants: [Nope1, Nope2]\n    deny: [Nope3]\n')).toHaveLength(3);
  });
});

describe('rights', () => {
  it('are the union of includes and own grants minus own denies; denies of an included role stay in that role', () => {
    const p = compiled(`  base:
    description: base
    grants: ["runs:read"]
    deny: [SearchRuns]
  child:
    description: child
    includes: [base]
    grants: [SearchRuns, "experiments:read"]
    deny: [GetExperiment]
`);
    const base = p.roles.find((r) => r.name === 'base');
    const child = p.roles.find((r) => r.name === 'child');
    expect(base?.operations).not.toContain('SearchRuns');
    expect(child?.operations).toContain('SearchRuns');
    expect(child?.operations).toContain('GetRun');
    expect(child?.operations).not.toContain('GetExperiment');
    expect(child?.grantedBy.get('GetRun')).toBe('includes base: grant "runs:read"');
    expect(child?.deniedBy.get('GetExperiment')).toBe('deny "GetExperiment"');
  });

  it('give a deny precedence over a grant of the same role', () => {
    const p = compiled('  r:\n    description: r\n    grants: ["*"]\n    deny: ["*:delete", graphql]\n');
    const ops = new Set(p.roles[0]?.operations);
    expect(CATALOGUE.filter((op) => op.access === 'delete').some((op) => ops.has(op.id))).toBe(false);
    expect(ops.has('graphql')).toBe(false);
    expect(ops.has('GetRun')).toBe(true);
  });
});

describe('renamed areas', () => {
  it('the old name "prompts" says what to write now and where the prompt registry lives', () => {
    expect(problems('  r:\n    description: r\n    grants: ["prompts:write"]\n')).toEqual([
      'permissions.yaml:7:14: roles.r.grants[0]: area "prompts" is now "prompt-optimization" (write "prompt-optimization:write"): it holds prompt-optimization jobs only; MLflow\'s prompt registry runs on the registered-models and model-versions routes, so grant those for prompts',
    ]);
    const p = compiled('  r:\n    description: r\n    grants: ["prompt-optimization:read"]\n');
    expect(p.roles[0]?.operations).toEqual(['GetPromptOptimizationJob', 'SearchPromptOptimizationJobs']);
  });
});

describe('public operations', () => {
  it('are in no role\'s rights: everyone has them already', () => {
    const roles = compiled('  all:\n    description: a\n    grants: ["*"]\n  ui:\n    description: u\n    grants: ["ui-static:read"]\n');
    for (const role of roles.roles) {
      expect(role.operations).not.toContain('serve');
      expect(role.operations).not.toContain('serve_static_file');
    }
    expect(roles.roles.find((r) => r.name === 'ui')?.operations).toEqual(['static']);
  });

  it('warn about a grant that selects only public operations, at the grant', () => {
    const result = compilePermissions(`${header}  ui:\n    description: u\n    grants: [serve, GetRun]\n`, CATALOGUE, MLFLOW_VERSION);
    if (!result.ok) throw new Error('must compile');
    expect(result.warnings.map(formatDiagnostic)).toEqual([
      'permissions.yaml:7:14: roles.ui.grants[0]: grant "serve" changes nothing: serve is public (anyone may call it, with a token or without); remove it',
    ]);
  });

  it('refuse a deny of a public operation, saying why', () => {
    expect(problems('  r:\n    description: r\n    grants: ["*:read"]\n    deny: [serve_static_file]\n')).toEqual([
      'permissions.yaml:8:12: roles.r.deny[0]: serve_static_file is public: anyone may call it, with a token or without (the UI shell loads before login, without the authorizer), so no role can deny it; remove this deny',
    ]);
  });
});
