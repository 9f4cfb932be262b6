import { relativeTime, relativeTimeIn, type RelativeTimeUnit } from './relative-time';

const UNITS: RelativeTimeUnit[] = ['year', 'month', 'week', 'day', 'hour', 'minute'];
const NOW = Date.UTC(2026, 10, 23, 14, 57);
const HOUR = 3600e3;

describe('relative times', () => {
  it('says what Intl.RelativeTimeFormat says in English, for every unit, near and far, past and future', () => {
    const intl = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
    const values = [...Array.from({ length: 61 }, (_, index) => index - 30), 999, -999, 1000, -1000, 1234, -1234, 1_000_000, -25_000];
    for (const unit of UNITS) {
      for (const value of values) expect(`${value} ${unit}: ${relativeTimeIn(value, unit)}`).toBe(`${value} ${unit}: ${intl.format(value, unit)}`);
    }
  });

  it('names a moment by the largest whole unit from now', () => {
    expect(relativeTime(NOW - 20e3, NOW)).toBe('this minute');
    expect(relativeTime(NOW - 5 * HOUR, NOW)).toBe('5 hours ago');
    expect(relativeTime(NOW - 30 * HOUR, NOW)).toBe('yesterday');
    expect(relativeTime(NOW - 3 * 24 * HOUR, NOW)).toBe('3 days ago');
    expect(relativeTime(NOW + 2 * 24 * HOUR, NOW)).toBe('in 2 days');
    expect(relativeTime(NOW - 400 * 24 * HOUR, NOW)).toBe('last year');
  });
});
