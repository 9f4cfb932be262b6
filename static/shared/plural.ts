/**
 * The page's sentences are English, so which form a count takes ("1 repository", "2 repositories") follows
 * English plural rules, whatever the reader's locale; the number itself is written in the reader's locale.
 */
import { numberFormat } from './locale-formats';

const ENGLISH_PLURALS = new Intl.PluralRules('en');

/** "1 repository", "35 repositories", "1,200 commits": the count and the noun in the form it calls for. */
export function countOf(count: number, one: string, other: string, locale?: string): string {
  return `${numberFormat(locale).format(count)} ${ENGLISH_PLURALS.select(count) === 'one' ? one : other}`;
}

/** Just the noun, in the form `count` calls for, for sentences that put the number elsewhere. */
export function nounFor(count: number, one: string, other: string): string {
  return ENGLISH_PLURALS.select(count) === 'one' ? one : other;
}
