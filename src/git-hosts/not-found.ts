import { AppError } from '../errors/app-error';

/** What the host no longer has: reading it answers null, and removing it is already done. Any other failure is the caller's. */
export async function nullIfNotFound<T>(request: () => Promise<T>): Promise<T | null> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof AppError && error.code === 'provider_not_found') return null;
    throw error;
  }
}
