import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOGUE } from '../catalogue/catalogue.js';
import { editorJsonSchema } from './schema.js';

const validate = new Ajv2020({ allErrors: true, strict: false }).compile(editorJsonSchema(CATALOGUE));
const permissions = parse(readFileSync(new URL('../../../permissions.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('the JSON Schema exported for editors', () => {
  it('accepts the default permissions.yaml', () => {
    expect(validate(permissions), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects unknown keys and selectors, and offers every selector for completion', () => {
    const roles = permissions.roles as Record<string, Record<string, unknown>>;
    expect(validate({ ...permissions, extra: 1 })).toBe(false);
    expect(validate({ ...permissions, roles: { ...roles, x: { description: 'x', grants: ['GetRunn'] } } })).toBe(false);
    expect(validate({ ...permissions, roles: { ...roles, x: { description: 'x', grants: ['GetRun', 'runs:read', '*:admin', '*'] } } })).toBe(true);
  });
});
