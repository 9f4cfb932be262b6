/**
 * Every parser of text that a Git host, its API or a user chose runs in time linear in that text
 * (DESIGN.md, "Trust boundaries"): Node runs one request at a time, so a parser that backtracks for
 * seconds on a crafted commit message stalls every other request of the installation too.
 *
 * Each parser gets adversarial inputs of 1 Ki to 1 Mi characters. Two checks, both loose enough for a
 * loaded 2-core machine and both failed by a quadratic parser:
 * - a budget at every size: 50 ms plus 5 µs a character (the slowest linear parser here needs about
 *   0.35 µs). The sizes grow 4× at a time and the first size over budget ends the run, so a quadratic
 *   parser fails within a second or so instead of running for minutes (the old author regex took 5-13 s
 *   on 3,200 spaces);
 * - growth from 128 Ki to 1 Mi characters: 8× for linear work, 64× for quadratic; at most 32× passes.
 * A time that fails either check is measured again (best of three), so a run slowed by another process
 * does not fail the test. The regexes this replaced are run through the same harness and must fail it.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readSharedFixture } from '../../test/support/shared-fixtures';
import { branchNameProblem, suggestBranchName } from '../branches/branch-name';
import { createPullRequestUrl, firstLine } from '../dev-info/dev-info-items';
import { decodeCursor } from '../dev-info/item-cursor';
import { MAX_STORED_MESSAGE, planLinks } from '../dev-info/link-plan';
import { candidateKeys } from '../issue-keys/extract-issue-keys';
import { taskIdFrom } from '../jira-copy/issue-summary-tasks';
import { normaliseBitbucketDelivery, parseRawAuthor } from '../git-hosts/bitbucket/bitbucket-webhook-normaliser';
import { normaliseGithubDelivery } from '../git-hosts/github/github-webhook-normaliser';
import { linkTarget } from '../git-hosts/link-header';
import { isoTime } from '../git-hosts/parse-time';
import { PayloadError } from '../git-hosts/payload-error';
import { parseSmartCommits } from '../smart-commits/parse-smart-commits';
import { MAX_URL_LENGTH, safeHttpUrl } from '../urls/http-url';

const KI = 1024;
const SMALL = 128 * KI;
const LARGE = 1024 * KI;
/** At most 4× from one size to the next, so a quadratic parser is at most 16× over budget when it fails. */
const SIZES = [1 * KI, 4 * KI, 16 * KI, 64 * KI, SMALL, LARGE];
const FLOOR_MS = 50;
const PER_CHAR_MS = 0.005;
const budgetMs = (size: number) => FLOOR_MS + size * PER_CHAR_MS;
/**
 * Growth allowed from 128 Ki to 1 Mi characters: linear work grows 8×, quadratic 64×. Parsers that
 * allocate per token measure up to about 19× here, because 1 Mi characters' worth of small strings
 * outgrows V8's young generation (from 1 Mi to 4 Mi they grow 4×, as linear work should).
 */
const MAX_GROWTH = 32;
/** Below this a 128 Ki time is too small to divide by: timer resolution and one GC pause dominate it. */
const GROWTH_FLOOR_MS = 5;
const RUNS = 3;
const HOPELESS_MS = 1000;

/** `unit` repeated (and cut) to exactly `size` UTF-16 code units. */
const fill = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
/** `head`, then `unit` repeated, then `tail`: `size` code units in all. */
const between = (head: string, unit: string, tail: string, size: number) => head + fill(unit, size - head.length - tail.length) + tail;

/** The adversarial inputs, by name: runs of one character, key look-alikes, mixed Unicode, and the shapes each old regex choked on. */
const INPUTS: Record<string, (size: number) => string> = {
  spaces: (size) => fill(' ', size),
  'spaces, then a': (size) => between('', ' ', 'a', size),
  'a, spaces, b <e@x>': (size) => between('a', ' ', 'b <e@x>', size),
  'tabs and newlines': (size) => fill(' \t\r\n', size),
  dashes: (size) => fill('-', size),
  underscores: (size) => fill('_', size),
  slashes: (size) => fill('/', size),
  'slashes, then x': (size) => between('', '/', 'x', size),
  dots: (size) => fill('.', size),
  '<<<…': (size) => fill('<', size),
  '<a>, spaces, x': (size) => between('<a>', ' ', 'x', size),
  '###…': (size) => fill('#', size),
  '#a #a …': (size) => fill('#a ', size),
  '#time 1h 1h …': (size) => between('#time ', '1h ', '', size),
  '#time 111….111x': (size) => `#time ${fill('1', size / 2 - 6)}.${fill('1', size / 2 - 2)}x`,
  'A-1A-1…': (size) => fill('A-1', size),
  'ABC-ABC-…': (size) => fill('ABC-', size),
  'a-a-…': (size) => fill('a-', size),
  'a_a_…': (size) => fill('a_', size),
  digits: (size) => fill('1', size),
  'DEMO-1 DEMO-2 …': (size) => fill('DEMO-1 DEMO-2 ', size),
  'a_a_…a-1 (255-character keys)': (size) => fill(`${'a_'.repeat(126)}a-1 `, size),
  'mixed Unicode': (size) => fill('é日本-1 \u{1F600}ẞ-2_Ω-3 e\u0301 \u202e\u2028٣-4 ', size),
};

/** Real payloads, with the text put where a pusher chooses it. */
const requireFromRoot = createRequire(resolve('package.json'));
const githubPush = (requireFromRoot('@octokit/webhooks-examples/api.github.com/index.json') as Array<{ name: string; examples: Array<Record<string, any>> }>)
  .find((entry) => entry.name === 'push')!
  .examples.find((example) => example.ref === 'refs/heads/master')!;
const bitbucketPush = JSON.parse(readSharedFixture('bitbucket', 'push_multipleChangesPayload.json'));
const withGithubMessage = (text: string) => ({ ...githubPush, commits: githubPush.commits.map((commit: Record<string, unknown>) => ({ ...commit, message: text })) });
const withBitbucketCommit = (message: string, raw: string) => ({
  ...bitbucketPush,
  push: {
    changes: bitbucketPush.push.changes.map((change: any) => ({
      ...change,
      commits: (change.commits ?? []).map((commit: any) => ({ ...commit, message, author: { ...commit.author, raw } })),
    })),
  },
});
const BITBUCKET_RAW_AUTHOR_CAP = 65_536;

const PROJECTS = new Set(['DEMO', 'OPS']);
/** Each parser, where it lives, and how the text reaches it. */
const PARSERS: Record<string, (text: string) => unknown> = {
  'issue keys (candidateKeys)': (text) => candidateKeys(text),
  'smart commits (parseSmartCommits)': (text) => parseSmartCommits(`DEMO-1 ${text}`, PROJECTS),
  'Bitbucket author (parseRawAuthor)': (text) => parseRawAuthor(text),
  'Link header (linkTarget)': (text) => linkTarget(text, 'next'),
  'URL check (safeHttpUrl, capped)': (text) => safeHttpUrl(`https://example.com/${text}`),
  'PR link, trailing slashes (createPullRequestUrl)': (text) => createPullRequestUrl('github', `https://github.com/${text}`, 'main'),
  'time (isoTime)': (text) => isoTime.safeParse(text),
  'branch name check (branchNameProblem, capped)': (text) => branchNameProblem(text),
  'branch name from summary (suggestBranchName)': (text) => suggestBranchName('DEMO-1', text),
  'panel cursor (decodeCursor)': (text) => {
    try {
      return decodeCursor(text);
    } catch {
      return null;
    }
  },
  'first line (firstLine)': (text) => firstLine(text),
  'Jira task location (taskIdFrom)': (text) => taskIdFrom(text),
  'GitHub push, message (normaliseGithubDelivery)': (text) => normaliseGithubDelivery('push', withGithubMessage(text)),
  'Bitbucket push, message and author (normaliseBitbucketDelivery)': (text) =>
    normaliseBitbucketDelivery('repo:push', withBitbucketCommit(text, text.slice(0, BITBUCKET_RAW_AUTHOR_CAP))),
};

interface Timing {
  parser: string;
  input: string;
  /** Best time per size, in ms; sizes after the first one over budget are missing. */
  ms: Map<number, number>;
  problem: string | null;
}

/**
 * Runs `parse` on `input` once, and again (up to `RUNS` in all, keeping the best) only while `fine` says
 * the time is too long: a run slowed by another process is retried, a passing one is not. A time of
 * seconds, far over `budget`, is tried once more only: a stall of the machine (CI once paused a 0.2 ms parse for
 * 1.1 s) does not come twice in a row, and a parser that is not linear is that slow every time.
 */
function bestOf(parse: (text: string) => unknown, input: string, budget: number, fine: (ms: number) => boolean): number {
  let best = Infinity;
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    parse(input);
    best = Math.min(best, performance.now() - started);
    if (fine(best) || (run > 0 && best > budget * 4 && best > HOPELESS_MS)) break;
  }
  return best;
}

/** Times `parse` on `make(size)` for each size, stopping at the first size over budget; then checks the growth. */
function timeParser(parser: string, parse: (text: string) => unknown, inputName: string, make: (size: number) => string): Timing {
  const timing: Timing = { parser, input: inputName, ms: new Map(), problem: null };
  for (const size of SIZES) {
    const budget = budgetMs(size);
    const small = timing.ms.get(SMALL);
    const fine = (ms: number) => ms <= budget && (size !== LARGE || small === undefined || ms <= MAX_GROWTH * Math.max(small, GROWTH_FLOOR_MS));
    const ms = bestOf(parse, make(size), budget, fine);
    timing.ms.set(size, ms);
    if (ms > budget) {
      timing.problem = `${ms.toFixed(0)} ms on ${size / KI} Ki characters, over the ${budget.toFixed(0)} ms a linear parser needs at most`;
      return timing;
    }
  }
  const small = timing.ms.get(SMALL)!;
  const large = timing.ms.get(LARGE)!;
  if (large > MAX_GROWTH * Math.max(small, GROWTH_FLOOR_MS)) {
    timing.problem = `${small.toFixed(1)} ms on ${SMALL / KI} Ki characters but ${large.toFixed(1)} ms on ${LARGE / KI} Ki: ${(large / small).toFixed(0)}× for ${LARGE / SMALL}× the input`;
  }
  return timing;
}

const timings: Timing[] = [];

afterAll(() => {
  const cell = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(value < 10 ? 2 : 0));
  const rows = timings.map((timing) => [
    timing.parser,
    timing.input,
    cell(timing.ms.get(SMALL)),
    cell(timing.ms.get(LARGE)),
    timing.ms.has(LARGE) ? ((timing.ms.get(LARGE)! * 1e6) / LARGE).toFixed(0) : '—',
    timing.problem ? `too slow: ${timing.problem}` : 'linear',
  ]);
  const header = ['parser', 'input', 'ms @128Ki', 'ms @1Mi', 'ns/char', 'verdict'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((value, column) => (column >= 2 && column <= 4 ? value.padStart(widths[column]!) : value.padEnd(widths[column]!))).join('  ');
  // Printed for the record: which parser costs what on which shape of input.
  console.log([line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n'));
});

describe('every parser of untrusted text is linear', () => {
  it.each(Object.entries(PARSERS))(
    '%s',
    (parser, parse) => {
      const problems: string[] = [];
      for (const [inputName, make] of Object.entries(INPUTS)) {
        const timing = timeParser(parser, parse, inputName, make);
        timings.push(timing);
        if (timing.problem) problems.push(`${inputName}: ${timing.problem}`);
      }
      expect(problems).toEqual([]);
    },
    180_000,
  );

  it('finds what it should in 1 Mi characters, so the times above are of real work', () => {
    const keys = fill(`${'a_'.repeat(126)}a-1 `, 1024 * KI);
    expect(candidateKeys(keys)).toHaveLength(126);
    expect(parseSmartCommits(`DEMO-1 ${fill('#a ', 1024 * KI)}`, PROJECTS)[0]!.commands.length).toBeGreaterThan(300_000);
    expect(parseRawAuthor(between('a', ' ', 'b <e@x>', 1024 * KI))).toEqual({ name: between('a', ' ', 'b', 1024 * KI - 6), email: 'e@x' });
    expect(linkTarget(`${fill('<', 1024 * KI)}, <https://api.github.com/x?page=2>; rel="next"`, 'next')).toBe('https://api.github.com/x?page=2');
  });
});

/** The regexes this file was written against, as they were: the harness above must find them too slow. */
const REPLACED: Array<[string, (text: string) => unknown, string]> = [
  ['old Bitbucket author regex', (text) => /^\s*(.*?)\s*<([^>]*)>\s*$/.exec(text), 'spaces, then a'],
  ['old Link header regex', (text) => /<([^>]+)>\s*;\s*rel="?([a-z]+)"?/.exec(text), '<<<…'],
  ['old trailing-slash regex', (text) => text.replace(/\/+$/, ''), 'slashes, then x'],
];

describe('the timing harness fails a parser that is not linear', () => {
  it.each(REPLACED)(
    '%s',
    (parser, parse, inputName) => {
      const timing = timeParser(`${parser} (control)`, parse, inputName, INPUTS[inputName]!);
      timings.push(timing);
      expect(timing.problem).toMatch(/over the \d+ ms a linear parser needs at most|× for 8× the input/);
    },
    180_000,
  );
});

describe('parsers that cap their input first', () => {
  it('the URL check refuses anything over MAX_URL_LENGTH before parsing it', () => {
    const base = 'https://example.com/';
    expect(safeHttpUrl(base + 'a'.repeat(MAX_URL_LENGTH - base.length))).toBe(base + 'a'.repeat(MAX_URL_LENGTH - base.length));
    expect(safeHttpUrl(base + 'a'.repeat(MAX_URL_LENGTH - base.length + 1))).toBeNull();
    expect(safeHttpUrl(base + 'a'.repeat(1024 * KI))).toBeNull();
  });

  it('the branch-name check refuses a name over 250 characters before looking at it', () => {
    expect(branchNameProblem('a'.repeat(250))).toBeNull();
    expect(branchNameProblem(`${'a'.repeat(250)} `)).toMatch(/at most 250/);
    expect(branchNameProblem(fill(' ~^:?*[\\', 1024 * KI))).toMatch(/at most 250/);
  });

  it('a Bitbucket author line over 65,536 characters is refused by the schema, so parseRawAuthor never sees one', () => {
    expect(() => normaliseBitbucketDelivery('repo:push', withBitbucketCommit('DEMO-1', between('', ' ', 'a', BITBUCKET_RAW_AUTHOR_CAP)))).not.toThrow();
    expect(() => normaliseBitbucketDelivery('repo:push', withBitbucketCommit('DEMO-1', between('', ' ', 'a', BITBUCKET_RAW_AUTHOR_CAP + 1)))).toThrow(PayloadError);
  });

  it('smart commits are parsed from the stored message, which is cut to MAX_STORED_MESSAGE', () => {
    const message = `DEMO-1 ${fill('#a ', 1024 * KI)}`;
    const plan = planLinks(
      'repo_1',
      [
        {
          kind: 'push',
          repository: { providerRepoId: '1', fullName: 'a/b', url: 'https://github.com/a/b' },
          branch: 'main',
          branchUrl: 'https://github.com/a/b/tree/main',
          headSha: 'a'.repeat(40),
          truncated: false,
          before: null,
          commits: [{ sha: 'b'.repeat(40), message, authorName: 'x', authorEmail: 'x@example.com', authoredAt: 0, url: 'https://github.com/a/b/commit/1', filesChanged: null }],
        },
      ],
      PROJECTS,
      0,
    );
    expect(plan.commits).toHaveLength(1);
    expect(plan.commits[0]!.message.length).toBeLessThanOrEqual(MAX_STORED_MESSAGE);
  });
});
