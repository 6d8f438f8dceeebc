import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SecretKey } from '../secret-box.ts';

/** Environment variable holding the key that encrypts webhook secrets: 32 bytes, base64. */
export const SECRET_KEY_ENV = 'OKR_SECRET_KEY';
/** File in the data folder holding the generated key when the variable is unset. */
export const SECRET_KEY_FILE = 'okr-secret.key';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function decode(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const key = BASE64.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
  if (key.length !== 32)
    throw new Error(
      `secrets: ${source} must hold 32 bytes in base64 (44 characters, e.g. from \`openssl rand -base64 32\`); it holds ${key.length === 0 ? 'no valid base64' : `${key.length} bytes`}`,
    );
  return key;
}

/**
 * The key for webhook secrets: `OKR_SECRET_KEY` when set, otherwise `<dataDir>/okr-secret.key`,
 * generated on first use with mode 0600. Losing the key makes the stored secrets unreadable.
 */
export function loadSecretKey(options: { env: NodeJS.ProcessEnv; dataDir: string }): SecretKey {
  const fromEnv = options.env[SECRET_KEY_ENV];
  if (fromEnv !== undefined && fromEnv !== '')
    return { key: decode(fromEnv, SECRET_KEY_ENV), source: SECRET_KEY_ENV };
  const dir = resolve(options.dataDir);
  const file = join(dir, SECRET_KEY_FILE);
  mkdirSync(dir, { recursive: true });
  try {
    // `wx`: only one process creates the file; the others read the key it wrote.
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return { key: decode(readFileSync(file, 'utf8'), file), source: file };
}
