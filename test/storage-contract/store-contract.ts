import { listAccounts } from '../../src/account-admin/list-accounts';
import type { DevEvent } from '../../src/git-hosts/dev-event';
import { readItemPage, readPanel } from '../../src/dev-info/dev-info-reader';
import { writeLinkPlan } from '../../src/dev-info/dev-info-writer';
import { decodeCursor } from '../../src/dev-info/item-cursor';
import { planLinks } from '../../src/dev-info/link-plan';
import { RepositoryDirectory } from '../../src/accounts/repository-directory';
import { contractClock, owned, PROJECTS, REPO, sha, storeWithLinkedRepository, type ContractDatabase } from './contract-store';
import { claimSmartCommit } from '../../src/smart-commits/run-smart-commits';
import { queueDevinfoRepositories, queueDevinfoRepositoryDeletes } from '../../src/dev-info/devinfo-outbox';
import { markRepositoryIssuesChanged } from '../../src/dev-info/issue-summary-outbox';
import { countSignatureFailure, recordDelivery } from '../../src/webhook-deliveries/delivery-log';
import { readSummaries } from '../../src/dev-info/dev-info-reader';

function push(branch: string, commits: Array<[number, string, number]>): DevEvent {
  return {
    kind: 'push',
    repository: REPO,
    branch,
    branchUrl: `https://github.com/acme/app/tree/${branch}`,
    headSha: sha(commits[commits.length - 1]?.[0] ?? 0),
    truncated: false,
    before: null,
    commits: commits.map(([n, message, time]) => ({
      sha: sha(n),
      message,
      authorName: 'Dana',
      authorEmail: 'dana@example.com',
      authoredAt: time,
      url: `https://github.com/acme/app/commit/${sha(n)}`,
      filesChanged: 2,
    })),
  };
}

function pull(number: number, title: string, state: 'OPEN' | 'MERGED' | 'DECLINED', updatedAt: number): DevEvent {
  return {
    kind: 'pull-request',
    repository: REPO,
    pullRequest: { number, title, state, sourceBranch: 'feature', destinationBranch: 'main', authorName: 'dana', updatedAt, url: `https://github.com/acme/app/pull/${number}` },
  };
}

/**
 * The repository layer's behaviour, run against each engine: SQLite (the sandbox) and a MySQL-compatible
 * server through the Forge SQL dialect. Anything that passes on one and not the other is a bug.
 */
export function describeStoreContract(engine: string, open: () => Promise<ContractDatabase>) {
  describe(`store contract on ${engine}`, () => {
    let database: ContractDatabase;
    let repositoryId: string;
    const clock = contractClock;

    beforeEach(async () => {
      ({ database, repositoryId } = await storeWithLinkedRepository(open));
    });
    afterEach(() => database.close());

    const apply = (events: DevEvent[], now = clock.now()) => writeLinkPlan(database, planLinks(repositoryId, events, PROJECTS, now));

    it('auto-links a repository seen for the first time, once, under a deterministic id', async () => {
      const again = await new RepositoryDirectory(database, clock, owned).lookup('acc1', REPO);
      expect(again).toEqual({ status: 'linked', repositoryId, provider: 'github', smartCommits: true, authorMustPush: true, scope: null, mirror: false });
      expect(await database.db.selectFrom('repository').select(['id', 'linked', 'full_name']).execute()).toEqual([{ id: repositoryId, linked: 1, full_name: 'acme/app' }]);
      expect(await new RepositoryDirectory(database, clock, owned).lookup('nobody', REPO)).toEqual({ status: 'unknown-account' });
    });

    it('stores nothing for a repository the Git host does not confirm as the account’s', async () => {
      const other = { providerRepoId: '99', fullName: 'other-org/private-repo', url: 'https://github.com/other-org/private-repo' };
      const asked: string[] = [];
      const foreign = new RepositoryDirectory(database, clock, async (_account, repository) => (asked.push(repository.fullName), { status: 'foreign', accountName: 'acme' }));
      expect(await foreign.lookup('acc1', other)).toEqual({ status: 'foreign', accountName: 'acme' });
      expect(await foreign.lookup('acc1', other)).toEqual({ status: 'foreign', accountName: 'acme' });
      expect(asked).toEqual(['other-org/private-repo']);
      const unconfirmed = new RepositoryDirectory(database, clock, async () => ({ status: 'unconfirmed', reason: 'no credential' }));
      expect(await unconfirmed.lookup('acc1', other)).toEqual({ status: 'unconfirmed', reason: 'no credential' });
      expect(await database.db.selectFrom('repository').select('full_name').execute()).toEqual([{ full_name: 'acme/app' }]);
    });

    it('stores commits and links idempotently', async () => {
      const events = [
        push('main', [
          [1, 'DEMO-1 OPS-2 first', 1000],
          [2, 'no key here', 2000],
          [3, 'demo-1 second', 3000],
        ]),
      ];
      await apply(events);
      await apply(events);
      const panel = await readPanel(database, 'DEMO-1');
      expect(panel.summary).toEqual({
        commits: 2,
        branches: 0,
        pullRequests: { total: 0, open: 0, merged: 0, declined: 0 },
        lastUpdated: 3000,
        builds: 0,
        deployments: 0,
        failingBuilds: 0,
        deployedTo: null,
      });
      expect(panel.commit.items.map((item) => item.kind === 'commit' && [item.sha, item.summary, item.time])).toEqual([
        [sha(3), 'demo-1 second', 3000],
        [sha(1), 'DEMO-1 OPS-2 first', 1000],
      ]);
      expect((await readPanel(database, 'OPS-2')).summary.commits).toBe(1);
      expect(await database.db.selectFrom('dev_commit').select('sha').execute()).toHaveLength(2);
    });

    it('keeps stored text exactly, including non-ASCII and quotes', async () => {
      const message = 'DEMO-1 Ünïcödé \'quoted\' "double" ✓ 🚀\n\nbody';
      await apply([push('main', [[1, message, 1000]])]);
      expect(await database.db.selectFrom('dev_commit').select('message').executeTakeFirst()).toEqual({ message });
    });

    it('keeps the newest pull request state and never reopens a merged one', async () => {
      await apply([pull(5, 'DEMO-1 Login', 'MERGED', 2000)]);
      await apply([pull(5, 'DEMO-1 Login (old)', 'OPEN', 1000)]);
      await apply([pull(5, 'DEMO-1 Login (new title)', 'OPEN', 3000)]);
      await apply([pull(6, 'DEMO-1 Other', 'OPEN', 1000)]);
      await apply([pull(6, 'DEMO-1 Other', 'DECLINED', 1000)]);
      const rows = await database.db.selectFrom('dev_pull_request').select(['number', 'state', 'title', 'updated_at']).orderBy('number').execute();
      expect(rows).toEqual([
        { number: 5, state: 'MERGED', title: 'DEMO-1 Login (new title)', updated_at: 3000 },
        { number: 6, state: 'DECLINED', title: 'DEMO-1 Other', updated_at: 1000 },
      ]);
      expect((await readPanel(database, 'DEMO-1')).summary.pullRequests).toEqual({ total: 2, open: 0, merged: 1, declined: 1 });
    });

    it('shows branches until they are deleted, keeping their commits', async () => {
      await apply([push('DEMO-2-feature', [[7, 'DEMO-2 wip', 1000]])]);
      expect((await readPanel(database, 'DEMO-2')).branch.items).toEqual([
        expect.objectContaining({ kind: 'branch', name: 'DEMO-2-feature', createPullRequestUrl: 'https://github.com/acme/app/compare/DEMO-2-feature?expand=1' }),
      ]);
      await apply([{ kind: 'branch-deleted', repository: REPO, branch: 'DEMO-2-feature' }]);
      const panel = await readPanel(database, 'DEMO-2');
      expect([panel.summary.branches, panel.summary.commits, panel.branch.items]).toEqual([0, 1, []]);
      // A replayed `create` (it carries no head) or a replayed push of the old head does not bring it back.
      const created = { kind: 'branch-created', repository: REPO, branch: 'DEMO-2-feature', branchUrl: 'https://github.com/acme/app/tree/DEMO-2-feature', headSha: '' } as const;
      await apply([created]);
      await apply([push('DEMO-2-feature', [[7, 'DEMO-2 wip', 1000]])]);
      expect(await database.db.selectFrom('dev_branch').select(['deleted', 'head_sha']).execute()).toEqual([{ deleted: 1, head_sha: sha(7) }]);
      expect((await readPanel(database, 'DEMO-2')).summary.branches).toBe(0);
      // A push of a new head does: the branch was made again.
      await apply([push('DEMO-2-feature', [[8, 'DEMO-2 again', 2000]])]);
      expect(await database.db.selectFrom('dev_branch').select(['deleted', 'head_sha']).execute()).toEqual([{ deleted: 0, head_sha: sha(8) }]);
      expect((await readPanel(database, 'DEMO-2')).summary.branches).toBe(1);
      // And the Git host's own listing is believed whatever the head.
      await apply([{ kind: 'branch-deleted', repository: REPO, branch: 'DEMO-2-feature' }]);
      await writeLinkPlan(database, planLinks(repositoryId, [{ ...created, headSha: sha(8) }], PROJECTS, clock.now()), { authoritative: true });
      expect(await database.db.selectFrom('dev_branch').select(['deleted', 'head_sha']).execute()).toEqual([{ deleted: 0, head_sha: sha(8) }]);
    });

    it('moves a pull request’s links with its title, and never back to an older title', async () => {
      await apply([pull(9, 'DEMO-1 Add cache', 'OPEN', 1000)]);
      await apply([pull(9, 'DEMO-2 Add cache', 'OPEN', 2000)]);
      expect((await readPanel(database, 'DEMO-1')).summary.pullRequests.total).toBe(0);
      expect((await readPanel(database, 'DEMO-2')).summary.pullRequests.total).toBe(1);
      // A late, older event naming DEMO-1 again changes nothing.
      await apply([pull(9, 'DEMO-1 Add cache', 'OPEN', 1500)]);
      expect((await readPanel(database, 'DEMO-1')).summary.pullRequests.total).toBe(0);
      // Retitled to name no issue and merged: it leaves DEMO-2, and its stored state follows.
      await apply([pull(9, 'Add cache', 'MERGED', 3000)]);
      expect((await readPanel(database, 'DEMO-2')).summary.pullRequests.total).toBe(0);
      expect(await database.db.selectFrom('dev_pull_request').select(['state', 'title']).where('number', '=', 9).execute()).toEqual([{ state: 'MERGED', title: 'Add cache' }]);
      expect(await database.db.selectFrom('issue_link').select('issue_key').where('item_kind', '=', 'pull_request').execute()).toEqual([]);
    });

    it('pages newest first with stable cursors across equal times', async () => {
      const commits: Array<[number, string, number]> = [];
      for (let n = 1; n <= 47; n += 1) commits.push([n, `DEMO-3 change ${n}`, 1000 + (n % 5)]);
      await apply([push('main', commits)]);
      const first = await readPanel(database, 'DEMO-3', 20);
      const seen = first.commit.items.map((item) => (item.kind === 'commit' ? item.sha : ''));
      let cursor = first.commit.nextCursor;
      while (cursor) {
        const page = await readItemPage(database, 'DEMO-3', 'commit', decodeCursor(cursor), 20);
        seen.push(...page.items.map((item) => (item.kind === 'commit' ? item.sha : '')));
        cursor = page.nextCursor;
      }
      expect(seen).toHaveLength(47);
      expect(new Set(seen).size).toBe(47);
    });

    it('lets exactly one caller claim a smart commit, also after a retry', async () => {
      await database.db
        .insertInto('smart_commit')
        .values({ repository_id: repositoryId, sha: sha(1), status: 'pending', results: null, attempts: 0, created_at: 1, updated_at: 1 })
        .execute();
      expect([await claimSmartCommit(database, repositoryId, sha(1), 2), await claimSmartCommit(database, repositoryId, sha(1), 3)]).toEqual([true, false]);
      await database.db.updateTable('smart_commit').set({ status: 'retry' }).execute();
      expect([await claimSmartCommit(database, repositoryId, sha(1), 4), await claimSmartCommit(database, repositoryId, sha(1), 5)]).toEqual([true, false]);
    });

    it('counts deliveries and lists accounts with their repositories', async () => {
      await recordDelivery(database, { id: 'd1', provider: 'github', repositoryId, at: 1 });
      await recordDelivery(database, { id: 'd1', provider: 'github', repositoryId, at: 2 });
      expect(await database.db.selectFrom('delivery').select(['delivery_id', 'attempts', 'received_at']).execute()).toEqual([
        { delivery_id: 'github:d1', attempts: 2, received_at: 2 },
      ]);
      expect(await listAccounts(database)).toEqual([
        {
          id: 'acc1',
          provider: 'github',
          hostUrl: 'https://github.com',
          name: 'acme',
          verdict: 'connected',
          linked: 1,
          inProgress: 0,
          rateLimited: 0,
          failed: 0,
          latestError: null,
          lastSyncAt: null,
          lastDeliveryAt: 2,
        },
      ]);
    });

    it('keeps the outboxes for Jira: changed issues, mirrored items, repository deletes, signature failures', async () => {
      await apply([push('main', [[1, 'DEMO-1 OPS-1 a', 10]]), pull(3, 'DEMO-2 b', 'OPEN', 20)], 100);
      const summaries = () => database.db.selectFrom('issue_summary').select(['issue_key', 'changed_at']).orderBy('issue_key').execute();
      expect((await summaries()).map((row) => [row.issue_key, Number(row.changed_at)])).toEqual([
        ['DEMO-1', 100],
        ['DEMO-2', 100],
        ['OPS-1', 100],
      ]);
      await markRepositoryIssuesChanged(database, [repositoryId], 200);
      await markRepositoryIssuesChanged(database, [repositoryId], 300);
      expect((await summaries()).map((row) => Number(row.changed_at))).toEqual([300, 300, 300]);
      const counts = await readSummaries(database, ['DEMO-1', 'DEMO-2', 'OPS-9']);
      expect([counts.get('DEMO-1')?.commits, counts.get('DEMO-2')?.pullRequests.open, counts.get('OPS-9')?.commits]).toEqual([1, 1, 0]);

      const outbox = () => database.db.selectFrom('devinfo_outbox').select(['item_kind', 'item_key', 'changed_at']).orderBy('item_kind').orderBy('item_key').execute();
      await queueDevinfoRepositories(database, [repositoryId], 400);
      await queueDevinfoRepositories(database, [repositoryId], 500);
      expect((await outbox()).map((row) => [row.item_kind, row.item_key, Number(row.changed_at)])).toEqual([
        ['commit', sha(1), 500],
        ['pull_request', '3', 500],
      ]);
      await queueDevinfoRepositoryDeletes(database, [repositoryId], 600);
      expect((await outbox()).map((row) => row.item_kind)).toEqual(['repository']);

      await countSignatureFailure(database, 'acc1', 700);
      await countSignatureFailure(database, 'acc1', 800);
      const failures = await database.db.selectFrom('signature_failure').selectAll().execute();
      expect(failures.map((row) => [row.account_id, Number(row.failures), Number(row.first_at), Number(row.last_at)])).toEqual([['acc1', 2, 700, 800]]);
    });
  });
}
