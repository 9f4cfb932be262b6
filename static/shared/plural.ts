/**
 * The page's sentences are English, so a count in one is written as English writes it ("1,200 commits") and takes the
 * noun form English plural rules call for, whatever the reader's locale: "1.200" or "0 commit" would be another
 * language's grammar inside an English sentence. Full dates are the exception: they are written as the reader writes
 * dates (format-date.ts).
 */
import { numberFormat } from './locale-formats';

const ENGLISH_PLURALS = new Intl.PluralRules('en');

/**
 * A number as English writes it. A whole number below 1,000 is just its digits, so it is written without Intl's
 * number format: the first format a page makes costs it 17–30 ms (locale-formats.ts), and a first view's counts are
 * almost always that small.
 */
export function englishNumber(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1000 ? String(value) : numberFormat('en').format(value);
}

/** "1 repository", "35 repositories", "1,200 commits": the count and the noun in the form it calls for. */
export function countOf(count: number, one: string, other: string): string {
  return `${englishNumber(count)} ${nounFor(count, one, other)}`;
}

/** Just the noun, in the form `count` calls for, for sentences that put the number elsewhere. */
export function nounFor(count: number, one: string, other: string): string {
  return ENGLISH_PLURALS.select(count) === 'one' ? one : other;
}
