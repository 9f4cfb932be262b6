import { jiraDuration, parseSmartCommits } from './parse-smart-commits';

const projects = new Set(['JRA', 'DEMO', 'OPS']);
const parse = (message: string) => parseSmartCommits(message, projects);

describe('parseSmartCommits', () => {
  describe("Atlassian's documented examples", () => {
    it('JRA-34 #comment corrected indent issue', () => {
      expect(parse('JRA-34 #comment corrected indent issue')).toEqual([{ issueKeys: ['JRA-34'], commands: [{ kind: 'comment', text: 'corrected indent issue' }] }]);
    });
    it('JRA-34 #time 1w 2d 4h 30m Total work logged', () => {
      expect(parse('JRA-34 #time 1w 2d 4h 30m Total work logged')).toEqual([
        { issueKeys: ['JRA-34'], commands: [{ kind: 'time', time: { weeks: 1, days: 2, hours: 4, minutes: 30 }, comment: 'Total work logged' }] },
      ]);
    });
    it("JRA-090 #close Fixed this today (the leading zero is not a key by the design's rules; JRA-90 is)", () => {
      expect(parse('JRA-090 #close Fixed this today')).toEqual([]);
      expect(parse('JRA-90 #close Fixed this today')).toEqual([{ issueKeys: ['JRA-90'], commands: [{ kind: 'transition', name: 'close', comment: 'Fixed this today' }] }]);
    });
    it('JRA-90 #close #comment Fixed this today', () => {
      expect(parse('JRA-90 #close #comment Fixed this today')).toEqual([
        {
          issueKeys: ['JRA-90'],
          commands: [
            { kind: 'transition', name: 'close', comment: '' },
            { kind: 'comment', text: 'Fixed this today' },
          ],
        },
      ]);
    });
    it('JRA-123 JRA-234 JRA-345 #resolve', () => {
      expect(parse('JRA-123 JRA-234 JRA-345 #resolve')).toEqual([
        { issueKeys: ['JRA-123', 'JRA-234', 'JRA-345'], commands: [{ kind: 'transition', name: 'resolve', comment: '' }] },
      ]);
    });
    it('JRA-123 #time 2d 5h #comment Task completed ahead of schedule #resolve', () => {
      expect(parse('JRA-123 #time 2d 5h #comment Task completed ahead of schedule #resolve')).toEqual([
        {
          issueKeys: ['JRA-123'],
          commands: [
            { kind: 'time', time: { weeks: 0, days: 2, hours: 5, minutes: 0 }, comment: '' },
            { kind: 'comment', text: 'Task completed ahead of schedule' },
            { kind: 'transition', name: 'resolve', comment: '' },
          ],
        },
      ]);
    });
    it('JRA-123 #start-review (a transition whose name has a space)', () => {
      expect(parse('JRA-123 #start-progress picking this up')).toEqual([
        { issueKeys: ['JRA-123'], commands: [{ kind: 'transition', name: 'start progress', comment: 'picking this up' }] },
      ]);
    });
  });

  it('keeps each line to its own keys and commands, with CRLF line endings', () => {
    expect(parse('DEMO-1 #comment first\r\nnot an instruction #comment x\r\nOPS-2 #time 1h')).toEqual([
      { issueKeys: ['DEMO-1'], commands: [{ kind: 'comment', text: 'first' }] },
      { issueKeys: ['OPS-2'], commands: [{ kind: 'time', time: { weeks: 0, days: 0, hours: 1, minutes: 0 }, comment: '' }] },
    ]);
  });

  it('reports commands without a value instead of guessing', () => {
    expect(parse('DEMO-1 #comment')).toEqual([
      { issueKeys: ['DEMO-1'], commands: [{ kind: 'invalid', command: 'comment', reason: '#comment needs the text of the comment after it.' }] },
    ]);
    expect(parse('DEMO-1 #time soon')).toEqual([
      { issueKeys: ['DEMO-1'], commands: [{ kind: 'invalid', command: 'time', reason: '#time needs a duration such as 1w 2d 4h 30m.' }] },
    ]);
  });

  it('reads #time decimals and units in any order', () => {
    expect(parse('DEMO-1 #time 30m 1.5h 2w fixed it')[0]!.commands[0]).toEqual({ kind: 'time', time: { weeks: 2, days: 0, hours: 1.5, minutes: 30 }, comment: 'fixed it' });
  });

  it('ignores # inside URLs, words and code', () => {
    expect(parse('DEMO-1 see http://x/#comment and condition#done and `#resolve`')).toEqual([]);
  });

  it('keeps Unicode text and treats unknown commands as transitions to be matched later', () => {
    expect(parse('DEMO-1 #comment Ünïcödé ✓ 🚀 #frobnicate now')).toEqual([
      {
        issueKeys: ['DEMO-1'],
        commands: [
          { kind: 'comment', text: 'Ünïcödé ✓ 🚀' },
          { kind: 'transition', name: 'frobnicate', comment: 'now' },
        ],
      },
    ]);
  });

  it('needs an issue key before the commands', () => {
    expect(parse('#comment no key here DEMO-1')).toEqual([]);
  });

  it("writes time in Jira's duration format, which Jira converts with the site's working hours", () => {
    expect(jiraDuration({ weeks: 1, days: 2, hours: 4, minutes: 30 })).toBe('1w 2d 4h 30m');
    expect(jiraDuration({ weeks: 0, days: 0, hours: 1.5, minutes: 0 })).toBe('1.5h');
    expect(jiraDuration({ weeks: 0, days: 1, hours: 0, minutes: 0.1 + 0.2 })).toBe('1d 0.3m');
  });
});
