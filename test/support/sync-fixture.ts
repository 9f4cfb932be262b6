import type { GitHostStub, HistoryCommit } from '../../sandbox/provider-stub/git-host-stub';
import { setRepositoryLinks, type LinkChange } from '../../src/account-admin/link-repositories';
import { useAccessToken } from '../../src/account-admin/authorise-account';
import { createAccount, type NewAccount } from '../../src/account-admin/create-account';
import type { Ports } from '../../src/ports/ports';
import { ProjectKeyDirectory } from '../../src/issue-keys/project-key-directory';
import { runBackfillSlice, type SliceOutcome } from '../../src/host-sync/backfill';
import { readSharedFixture } from './shared-fixtures';
import { sandboxFixture, USERS } from './sandbox-fixture';

/** The first `count` commits of Apache Commons Lang's real history, newest first. */
export function commonsLangHistory(count: number): HistoryCommit[] {
  return readSharedFixture('history', 'apache-commons-lang.jsonl')
    .split('\n')
    .filter(Boolean)
    .slice(0, count)
    .map((line) => JSON.parse(line) as HistoryCommit);
}

/** A new account on `ports`, authorised with `token`, with one of its repositories linked; the stub's request log then starts empty. */
async function linkRepository(ports: Ports, stub: GitHostStub, newAccount: NewAccount, token: string, link: LinkChange) {
  const { id: accountId } = await createAccount(ports, newAccount);
  await useAccessToken(ports, accountId, token);
  await setRepositoryLinks(ports, accountId, [link]);
  stub.requests.length = 0;
  const { id: repositoryId } = await ports.database.db.selectFrom('repository').select('id').where('account_id', '=', accountId).executeTakeFirstOrThrow();
  return { accountId, repositoryId };
}

/**
 * A sandbox with a LANG project and one linked GitHub repository served by `stub`, on a clock that moves
 * 50 ms at every read (so slice budgets run out) and can be moved on by hand.
 */
export async function syncFixture(stub: GitHostStub) {
  let now = Date.parse('2026-11-20T10:00:00Z');
  const fixture = await sandboxFixture({ providerHosts: stub.hosts, allowPrivateHosts: true, now: () => (now += 50) });
  fixture.site.seed.projects.push({ id: '10002', key: 'LANG', name: 'Commons Lang', permissionScheme: 'Default software scheme', lead: USERS.admin });
  fixture.ports.queue.push = async () => undefined;
  const { accountId, repositoryId } = await linkRepository(
    fixture.ports,
    stub,
    { provider: 'github', hostUrl: 'https://github.com', name: 'octo', authMethod: 'oauth' },
    stub.tokens.github,
    { providerRepoId: '9999', fullName: 'apache/commons-lang', url: `${stub.url}/apache/commons-lang`, linked: true },
  );
  const keys = new ProjectKeyDirectory(() => fixture.ports.jira.asApp(), fixture.ports.clock);
  stub.faults = {};

  /** Runs slices of a repository's backfill (the GitHub one's unless told) as the queue would, waiting out delays on the clock, until the job ends. */
  async function drain(budgetMs = 1000, ofRepository = repositoryId): Promise<SliceOutcome[]> {
    const outcomes: SliceOutcome[] = [];
    for (let slice = 0; slice < 500; slice += 1) {
      const outcome = await runBackfillSlice(fixture.ports, keys, ofRepository, budgetMs);
      outcomes.push(outcome);
      if (outcome.status === 'wait') now += outcome.delaySeconds * 1000;
      if (outcome.status === 'done' || outcome.status === 'failed') return outcomes;
    }
    throw new Error('the backfill did not finish');
  }
  /** A second account, beside the GitHub one, with one repository linked: that repository's id. */
  const linkAnotherRepository = async (newAccount: NewAccount, token: string, link: LinkChange) =>
    (await linkRepository(fixture.ports, stub, newAccount, token, link)).repositoryId;
  const storedCommits = async () => (await fixture.ports.database.db.selectFrom('dev_commit').select('sha').orderBy('sha').execute()).map((row) => row.sha);
  return { fixture, accountId, repositoryId, keys, drain, linkRepository: linkAnotherRepository, storedCommits, advance: (ms: number) => (now += ms) };
}
