import { useSyncExternalStore } from 'react';
import { formatDateTime } from './format-date';
import { localeFormatsPrepared } from './locale-formats';

/** Whether the page has painted its first view and made the reader's date format since (locale-formats.ts). */
export function useLocaleFormatsPrepared(): boolean {
  return useSyncExternalStore(localeFormatsPrepared.subscribe, localeFormatsPrepared.current);
}

/** A moment in full, as the reader writes dates, once that format is made; before that, undefined. For titles. */
export function useFullDate(epochMs: number): string | undefined {
  return useLocaleFormatsPrepared() ? formatDateTime(epochMs) : undefined;
}
