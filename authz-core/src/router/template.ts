import type { Engine } from '../catalogue/types.js';

/** How a path parameter matches, with the engine's own regular expression for it. */
export type ConverterKind = 'segment' | 'path' | 'int';

/** A piece of one template segment: literal text or a parameter. */
export type Piece =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'param'; readonly name: string; readonly converter: ConverterKind };

/** A route template split on `/`; the leading empty segment is dropped, so `/` is `[[]]` → one empty segment. */
export interface ParsedTemplate {
  readonly engine: Engine;
  readonly source: string;
  readonly segments: readonly (readonly Piece[])[];
}

/** Thrown for a template the catalogue should never contain; it is a bug in the catalogue, caught by tests. */
export class TemplateSyntaxError extends Error {
  constructor(template: string, detail: string) {
    super(`bad route template ${JSON.stringify(template)}: ${detail}`);
    this.name = 'TemplateSyntaxError';
  }
}

// Werkzeug: `<name>`, `<converter:name>`, `<converter(args):name>`; Starlette: `{name}`, `{name:converter}`.
const FLASK_PARAM = /<(?:([a-zA-Z_][a-zA-Z0-9_]*)(?:\([^)]*\))?:)?([a-zA-Z_][a-zA-Z0-9_]*)>/g;
const STARLETTE_PARAM = /\{([a-zA-Z_][a-zA-Z0-9_]*)(?::([a-zA-Z_][a-zA-Z0-9_]*))?\}/g;

const FLASK_CONVERTERS: Readonly<Record<string, ConverterKind>> = {
  default: 'segment',
  string: 'segment',
  path: 'path',
  int: 'int',
};
const STARLETTE_CONVERTERS: Readonly<Record<string, ConverterKind>> = {
  str: 'segment',
  path: 'path',
  int: 'int',
};

/** Parses a Flask (`<x>`, `<path:x>`) or Starlette (`{x}`, `{x:path}`) route template into segments. */
export function parseTemplate(source: string, engine: Engine): ParsedTemplate {
  if (!source.startsWith('/')) throw new TemplateSyntaxError(source, 'must start with "/"');
  if (source.includes('//')) throw new TemplateSyntaxError(source, 'empty segment');
  const segments = source
    .slice(1)
    .split('/')
    .map((segment) => parseSegment(source, segment, engine));
  const names = segments.flat().flatMap((p) => (p.kind === 'param' ? [p.name] : []));
  if (new Set(names).size !== names.length) throw new TemplateSyntaxError(source, 'duplicate parameter name');
  return { engine, source, segments };
}

function parseSegment(template: string, segment: string, engine: Engine): Piece[] {
  const pattern = new RegExp(engine === 'flask' ? FLASK_PARAM : STARLETTE_PARAM);
  const converters = engine === 'flask' ? FLASK_CONVERTERS : STARLETTE_CONVERTERS;
  const pieces: Piece[] = [];
  let last = 0;
  for (const m of segment.matchAll(pattern)) {
    if (m.index > last) pieces.push(text(template, segment.slice(last, m.index)));
    const [converterName, name] = engine === 'flask' ? [m[1] ?? 'default', m[2]] : [m[2] ?? 'str', m[1]];
    const converter = converters[converterName];
    if (converter === undefined || name === undefined) {
      throw new TemplateSyntaxError(template, `unsupported converter ${JSON.stringify(converterName)}`);
    }
    pieces.push({ kind: 'param', name, converter });
    last = m.index + m[0].length;
  }
  if (last < segment.length) pieces.push(text(template, segment.slice(last)));
  return pieces;
}

function text(template: string, value: string): Piece {
  if (/[<>{}]/.test(value)) throw new TemplateSyntaxError(template, `stray bracket in ${JSON.stringify(value)}`);
  return { kind: 'text', text: value };
}

/** True when the segment is pure literal text (an empty segment counts as the literal ""). */
export function isLiteralSegment(pieces: readonly Piece[]): boolean {
  return pieces.every((p) => p.kind === 'text');
}

/** The literal text of a pure-literal segment. */
export function literalText(pieces: readonly Piece[]): string {
  return pieces.map((p) => (p.kind === 'text' ? p.text : '')).join('');
}

/** Every character that occurs in literal text of the template. */
export function literalCharacters(template: ParsedTemplate): Set<string> {
  const chars = new Set<string>();
  for (const segment of template.segments) {
    for (const piece of segment) if (piece.kind === 'text') for (const c of piece.text) chars.add(c);
  }
  return chars;
}

/** Renders the template with the given values, for tests and examples. */
export function instantiate(template: ParsedTemplate, values: (name: string, converter: ConverterKind) => string): string {
  return (
    '/' +
    template.segments
      .map((pieces) => pieces.map((p) => (p.kind === 'text' ? p.text : values(p.name, p.converter))).join(''))
      .join('/')
  );
}
