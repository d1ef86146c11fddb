import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { JsonWebKey } from 'node:crypto';
import { z } from 'zod';
import { LocalModeError } from '../errors.js';

/** What the local OIDC provider keeps across restarts, so logins and tokens survive them. */
export interface OidcState {
  /** The RSA private key ID tokens are signed with (JWK, with `kid`). */
  readonly signingKey: JsonWebKey & { kid: string };
  readonly cookieKeys: readonly string[];
  /** Demo user passwords by Cognito group. */
  readonly passwords: Readonly<Record<string, string>>;
}

const State = z.object({
  version: z.literal(1),
  signingKey: z.looseObject({ kty: z.literal('RSA'), kid: z.string(), n: z.string(), e: z.string(), d: z.string() }),
  cookieKeys: z.array(z.string().min(16)).min(1),
  passwords: z.record(z.string(), z.string().min(8)),
});

/** Reads the state file at `path`, creating it (or adding passwords for new `groups`) as needed. */
export async function loadOidcState(path: string, groups: readonly string[]): Promise<OidcState> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  let state: OidcState;
  if (text === undefined) {
    state = { signingKey: newSigningKey(), cookieKeys: [randomBytes(24).toString('base64url')], passwords: {} };
  } else {
    let parsed;
    try {
      parsed = State.safeParse(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || !parsed.success) throw new LocalModeError(`the OIDC state file ${path} is broken (delete it to have a new one created)`);
    state = { signingKey: parsed.data.signingKey as OidcState['signingKey'], cookieKeys: parsed.data.cookieKeys, passwords: parsed.data.passwords };
  }
  const missing = groups.filter((g) => state.passwords[g] === undefined);
  if (text === undefined || missing.length > 0) {
    state = { ...state, passwords: { ...state.passwords, ...Object.fromEntries(missing.map((g) => [g, newPassword()])) } };
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify({ version: 1, ...state }, null, 2) + '\n', { mode: 0o600 });
    await rename(temporary, path);
  }
  return state;
}

/** A fresh 2048-bit RSA signing key as a private JWK. */
export function newSigningKey(): JsonWebKey & { kid: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' } as JsonWebKey & { kid: string };
}

function newPassword(): string {
  // Readable and typeable: four groups of four letters and digits, no look-alikes.
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const chars = [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
