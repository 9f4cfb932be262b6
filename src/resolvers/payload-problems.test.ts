import { z } from 'zod';
import { describePayloadProblem, type PayloadFields } from './payload-problems';

const fields: PayloadFields = {
  name: { label: 'Workspace', empty: 'Workspace: enter it.', format: 'Workspace: letters and digits only.', hint: 'As in its address.' },
  tags: { label: 'Tags', empty: 'Tags: choose one.' },
};
const schema = z.strictObject({
  accountId: z.string().regex(/^acc_/),
  name: z
    .string()
    .trim()
    .min(1)
    .max(5)
    .regex(/^[a-z]+$/),
  tags: z.array(z.string()).min(1).max(2),
});
const problem = (payload: unknown) => {
  const result = schema.safeParse(payload);
  if (result.success) throw new Error('expected a problem');
  return describePayloadProblem(result.error.issues[0]!, fields);
};
const valid = { accountId: 'acc_1', name: 'acme', tags: ['a'] };

describe('payload problems in the page’s words', () => {
  it('words each kind of problem of a field the reader typed, naming the field', () => {
    expect(problem({ ...valid, name: ' ' })).toEqual({ field: 'name', message: 'Workspace: enter it.' });
    expect(problem({ ...valid, name: 'abcdef' })).toEqual({ field: 'name', message: 'Workspace: use at most 5 characters. As in its address.' });
    expect(problem({ ...valid, name: 'ab-c' })).toEqual({ field: 'name', message: 'Workspace: letters and digits only.' });
    expect(problem({ ...valid, tags: [] })).toEqual({ field: 'tags', message: 'Tags: choose one.' });
    expect(problem({ ...valid, tags: ['a', 'b', 'c'] })).toEqual({ field: 'tags', message: 'Tags: use at most 2 items.' });
  });

  it('tells the reader to reload when what the page filled in itself is wrong, or unknown fields were sent', () => {
    expect(problem({ ...valid, accountId: 'x' })).toEqual({
      field: 'accountId',
      message: 'This page sent a request the app does not accept: it may be out of date. Reload the page and try again.',
    });
    expect(problem({ ...valid, admin: true }).message).toBe('This page sent a field the app does not accept (admin): it may be out of date. Reload the page and try again.');
  });
});
