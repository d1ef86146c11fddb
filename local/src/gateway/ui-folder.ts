import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** A file of a UI folder: its bytes and content type. */
export interface UiFile {
  readonly bytes: Buffer;
  readonly type: string;
}

/**
 * Serves a built MLflow UI folder as MLflow's Flask app does (`js/build`): `GET /` is `index.html`,
 * `GET /static-files/<path>` is `<path>` in the folder. Undefined for anything else, or a path leaving the folder.
 */
export async function uiFile(folder: string, path: string): Promise<UiFile | undefined> {
  let relative: string;
  if (path === '/') relative = 'index.html';
  else if (path.startsWith('/static-files/')) {
    try {
      relative = decodeURIComponent(path.slice('/static-files/'.length));
    } catch {
      return undefined;
    }
  } else return undefined;
  const file = normalize(join(folder, relative));
  if (!file.startsWith(normalize(folder) + sep) || relative.includes('\0')) return undefined;
  const bytes = await readFile(file).catch(() => undefined);
  return bytes === undefined ? undefined : { bytes, type: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' };
}
