import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Secrets } from '../ports/secrets';

interface SealedSecret {
  iv: string;
  tag: string;
  data: string;
}

/**
 * Secrets for the sandbox, encrypted at rest with AES-256-GCM under a random key kept beside them
 * (`secret.key`, readable only by the owner). Each value has its own IV; the key name is bound as
 * additional data, so a sealed value moved to another key fails to open.
 */
export function encryptedFileSecrets(folder: string): Secrets {
  mkdirSync(folder, { recursive: true });
  const keyFile = join(folder, 'secret.key');
  const storeFile = join(folder, 'secrets.json');
  if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  const key = readFileSync(keyFile);

  const load = (): Record<string, SealedSecret> => (existsSync(storeFile) ? (JSON.parse(readFileSync(storeFile, 'utf8')) as Record<string, SealedSecret>) : {});
  const save = (all: Record<string, SealedSecret>) => {
    const temporary = join(dirname(storeFile), `.secrets.${process.pid}.tmp`);
    writeFileSync(temporary, JSON.stringify(all), { mode: 0o600 });
    renameSync(temporary, storeFile);
  };

  return {
    async get(name) {
      const sealed = load()[name];
      if (!sealed) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAAD(Buffer.from(name, 'utf8'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
    },
    async set(name, value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(name, 'utf8'));
      const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      save({ ...load(), [name]: { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') } });
    },
    async delete(name) {
      const all = load();
      delete all[name];
      save(all);
    },
  };
}
