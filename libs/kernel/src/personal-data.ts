import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConflictError } from './errors.js';

/**
 * Personal data (names, contact details, quotes, identifying free text) never enters an event
 * or a read model as plain text. It is sealed with AES-256-GCM under a key that belongs to one
 * data subject (normally a person): destroy that key and every copy of their words, in every
 * event and every read model, becomes unreadable at once, while counts stay as they were.
 *
 * A sealed value is a string `pd1.<subject>.<iv>.<tag>.<ciphertext>` (base64url parts), so
 * it can sit in JSON and in a text column, and names the key it needs.
 */
export type Sealed = string & { readonly __sealed: unique symbol };

const PREFIX = 'pd1';
const SUBJECT = /^[A-Za-z0-9_-]{1,64}$/;

export interface SealedParts {
  readonly subject: string;
  readonly iv: Buffer;
  readonly tag: Buffer;
  readonly ciphertext: Buffer;
}

export function isSealed(value: unknown): value is Sealed {
  return typeof value === 'string' && value.startsWith(`${PREFIX}.`) && value.split('.').length === 5;
}

export function sealedSubject(value: Sealed): string {
  return value.split('.')[1];
}

/** Encrypts `text` with a 32-byte key; the subject id is bound in as additional data. */
export function sealWithKey(subject: string, key: Buffer, text: string): Sealed {
  if (!SUBJECT.test(subject)) throw new TypeError('A data subject id is letters, digits, "-" and "_" only');
  if (key.length !== 32) throw new TypeError('A personal data key has 32 bytes');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(subject, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [PREFIX, subject, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.') as Sealed;
}

export function parseSealed(value: Sealed): SealedParts {
  const [prefix, subject, iv, tag, ciphertext] = value.split('.');
  if (prefix !== PREFIX || !subject) throw new TypeError('Not a sealed personal data value');
  return {
    subject,
    iv: Buffer.from(iv, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
  };
}

export function openWithKey(value: Sealed, key: Buffer): string {
  const parts = parseSealed(value);
  const decipher = createDecipheriv('aes-256-gcm', key, parts.iv);
  decipher.setAAD(Buffer.from(parts.subject, 'utf8'));
  decipher.setAuthTag(parts.tag);
  return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString('utf8');
}

/**
 * The application's door to personal data. `seal` creates the subject's key on first use;
 * `open` returns null once the subject has been forgotten (the key is gone for good).
 */
export interface PersonalDataVault {
  seal(subject: string, text: string): Promise<Sealed>;
  open(value: Sealed): Promise<string | null>;
  /** Opens many values at once (read models decrypt whole pages). */
  openMany(values: readonly (Sealed | null | undefined)[]): Promise<(string | null)[]>;
  /** Destroys the subject's key. Irreversible. */
  forget(subject: string): Promise<void>;
  isForgotten(subject: string): Promise<boolean>;
}

/** What a vault stores keys in. Keys are 32 random bytes; a forgotten subject has none. */
export interface PersonalDataKeyStore {
  /** The subject's key, creating it if the subject has never had one; null if forgotten. */
  keyFor(subject: string, create: boolean): Promise<Buffer | null>;
  destroy(subject: string): Promise<void>;
  isForgotten(subject: string): Promise<boolean>;
}

export class KeyedVault implements PersonalDataVault {
  private readonly cache = new Map<string, Buffer | null>();

  constructor(
    private readonly keys: PersonalDataKeyStore,
    private readonly cacheSize = 10_000,
  ) {}

  async seal(subject: string, text: string): Promise<Sealed> {
    const key = await this.key(subject, true);
    if (!key) throw new ConflictError('This person has been forgotten: nothing more can be recorded about them.');
    return sealWithKey(subject, key, text);
  }

  async open(value: Sealed): Promise<string | null> {
    const key = await this.key(sealedSubject(value), false);
    return key ? openWithKey(value, key) : null;
  }

  async openMany(values: readonly (Sealed | null | undefined)[]): Promise<(string | null)[]> {
    const out: (string | null)[] = [];
    for (const value of values) out.push(value ? await this.open(value) : null);
    return out;
  }

  async forget(subject: string): Promise<void> {
    await this.keys.destroy(subject);
    this.cache.set(subject, null);
  }

  isForgotten(subject: string): Promise<boolean> {
    return this.keys.isForgotten(subject);
  }

  private async key(subject: string, create: boolean): Promise<Buffer | null> {
    const cached = this.cache.get(subject);
    if (cached !== undefined && (cached !== null || !create)) return cached;
    const key = await this.keys.keyFor(subject, create);
    if (key || !create) {
      if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(subject, key);
    }
    return key;
  }
}
