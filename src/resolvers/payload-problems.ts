import type { z } from 'zod';

/**
 * A field the reader types, in the page's words: its `label` as the page shows it, and what to do when it is
 * empty or not in the form the field needs. Each sentence names the field, because a message may be shown
 * at the top of a page as well as beside the field.
 */
interface FieldWords {
  label: string;
  /** The whole message when the field is left empty, e.g. "Enter the OAuth key (client id) of the OAuth app." */
  empty: string;
  /** The whole message when its form is wrong (a pattern it does not match). */
  format?: string;
  /** What to do, added after a length problem, e.g. "Paste only the token." */
  hint?: string;
}

/** A payload's typed fields by path (array indexes left out: `changes.fullName`). */
export type PayloadFields = Record<string, FieldWords>;

export interface PayloadProblem {
  /** The payload path of the field, for the page to show the message beside it. */
  field: string;
  message: string;
}

/** For fields the page fills in itself (ids, cursors): nothing the reader typed is wrong, the page is stale. */
const PAGE_OUT_OF_DATE = 'This page sent a request the app does not accept: it may be out of date. Reload the page and try again.';

type Issue = z.core.$ZodIssue;

/**
 * One payload problem, worded for the reader: never the schema library's text ("Too big: expected string
 * to have <=100 characters"). Fields the reader did not type get one message saying to reload.
 */
export function describePayloadProblem(issue: Issue, fields: PayloadFields): PayloadProblem {
  const field = issue.path.filter((part) => typeof part !== 'number').join('.') || 'request';
  if (issue.code === 'unrecognized_keys') {
    return { field, message: `This page sent a field the app does not accept (${issue.keys.join(', ')}): it may be out of date. Reload the page and try again.` };
  }
  const words = fields[field];
  if (!words) return { field, message: PAGE_OUT_OF_DATE };
  const hint = words.hint ? ` ${words.hint}` : '';
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array') return { field, message: words.empty };
      return { field, message: Number(issue.minimum) <= 1 ? words.empty : `${words.label}: use at least ${Number(issue.minimum)} characters.${hint}` };
    case 'too_big':
      return { field, message: `${words.label}: use at most ${Number(issue.maximum)} ${issue.origin === 'array' ? 'items' : 'characters'}.${hint}` };
    case 'invalid_format':
      return { field, message: words.format ?? `${words.label}: this is not in the form the field needs.${hint}` };
    case 'invalid_value':
      return { field, message: `${words.label}: choose one of the options shown.` };
    default:
      return { field, message: words.format ?? words.empty };
  }
}
