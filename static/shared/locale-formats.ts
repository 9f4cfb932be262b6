/**
 * The reader's number, date and relative-time formats, each made once per locale and options. Making the first one
 * in a page costs about 17 ms of the browser's main thread (ICU loads its data then), and making one per call, as a
 * list of rows would, costs a little every time; `prepareLocaleFormats` pays the first cost while the page waits for
 * its first answer, instead of when it has rows to paint.
 */
const made = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function once<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  const found = made.get(key) as T | undefined;
  if (found) return found;
  const format = make();
  made.set(key, format);
  return format;
}

export const numberFormat = (locale?: string) => once(`number ${locale ?? ''}`, () => new Intl.NumberFormat(locale));

export const dateTimeFormat = (options: Intl.DateTimeFormatOptions, locale?: string) =>
  once(`date ${locale ?? ''} ${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));

export const relativeTimeFormat = () => once('relative', () => new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }));

/** The date format of times shown in full ("23 Nov 2026, 14:57"), in titles and lists. */
export const MEDIUM_DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

/** Makes the formats every first view uses, in the browser's locale. */
export function prepareLocaleFormats(): void {
  numberFormat().format(0);
  relativeTimeFormat().format(0, 'minute');
  dateTimeFormat(MEDIUM_DATE_TIME).format(0);
}
