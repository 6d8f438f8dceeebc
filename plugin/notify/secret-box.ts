import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** The key that seals channel secrets, supplied by the host (environment, key file, database). */
export interface SecretKey {
  key: Buffer;
  /** Where the key came from, for error messages: the variable's name or the file's path. */
  source: string;
}

const PREFIX = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The stored text could not be decrypted with the key in use (another key, or altered data). */
export class SecretKeyMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyMismatch';
  }
}

/**
 * AES-256-GCM over short strings: `v1:` + base64(iv | tag | ciphertext). `context` is bound as
 * associated data, so a value copied to another row or field does not decrypt. The key is loaded
 * on first use.
 */
export class SecretBox {
  private loaded: SecretKey | null = null;

  constructor(private readonly load: () => SecretKey | Promise<SecretKey>) {}

  private async key(): Promise<SecretKey> {
    this.loaded ??= await this.load();
    return this.loaded;
  }

  /** Where the key comes from (variable or file), for messages. */
  async source(): Promise<string> {
    return (await this.key()).source;
  }

  async seal(plain: string, context: string): Promise<string> {
    const { key } = await this.key();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  /** The plain text; throws `SecretKeyMismatch` (with `what` in the message) when it does not decrypt. */
  async open(sealed: string, context: string, what: string): Promise<string> {
    const { key, source } = await this.key();
    const raw = sealed.startsWith(PREFIX) ? Buffer.from(sealed.slice(PREFIX.length), 'base64') : null;
    try {
      if (!raw || raw.length < IV_BYTES + TAG_BYTES) throw new Error('not sealed');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new SecretKeyMismatch(
        `secrets: cannot decrypt ${what} with the key from ${source}; it was stored with another key. Restore that key, or enter the robot's address and secret again`,
      );
    }
  }
}
