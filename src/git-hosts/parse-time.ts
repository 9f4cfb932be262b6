import { z } from 'zod';

/** Epoch milliseconds from an ISO-8601 time with offset, as both Git hosts send; 400s on anything else. */
export const isoTime = z.string().transform((text, context) => {
  const time = Date.parse(text);
  if (Number.isNaN(time)) {
    context.addIssue({ code: 'custom', message: `not a date: ${text.slice(0, 40)}` });
    return z.NEVER;
  }
  return time;
});
