const UTF8 = new TextDecoder('utf-8', { fatal: false });
const ENCODER = new TextEncoder();

/**
 * The segments MLflow's routers see for a raw path: uvicorn decodes it once with Python's `unquote` (valid
 * `%XX` escapes become bytes, invalid ones stay as written, bytes are read as UTF-8 with replacement).
 */
export function mlflowDecodedSegments(rawPath: string): string[] {
  return rawPath
    .slice(1)
    .split('/')
    .map((segment) => {
      if (!segment.includes('%')) return segment;
      const bytes: number[] = [];
      for (let i = 0; i < segment.length; i++) {
        const c = segment[i] as string;
        const hex = segment.slice(i + 1, i + 3);
        if (c === '%' && /^[0-9a-fA-F]{2}$/.test(hex)) {
          bytes.push(parseInt(hex, 16));
          i += 2;
        } else {
          const code = segment.codePointAt(i) as number;
          if (code > 0xffff) i++;
          bytes.push(...ENCODER.encode(String.fromCodePoint(code)));
        }
      }
      return UTF8.decode(new Uint8Array(bytes));
    });
}

/**
 * A path the router reads exactly as MLflow reads `rawPath`: its decoded segments, each escaped once the
 * standard way. Meaningful for paths without `//`, dot segments or escaped separators and dots.
 */
export function canonicalSpelling(rawPath: string): string {
  return '/' + mlflowDecodedSegments(rawPath).map(encodeURIComponent).join('/');
}
