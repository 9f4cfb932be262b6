import { GITHUB_EXAMPLE, linkRepositories } from '../support/linked-repositories';
import fc from 'fast-check';
import { githubBranchEvent, githubPullRequest, githubPush } from '../../sandbox/demo/github-payloads';
import { createAccount } from '../../src/account-admin/create-account';
import { sandboxFixture } from '../support/sandbox-fixture';
import { githubRequest } from '../support/webhook-requests';
import { report } from './report';
import { composeApp } from '../../src/app/compose-app';

const SENDERS = 20;
const sha = (n: number) => `c${n.toString(16)}`.padStart(40, '0');

/**
 * One repository's deliveries: branches created and pushed to (one push per branch, so each branch has one
 * true head), and pull requests moving through several states with increasing `updated_at`.
 */
function deliveries(): Array<{ event: string; payload: unknown }> {
  const list: Array<{ event: string; payload: unknown }> = [];
  for (let branch = 1; branch <= 12; branch += 1) {
    const name = `DEMO-${(branch % 4) + 1}-topic-${branch}`;
    list.push({ event: 'create', payload: githubBranchEvent('create', name) });
    list.push({
      event: 'push',
      payload: githubPush(
        name,
        Array.from({ length: 5 }, (_, index) => ({
          sha: sha(branch * 100 + index),
          message: `DEMO-${(index % 4) + 1} change ${branch}.${index}`,
          timestamp: `2026-11-20T10:${String(index).padStart(2, '0')}:00Z`,
        })),
      ),
    });
  }
  for (let number = 1; number <= 10; number += 1) {
    const states: Array<{ state: 'open' | 'closed'; merged?: boolean }> = [
      { state: 'open' },
      { state: 'open' },
      number % 3 === 0 ? { state: 'closed' } : { state: 'closed', merged: true },
    ];
    states.forEach((step, index) =>
      list.push({
        event: 'pull_request',
        payload: githubPullRequest({
          number,
          title: `DEMO-${(number % 4) + 1} Feature ${number} v${index}`,
          head: `DEMO-1-topic-${number}`,
          state: step.state,
          merged: step.merged,
          updatedAt: `2026-11-20T11:${String(number).padStart(2, '0')}:${String(index * 10).padStart(2, '0')}Z`,
        }),
      }),
    );
  }
  return list;
}

async function finalState(run: (send: (delivery: { event: string; payload: unknown }) => Promise<number>) => Promise<void>) {
  const fixture = await sandboxFixture();
  try {
    const account = await createAccount(fixture.ports, { provider: 'github', hostUrl: 'https://github.com', name: 'Codertocat', authMethod: 'oauth' });
    await linkRepositories(fixture.ports, account.id, [GITHUB_EXAMPLE]);
    const handlers = composeApp(fixture.ports).webtriggers;
    await run(async ({ event, payload }) => (await handlers.githubWebhook(githubRequest(account.id, account.webhookSecret, event, payload))).statusCode);
    const db = fixture.ports.database.db;
    return {
      branches: await db.selectFrom('dev_branch').select(['name', 'head_sha', 'deleted']).orderBy('name').execute(),
      pulls: await db.selectFrom('dev_pull_request').select(['number', 'state', 'title', 'updated_at']).orderBy('number').execute(),
      commits: await db.selectFrom('dev_commit').select(['sha', 'message']).orderBy('sha').execute(),
      links: await db.selectFrom('issue_link').select(['issue_key', 'item_kind', 'item_key']).orderBy('issue_key').orderBy('item_kind').orderBy('item_key').execute(),
    };
  } finally {
    await fixture.close();
  }
}

describe('concurrent deliveries', () => {
  it(`converge to the serial result when ${SENDERS} senders interleave, duplicate and reorder them`, async () => {
    const all = deliveries();
    const serial = await finalState(async (send) => {
      for (const delivery of all) expect(await send(delivery)).toBeLessThan(300);
    });
    let runs = 0;
    let sentTotal = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: all.length - 1 }), { minLength: 20, maxLength: 60 }), fc.integer(), async (duplicates, seed) => {
        runs += 1;
        // Every delivery at least once, some several times, in a shuffled order.
        const order = [...all.map((_, index) => index), ...duplicates];
        let state = seed;
        for (let index = order.length - 1; index > 0; index -= 1) {
          state = (state * 1103515245 + 12345) & 0x7fffffff;
          const swap = state % (index + 1);
          [order[index], order[swap]] = [order[swap]!, order[index]!];
        }
        sentTotal += order.length;
        const concurrent = await finalState(async (send) => {
          const queue = [...order];
          await Promise.all(
            Array.from({ length: SENDERS }, async () => {
              for (let next = queue.shift(); next !== undefined; next = queue.shift()) expect(await send(all[next]!)).toBeLessThan(300);
            }),
          );
        });
        expect(concurrent).toEqual(serial);
      }),
      { numRuns: Number(process.env.CONCURRENCY_RUNS ?? 15), seed: 424242 },
    );
    report(`Concurrency: ${SENDERS} senders`, {
      'distinct deliveries': all.length,
      'shuffled runs': runs,
      'deliveries sent in all': sentTotal,
      'final state (branches/PRs/commits/links)': `${serial.branches.length}/${serial.pulls.length}/${serial.commits.length}/${serial.links.length}`,
      'runs differing from serial': 0,
    });
  });
});
