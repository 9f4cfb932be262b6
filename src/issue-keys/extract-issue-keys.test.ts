import { readSharedFixture } from '../../test/support/shared-fixtures';
import { candidateKeys, extractIssueKeys } from './extract-issue-keys';

/** The shared cases: input (\n for a newline) | project keys on the site | expected keys in order. */
const cases = readSharedFixture('issue-keys.tsv')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#') && !line.startsWith('input\t'))
  .map((line) => {
    const [input = '', projects = '', expected = ''] = line.split('\t');
    return {
      input: input.replace(/\\n/g, '\n'),
      projects: new Set(projects.split(',').filter(Boolean)),
      expected: expected.split(',').filter(Boolean),
    };
  });

describe('extractIssueKeys', () => {
  it('has the shared cases to run', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('$input → $expected', ({ input, projects, expected }) => {
    expect(extractIssueKeys(input, projects)).toEqual(expected);
  });

  it('finds a key after an underscore-joined prefix', () => {
    expect(extractIssueKeys('hotfix_DEMO-7 now', new Set(['DEMO']))).toEqual(['DEMO-7']);
  });

  it('does not take a one-letter project or a number past the digit limit', () => {
    expect(candidateKeys('A-1 and AB-1234567890123456789')).toEqual([]);
  });

  it('lists every key-shaped token before the allow-list, for the project-key cache', () => {
    expect(candidateKeys('UTF-8 and DEMO-1 and utf-8')).toEqual(['UTF-8', 'DEMO-1']);
  });
});
