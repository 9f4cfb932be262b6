import { formatDateTime, formatTime } from './format-date';

const MOMENT = Date.parse('2026-11-23T14:57:17.760Z');

describe('dates in the reader’s locale and time zone', () => {
  it('never shows the stored ISO text', () => {
    expect(formatDateTime(MOMENT, 'en-US', 'UTC')).not.toContain('2026-11-23T');
  });

  it('writes the date as each locale does, in the reader’s time zone', () => {
    expect(formatDateTime(MOMENT, 'en-GB', 'UTC')).toBe('23 Nov 2026, 14:57');
    expect(formatDateTime(MOMENT, 'en-US', 'UTC')).toBe('Nov 23, 2026, 2:57 PM');
    expect(formatDateTime(MOMENT, 'de-DE', 'Europe/Berlin')).toBe('23.11.2026, 15:57');
    expect(formatTime(MOMENT, 'en-GB', 'Asia/Tokyo')).toBe('23:57');
  });
});
