import { branchNameProblem, MAX_SUGGESTED_LENGTH, suggestBranchName } from './branch-name';

describe('branch names', () => {
  it('prefills the issue key and the summary as ASCII words, cut at a word boundary', () => {
    expect(suggestBranchName('DEMO-12', 'Short summary')).toBe('DEMO-12-short-summary');
    expect(suggestBranchName('DEMO-1', 'Crème brûlée: "fix" the café’s 2 ovens!')).toBe('DEMO-1-creme-brulee-fix-the-cafe-s-2-ovens');
    expect(suggestBranchName('DEMO-1', '日本語だけ')).toBe('DEMO-1');
    const long = suggestBranchName('OPS-1234', 'Investigate intermittent failures when the reconciliation job restarts stalled backfills');
    expect(long.length).toBeLessThanOrEqual(MAX_SUGGESTED_LENGTH);
    expect(long).toBe('OPS-1234-investigate-intermittent-failures-when-the');
    expect(branchNameProblem(long)).toBeNull();
  });

  it.each([
    ['', 'Enter a branch name.'],
    ['has space', 'spaces'],
    ['a..b', '".."'],
    ['feature/', 'end with "/"'],
    ['-x', 'start with "-"'],
    ['x.lock', '.lock'],
    ['a/.hidden', 'start with "."'],
    ['x~1', 'spaces'],
    ['x@{1}', '"@{"'],
    ['a'.repeat(251), 'at most 250'],
  ])('refuses %j the way Git would', (name, reason) => {
    expect(branchNameProblem(name)).toContain(reason);
  });

  it('accepts ordinary names', () => {
    for (const name of ['DEMO-1-fix', 'feature/DEMO-2-x', 'release-1.2']) expect(branchNameProblem(name)).toBeNull();
  });
});
