import { dateTimeFormat, MEDIUM_DATE_TIME } from './locale-formats';

/**
 * A moment as the reader writes dates, in their language and time zone ("23 Nov 2026, 14:57" in en-GB,
 * "Nov 23, 2026, 2:57 PM" in en-US): never the ISO text the back end stores.
 */
export function formatDateTime(epochMs: number, locale?: string, timeZone?: string): string {
  return dateTimeFormat(timeZone ? { ...MEDIUM_DATE_TIME, timeZone } : MEDIUM_DATE_TIME, locale).format(new Date(epochMs));
}

/** A time of day, for moments within the next hours ("accepted until 15:57"). */
export function formatTime(epochMs: number, locale?: string, timeZone?: string): string {
  return dateTimeFormat({ timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }, locale).format(new Date(epochMs));
}
