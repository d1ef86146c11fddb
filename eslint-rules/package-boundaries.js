// @ts-check
// An ESLint rule: a file imports another workspace package only by its name (`@mlflow-authz/core`, or a subpath
// its `exports` map declares), never by a relative path into the package's folder, which would bypass the
// package's declared surface. A package is a folder holding a package.json; the repository's own folders without
// one (scripts/, examples/) belong to the root package. generated/ is data every stage reads, not a package.
import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';

const REPO = dirname(dirname(new URL(import.meta.url).pathname));
const GENERATED = resolve(REPO, 'generated') + sep;
const packageRoots = new Map();

/** The folder of the nearest package.json at or above `dir`. */
function packageRoot(dir) {
  let known = packageRoots.get(dir);
  if (known === undefined) {
    const parent = dirname(dir);
    known = existsSync(resolve(dir, 'package.json')) || parent === dir ? dir : packageRoot(parent);
    packageRoots.set(dir, known);
  }
  return known;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noRelativePackages = {
  meta: {
    type: 'problem',
    docs: { description: 'import another workspace package by its name, never by a relative path into its folder' },
    schema: [],
    messages: { relative: 'Import {{target}} through its package name and declared exports, not by a relative path out of {{from}}.' },
  },
  create(context) {
    const file = context.filename;
    const from = packageRoot(dirname(file));
    /** @param {import('estree').Node} node @param {unknown} spec */
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const path = resolve(dirname(file), spec);
      if (path.startsWith(GENERATED)) return;
      const target = packageRoot(dirname(path));
      if (target !== from) context.report({ node, messageId: 'relative', data: { target: relative(REPO, target) || 'the root package', from: relative(REPO, from) || 'the root package' } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => check(node, node.source?.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source.value : undefined),
    };
  },
};
