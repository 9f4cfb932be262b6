import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encryptedFileSecrets } from './encrypted-file-secrets';

describe('encryptedFileSecrets', () => {
  const folder = () => mkdtempSync(join(tmpdir(), 'dvcs-secrets-'));

  it('stores, reads back and deletes a secret', async () => {
    const secrets = encryptedFileSecrets(folder());
    await secrets.set('account:1:oauth-secret', 's3cr3t-value');
    expect(await secrets.get('account:1:oauth-secret')).toBe('s3cr3t-value');
    await secrets.delete('account:1:oauth-secret');
    expect(await secrets.get('account:1:oauth-secret')).toBeUndefined();
  });

  it('never writes the plaintext to disk, and keeps the key owner-only', async () => {
    const dir = folder();
    const secrets = encryptedFileSecrets(dir);
    await secrets.set('token', 'ghp_plaintextthatmustnotleak');
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).not.toContain('plaintextthatmustnotleak');
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    // A second instance over the same folder reads what the first wrote (the sandbox restarting).
    expect(await encryptedFileSecrets(dir).get('token')).toBe('ghp_plaintextthatmustnotleak');
  });

  it('refuses a value that was tampered with or moved to another key', async () => {
    const dir = folder();
    const secrets = encryptedFileSecrets(dir);
    await secrets.set('a', 'first');
    const file = join(dir, 'secrets.json');
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...stored, b: stored.a }));
    await expect(secrets.get('b')).rejects.toThrow();
  });
});
