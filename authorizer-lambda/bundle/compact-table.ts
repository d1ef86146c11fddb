// The authorizer table as the bundle carries it: every operation id once, each role's operations as a bitset
// over them. As plain JSON the table grows by a role's whole list of ids per role (about 2 KB for a reader), which
// put a 50-role bundle over its 200 KB target; compacted, a role costs a few dozen characters.
import type { AuthorizerTable } from '@mlflow-authz/core';

/** The text of an ES module whose default export equals `table` (role operation lists included, in order). */
export function compactTableModule(table: AuthorizerTable, catalogueIds: readonly string[]): string {
  const used = new Set(Object.values(table.roles).flat());
  const ids = catalogueIds.filter((id) => used.has(id));
  const position = new Map(ids.map((id, i) => [id, i]));
  const encode = (operations: readonly string[]): string => {
    const bytes = Buffer.alloc(Math.ceil(ids.length / 8));
    for (const op of operations) {
      const i = position.get(op);
      if (i === undefined) throw new Error(`operation ${op} is not in the catalogue`);
      bytes[i >> 3] = (bytes[i >> 3] as number) | (1 << (i & 7));
    }
    return bytes.toString('base64url');
  };
  const decode = (bits: string): string[] => {
    const bytes = Buffer.from(bits, 'base64url');
    return ids.filter((_, i) => (((bytes[i >> 3] ?? 0) >> (i & 7)) & 1) === 1);
  };
  const roles = Object.entries(table.roles).map(([name, operations]) => {
    const bits = encode(operations);
    // Decoding yields catalogue order: the table must be in it already, or the bundle would differ from generated/.
    if (JSON.stringify(decode(bits)) !== JSON.stringify(operations)) throw new Error(`role ${name}: operations are not in catalogue order`);
    return [name, bits] as const;
  });
  const { roles: _roles, ...rest } = table;
  return [
    `const ids = ${JSON.stringify(ids)};`,
    `const decode = (bits) => { const b = Buffer.from(bits, 'base64url'); return ids.filter((_, i) => ((b[i >> 3] ?? 0) >> (i & 7)) & 1); };`,
    `const roles = ${JSON.stringify(Object.fromEntries(roles))};`,
    `export default { ...${JSON.stringify(rest)}, roles: Object.fromEntries(Object.entries(roles).map(([name, bits]) => [name, decode(bits)])) };`,
  ].join('\n');
}
