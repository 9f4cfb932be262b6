import { startGitHostStub, type GitHostStub, type HistoryCommit } from '../../sandbox/provider-stub/git-host-stub';
import { syncFixture } from '../../test/support/sync-fixture';
import { ChainExhaustedError, CHAIN_HANDOVER_AT } from '../jobs/job-chain';
import { planPushes, QUEUE_LIMITS } from '../jobs/queue-limits';
import { backfillJobId } from './backfill';
import { composeApp } from '../app/compose-app';

const COMMITS = 200_000;

/** A history of 200,000 commits, newest first; one in 500 names an issue. */
function syntheticHistory(): HistoryCommit[] {
  return Array.from({ length: COMMITS }, (_, n) => ({
    sha: (COMMITS - n).toString(16).padStart(40, '0'),
    message: n % 500 === 0 ? `LANG-${1 + n / 500} Tidy up` : `Tidy up ${n}`,
    author: { name: 'Dana', email: 'dana@example.com', date: new Date(Date.parse('2026-01-01T00:00:00Z') - n * 60_000).toISOString() },
  }));
}

/**
 * Forge ends a chain of queued invocations after 1,000 push requests that descend from one invocation (the
 * "cyclic invocation limit"). This queue counts them the same way, and refuses the 1,001st as Forge does.
 */
function chainCountingQueue() {
  type Chain = { pushes: number };
  const pending: Array<{ body: Record<string, unknown>; chain: Chain }> = [];
  const state = { active: undefined as Chain | undefined, maxPushes: 0, chains: 0 };
  const push = async (jobs: Array<{ body: Record<string, unknown>; delayInSeconds?: number }>) => {
    let chain = state.active;
    if (!chain) {
      chain = { pushes: 0 };
      state.chains += 1;
    }
    for (const request of planPushes(jobs)) {
      if (chain.pushes >= QUEUE_LIMITS.pushesPerChain) throw new ChainExhaustedError();
      chain.pushes += 1;
      state.maxPushes = Math.max(state.maxPushes, chain.pushes);
      for (const job of request) pending.push({ body: job.body, chain });
    }
  };
  return { pending, state, push };
}

describe('a backfill longer than one chain of queued invocations', () => {
  let stub: GitHostStub;
  let sync: Awaited<ReturnType<typeof syncFixture>>;
  beforeAll(async () => {
    stub = await startGitHostStub({ history: syntheticHistory() });
    sync = await syncFixture(stub);
  });
  afterAll(async () => {
    await sync.fixture.close();
    await stub.close();
  });

  it('reads 200,000 commits, handing over to the five-minute trigger before each chain is spent, never waiting for the hourly run', async () => {
    const { ports } = sync.fixture;
    const queue = chainCountingQueue();
    ports.queue.push = queue.push;
    // One page a slice, so the 2,000 pages need more than one chain's 1,000 pushes.
    ports.config.sliceBudgetMs = 1;
    const handlers = composeApp(ports).jobs;
    const jobStatus = async () => (await ports.database.db.selectFrom('job').select('status').where('id', '=', backfillJobId(sync.repositoryId)).executeTakeFirst())?.status;

    await queue.push([{ body: { kind: 'backfill', repositoryId: sync.repositoryId } }]);
    let fiveMinuteRuns = 0;
    let deliveries = 0;
    for (;;) {
      const next = queue.pending.shift();
      if (!next) {
        if ((await jobStatus()) === 'done') break;
        // Nothing queued but work left: the five-minute scheduled trigger (a fresh chain) picks it up.
        expect(fiveMinuteRuns).toBeLessThan(10);
        sync.advance(5 * 60_000);
        await handlers.jiraSync();
        fiveMinuteRuns += 1;
        continue;
      }
      queue.state.active = next.chain;
      await handlers.runBackfillJob(next.body);
      queue.state.active = undefined;
      deliveries += 1;
    }

    // Every page once (100 commits a page), plus one request that estimates the total for the progress bar.
    const commitRequests = stub.requests.filter((request) => request.endsWith('/commits')).length;
    expect(commitRequests).toBe(COMMITS / 100 + 1);
    expect(await sync.storedCommits()).toHaveLength(COMMITS / 500);
    expect(queue.state.maxPushes).toBeLessThan(QUEUE_LIMITS.pushesPerChain);
    // 2,000 slices at most 800 to a chain: the work was handed over at least twice, and picked up each time.
    expect(fiveMinuteRuns).toBeGreaterThanOrEqual(Math.floor(deliveries / CHAIN_HANDOVER_AT));
    console.log(
      `backfill of ${COMMITS} commits: ${deliveries} queued slices in ${queue.state.chains} chains, at most ${queue.state.maxPushes} pushes in one (Forge allows ${QUEUE_LIMITS.pushesPerChain}), ${fiveMinuteRuns} hand-overs to the five-minute trigger`,
    );
  }, 300_000);
});
