import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { LocalModeError } from '../errors.js';
import type { Principal } from './principals.js';
import { principalKey } from './principals.js';

/** One local access key: what a notebook puts in `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`, and who it is. */
export interface LocalCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** When set, requests must carry it as `X-Amz-Security-Token` (temporary credentials, as SageMaker's). */
  readonly sessionToken?: string;
  readonly principal: Principal;
}

const Entry = z
  .object({
    accessKeyId: z.string().regex(/^[A-Z0-9]{16,128}$/, 'must be 16 to 128 upper-case letters and digits'),
    secretAccessKey: z.string().min(16, 'must be at least 16 characters'),
    sessionToken: z.string().min(1).optional(),
    sagemakerUserProfile: z.string().min(1).optional(),
    iamPrincipal: z.string().min(1).optional(),
  })
  .strict()
  .refine((e) => (e.sagemakerUserProfile === undefined) !== (e.iamPrincipal === undefined), 'needs exactly one of sagemakerUserProfile, iamPrincipal');

const CredentialsFile = z.object({ version: z.literal(1), credentials: z.array(Entry) }).strict();

/** What `loadCredentials` found and did. */
export interface LoadedCredentials {
  readonly credentials: readonly LocalCredential[];
  readonly created: boolean;
  /** Principals that had no key and got one (the file was rewritten). */
  readonly added: readonly Principal[];
}

/**
 * Reads the local credentials file at `path`, adding a key for each bound principal that has none. A missing
 * file is created when `create` is true (the default location), and is an error otherwise (a path the user gave).
 * A broken file is an error naming the problem; nothing is overwritten then.
 */
export async function loadCredentials(path: string, bound: readonly Principal[], create: boolean): Promise<LoadedCredentials> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new LocalModeError(`cannot read the credentials file ${path}: ${error.code ?? error.message}`);
  });
  if (text === undefined && !create) throw new LocalModeError(`the credentials file ${path} does not exist (leave out --credentials to have one created)`);
  const existing = text === undefined ? [] : parseCredentials(path, text);
  const have = new Set(existing.map((c) => principalKey(c.principal)));
  const added = bound.filter((p) => !have.has(principalKey(p)));
  const credentials = [...existing, ...added.map(newCredential)];
  if (text === undefined || added.length > 0) await writeCredentials(path, credentials);
  return { credentials, created: text === undefined, added: text === undefined ? [] : added };
}

/** Parses a credentials file's text; throws `LocalModeError` naming the first problem. */
export function parseCredentials(path: string, text: string): LocalCredential[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LocalModeError(`the credentials file ${path} is not valid JSON (delete it to have a new one created)`);
  }
  const parsed = CredentialsFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    throw new LocalModeError(`the credentials file ${path} is broken${where}: ${issue?.message ?? 'invalid'}`);
  }
  const seen = new Set<string>();
  return parsed.data.credentials.map((e, i) => {
    if (seen.has(e.accessKeyId)) throw new LocalModeError(`the credentials file ${path} is broken at credentials.${i}: access key ${e.accessKeyId} appears twice`);
    seen.add(e.accessKeyId);
    const principal: Principal =
      e.sagemakerUserProfile !== undefined ? { kind: 'sagemaker-user-profile', name: e.sagemakerUserProfile } : { kind: 'iam-principal', name: e.iamPrincipal as string };
    return { accessKeyId: e.accessKeyId, secretAccessKey: e.secretAccessKey, ...(e.sessionToken === undefined ? {} : { sessionToken: e.sessionToken }), principal };
  });
}

/** A fresh random key pair shaped like AWS's (`AKIA` + 16 characters, 40-character secret). */
export function newCredential(principal: Principal): LocalCredential {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const id = [...randomBytes(16)].map((b) => alphabet[b % 32]).join('');
  return { accessKeyId: `AKIA${id}`, secretAccessKey: randomBytes(30).toString('base64'), principal };
}

async function writeCredentials(path: string, credentials: readonly LocalCredential[]): Promise<void> {
  const entries = credentials.map((c) => ({
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    ...(c.sessionToken === undefined ? {} : { sessionToken: c.sessionToken }),
    ...(c.principal.kind === 'sagemaker-user-profile' ? { sagemakerUserProfile: c.principal.name } : { iamPrincipal: c.principal.name }),
  }));
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({ version: 1, credentials: entries }, null, 2) + '\n', { mode: 0o600 });
  await rename(temporary, path);
}
