import { describe, expect, it } from 'vitest';
import { CATALOGUE, MLFLOW_VERSION } from '../catalogue/catalogue.js';
import { compilePermissions } from './compile.js';
import { formatDiagnostic } from './diagnostics.js';
import { homesOf, keysAt } from './schema-shape.js';

const head = `version: 1\nsettings:\n  mlflowVersion: "${MLFLOW_VERSION}"\nroles:\n`;

function problems(source: string): string[] {
  const result = compilePermissions(source, CATALOGUE, MLFLOW_VERSION);
  return result.ok ? [] : result.diagnostics.map(formatDiagnostic);
}

// Line numbers count from 1; `head` takes lines 1-4, so roles start on line 5.
describe('schema errors say where a misplaced key belongs', () => {
  it('a role key dedented to the level of role names: one message naming the role it belongs under', () => {
    const dedented = `${head}  readers:\n    description: r\n    grants: ["*:read"]\n  bindings:\n    cognitoGroups: [readers]\n  writers:\n    description: w\n    grants: ["*:write"]\n`;
    expect(problems(dedented)).toEqual([
      'permissions.yaml:8:3: "bindings:" is indented as a role name, but bindings is a key of a role: indent it one level more, under role "readers" (line 5)',
    ]);
    expect(problems(`${head}  r:\n    description: r\n  grants: ["*"]\n`)).toEqual([
      'permissions.yaml:7:3: "grants:" is indented as a role name, but grants is a key of a role: indent it one level more, under role "r" (line 5)',
    ]);
  });

  it('a role that is really named like a role key stays a role', () => {
    expect(problems(`${head}  grants:\n    description: a role named grants\n    grants: ["*:read"]\n`)).toEqual([]);
  });

  it('a key one level too far left or right of its map', () => {
    expect(problems(`${head}  r:\n    description: r\n    grants: ["*"]\n    cognitoGroups: [a]\n`)).toEqual([
      'permissions.yaml:8:5: roles.r.cognitoGroups: unknown key "cognitoGroups" in a role: cognitoGroups belongs in roles.r.bindings: indent it one level more, under bindings:',
    ]);
    expect(problems(`${head}  r:\n    grants: ["*"]\n    bindings:\n      description: r\n`)).toEqual([
      'permissions.yaml:6:5: roles.r.description: missing: a role needs "description" (What the role is for, in one sentence)',
      'permissions.yaml:8:7: roles.r.bindings.description: unknown key "description" in bindings: description belongs in roles.r: indent it one level less',
    ]);
  });

  it('an empty file, or one of comments only', () => {
    for (const source of ['', '# nothing yet\n']) {
      expect(problems(source)).toEqual(['permissions.yaml:1:1: the file is empty: it needs version, settings, roles (see the README\'s "Writing roles")']);
    }
  });

  it('a map key with nothing under it, and a role written at the top level', () => {
    expect(problems(`${head}  r:\n    description: r\n    grants: ["*"]\n    bindings:\n    cognitoGroups: [a]\n`)).toEqual([
      'permissions.yaml:8:14: roles.r.bindings: "bindings:" has nothing under it: indent its keys (cognitoGroups, sagemakerUserProfiles, iamPrincipals) under it, or remove the line',
      'permissions.yaml:9:5: roles.r.cognitoGroups: unknown key "cognitoGroups" in a role: cognitoGroups belongs in roles.r.bindings: indent it one level more, under bindings:',
    ]);
    expect(problems(`version: 1\nsettings:\nroles:\n  r:\n    description: r\n    grants: ["*"]\n`)).toEqual([
      'permissions.yaml:2:10: settings: "settings:" has nothing under it: indent its keys (mlflowVersion, apiStageName, authorizerCacheTtlSeconds) under it',
    ]);
    expect(problems(`${head}  r:\n    description: r\n    grants: ["*"]\nreaders:\n  description: x\n`)).toEqual([
      'permissions.yaml:8:1: readers: unknown key "readers": it looks like a role; indent it one level more, under roles:',
    ]);
  });
});

describe('schema errors list the valid keys and suggest near matches', () => {
  it('the words people write for a key', () => {
    const cases: [string, string, string][] = [
      ['denies', 'deny', 'a role'],
      ['deny_list', 'deny', 'a role'],
      ['allow', 'grants', 'a role'],
      ['inherits', 'includes', 'a role'],
      ['grant', 'grants', 'a role'],
      ['Description', 'description', 'a role'],
    ];
    for (const [written, meant, place] of cases) {
      expect(problems(`${head}  r:\n    description: r\n    grants: ["*"]\n    ${written}: [x]\n`)).toEqual([
        `permissions.yaml:8:5: roles.r.${written}: unknown key "${written}" (did you mean "${meant}"?); ${place} takes ${keysAt(['roles', 'r']).join(', ')}`,
      ]);
    }
    for (const [written, meant] of [['groups', 'cognitoGroups'], ['cognito_groups', 'cognitoGroups'], ['profiles', 'sagemakerUserProfiles'], ['iam_principals', 'iamPrincipals']]) {
      expect(problems(`${head}  r:\n    description: r\n    grants: ["*"]\n    bindings:\n      ${written}: [x]\n`)).toEqual([
        `permissions.yaml:9:7: roles.r.bindings.${written}: unknown key "${written}" (did you mean "${meant}"?); bindings takes cognitoGroups, sagemakerUserProfiles, iamPrincipals`,
      ]);
    }
    expect(problems(`version: 1\nsettings:\n  mlflowVersion: "${MLFLOW_VERSION}"\n  stage: dev\nrole:\n  r: {}\n`)).toEqual([
      'permissions.yaml:1:1: roles: missing: the top level of the file needs "roles" (Roles by name)',
      'permissions.yaml:4:3: settings.stage: unknown key "stage" (did you mean "apiStageName"?); settings takes mlflowVersion, apiStageName, authorizerCacheTtlSeconds',
      'permissions.yaml:5:1: role: unknown key "role" (did you mean "roles"?); the top level of the file takes version, settings, roles',
    ]);
  });

  it('wrong types and values say what was expected', () => {
    expect(problems(`${head}  r:\n    description: r\n    grants: GetRun\n`)).toEqual([
      'permissions.yaml:7:13: roles.r.grants: expected a list, got a string: write [GetRun] or one "- GetRun" line per entry',
    ]);
    expect(problems(`${head}  r:\n    description: r\n    grants: ["*"]\n    ignoreWarnings: [unbund]\n`)).toEqual([
      expect.stringMatching(/^permissions\.yaml:8:22: roles\.r\.ignoreWarnings\[0\]: unknown value "unbund" \(did you mean "unbound"\?\); one of "ui-unloadable", .*"unbound"/),
    ]);
    expect(problems(head.replace('version: 1', 'version: 2') + '  r:\n    description: r\n    grants: ["*"]\n')).toEqual(['permissions.yaml:1:10: version: expected 1, got 2']);
    expect(problems(`${head}  r:\n    description: r\n    grants: ["*"]\n    bindings: [a]\n`)).toEqual(['permissions.yaml:8:15: roles.r.bindings: expected a map of keys, got a list']);
  });

  it('every key of the schema has a home, and role keys live under roles.<role>', () => {
    for (const key of keysAt(['roles', 'x'])) expect(homesOf(key)).toEqual([['roles', '<role>']]);
    for (const key of keysAt(['roles', 'x', 'bindings'])) expect(homesOf(key)).toEqual([['roles', '<role>', 'bindings']]);
    expect(keysAt([])).toEqual(['version', 'settings', 'roles']);
  });
});
