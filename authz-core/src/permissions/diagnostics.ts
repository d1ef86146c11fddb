import type { Document, Node } from 'yaml';
import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

/** One problem in permissions.yaml, with the position of the offending node (1-based line and column). */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** `permissions.yaml:LINE:COL: message`, the format editors and CI annotate. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}`;
}

export type PathKey = string | number;

/** `roles.readers.grants[0]` for a path into the document. */
export function formatPath(path: readonly PathKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
}

/** Turns document paths into positions; `atKey` points at a map key instead of its value. */
export class Locator {
  constructor(
    private readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** A diagnostic at the node for `path` (or its nearest existing ancestor), the path named in the message. */
  at(path: readonly PathKey[], message: string, options: { atKey?: boolean; named?: boolean } = {}): Diagnostic {
    const offset = this.offset(path, options.atKey ?? false);
    const { line, col } = this.lines.linePos(offset);
    const named = options.named ?? true;
    return { file: this.file, line, column: col, message: named && path.length > 0 ? `${formatPath(path)}: ${message}` : message };
  }

  /** A diagnostic at a raw source offset (YAML syntax errors). */
  atOffset(offset: number, message: string): Diagnostic {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col, message };
  }

  private offset(path: readonly PathKey[], atKey: boolean): number {
    let node: unknown = this.doc.contents;
    let best = rangeStart(node) ?? 0;
    for (let i = 0; i < path.length; i++) {
      const key = path[i] as PathKey;
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
        if (pair === undefined) return best;
        if (last && atKey) return rangeStart(pair.key) ?? best;
        node = pair.value;
        best = rangeStart(node) ?? rangeStart(pair.key) ?? best;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        best = rangeStart(node) ?? best;
      } else {
        return best;
      }
    }
    return best;
  }
}

function rangeStart(node: unknown): number | undefined {
  return isNode(node) ? (node as Node).range?.[0] : undefined;
}

/** A Locator over permissions.yaml source text, and the document's plain value (for checks after a successful compile). */
export function locatorFor(source: string, file: string): { locator: Locator; value: unknown } {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  return { locator: new Locator(file, doc, lines), value: doc.toJS({ maxAliasCount: 100 }) };
}
