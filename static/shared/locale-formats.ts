/**
 * The reader's number and date formats, each made once per locale and options: making one per call, as a list of rows
 * would, costs a little every time. The first one a page makes costs far more, 17 ms on a quiet machine and 30 on a
 * busy one, of the page's main thread: ICU sets up its locale data then. So a first view makes none — what it shows is
 * English (plural.ts, relative-time.ts) — and what needs them (the full dates in titles) waits until it has painted:
 * `prepareLocaleFormatsAfterPaint`, and `useLocaleFormatsPrepared` (use-locale-formats.ts) to read them.
 */
const made = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function once<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  const found = made.get(key) as T | undefined;
  if (found) return found;
  const format = make();
  made.set(key, format);
  return format;
}

export const numberFormat = (locale?: string) => once(`number ${locale ?? ''}`, () => new Intl.NumberFormat(locale));

export const dateTimeFormat = (options: Intl.DateTimeFormatOptions, locale?: string) =>
  once(`date ${locale ?? ''} ${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));

/** The date format of times shown in full ("23 Nov 2026, 14:57"), in titles and lists. */
export const MEDIUM_DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

let prepared = false;
const onPrepared = new Set<() => void>();

/**
 * Makes the full-date format once the browser has painted the app's first view (the next animation frame, then a
 * task after it), and tells the views waiting for it.
 */
export function prepareLocaleFormatsAfterPaint(): void {
  requestAnimationFrame(() =>
    setTimeout(() => {
      dateTimeFormat(MEDIUM_DATE_TIME).format(0);
      prepared = true;
      for (const listener of onPrepared) listener();
    }, 0),
  );
}

/** Whether the full-date format is made, and a way to hear when it is: for `useSyncExternalStore`. */
export const localeFormatsPrepared = {
  subscribe: (listener: () => void): (() => void) => {
    onPrepared.add(listener);
    return () => onPrepared.delete(listener);
  },
  current: (): boolean => prepared,
};
