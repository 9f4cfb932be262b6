import { englishNumber, nounFor } from './plural';

export type RelativeTimeUnit = 'year' | 'month' | 'week' | 'day' | 'hour' | 'minute';

const UNITS: Array<[RelativeTimeUnit, number]> = [
  ['year', 365 * 24 * 3600e3],
  ['month', 30 * 24 * 3600e3],
  ['week', 7 * 24 * 3600e3],
  ['day', 24 * 3600e3],
  ['hour', 3600e3],
  ['minute', 60e3],
];

/** The words English uses instead of "1 day ago" or "in 1 week" (as `Intl.RelativeTimeFormat`'s `numeric: 'auto'`). */
const ONE_AWAY: Partial<Record<RelativeTimeUnit, { past: string; future: string }>> = {
  day: { past: 'yesterday', future: 'tomorrow' },
  week: { past: 'last week', future: 'next week' },
  month: { past: 'last month', future: 'next month' },
  year: { past: 'last year', future: 'next year' },
};

/**
 * "5 hours ago", "yesterday", "in 2 days": `value` units from now, in English. The sentences these sit in are
 * English (plural.ts), and writing them here, rather than with `Intl.RelativeTimeFormat`, keeps a first view from
 * paying for the page's first Intl format (locale-formats.ts). Its tests hold it to Intl's own English output.
 */
export function relativeTimeIn(value: number, unit: RelativeTimeUnit): string {
  if (value === 0) return unit === 'day' ? 'today' : `this ${unit}`;
  const named = Math.abs(value) === 1 ? ONE_AWAY[unit] : undefined;
  if (named) return value < 0 ? named.past : named.future;
  const amount = `${englishNumber(Math.abs(value))} ${nounFor(Math.abs(value), unit, `${unit}s`)}`;
  return value < 0 ? `${amount} ago` : `in ${amount}`;
}

/** "3 hours ago": a moment as the largest whole unit from now, in English. */
export function relativeTime(epochMs: number, now: number = Date.now()): string {
  const delta = epochMs - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) >= size) return relativeTimeIn(Math.round(delta / size), unit);
  }
  return relativeTimeIn(0, 'minute');
}
