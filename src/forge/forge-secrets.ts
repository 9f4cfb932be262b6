import { kvs } from '@forge/kvs';
import { AppError } from '../errors/app-error';
import type { Secrets } from '../ports/secrets';

/** Forge KVS secret storage: encrypted by the platform and readable only by this app's back end. */
export const forgeSecrets: Secrets = {
  async get(key) {
    try {
      return (await kvs.getSecret<string>(key)) ?? undefined;
    } catch (error) {
      throw new AppError('secret_store_error', 'Could not read a stored credential. Try again in a minute.', { cause: error });
    }
  },
  async set(key, value) {
    try {
      await kvs.setSecret(key, value);
    } catch (error) {
      throw new AppError('secret_store_error', 'Could not save the credential. Try again in a minute.', { cause: error });
    }
  },
  async delete(key) {
    try {
      await kvs.deleteSecret(key);
    } catch (error) {
      throw new AppError('secret_store_error', 'Could not remove a stored credential. Try again in a minute.', { cause: error });
    }
  },
};
