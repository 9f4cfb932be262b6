import type { z } from 'zod';

/** A payload that parsed as JSON but is not the event it claims to be: answered with 400 and this text. */
export class PayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadError';
  }
}

/** Validates `payload` against `schema`, describing the first problem in plain words if it does not fit. */
export function parsePayload<T>(schema: z.ZodType<T>, payload: unknown, what: string): T {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new PayloadError(`The payload is not a valid ${what}${where}: ${issue?.message ?? 'unexpected shape'}.`);
}
