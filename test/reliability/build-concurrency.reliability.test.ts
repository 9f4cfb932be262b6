import fc from 'fast-check';
import { githubDeployment, githubWorkflowRun } from '../../sandbox/demo/github-build-payloads';
import { githubPush } from '../../sandbox/demo/github-payloads';
import { createAccount } from '../../src/account-admin/create-account';
import { composeApp } from '../../src/app/compose-app';
import { GITHUB_EXAMPLE, linkRepositories } from '../support/linked-repositories';
import { sandboxFixture } from '../support/sandbox-fixture';
import { githubRequest } from '../support/webhook-requests';
import { report } from './report';

const SENDERS = 10;
const head = 'd'.repeat(40);
const at = (second: number) => `2026-11-20T12:00:${String(second).padStart(2, '0')}Z`;

/**
 * Every update of three workflow runs and two deployments, each run reported queued, in progress and finished
 * (later `updated_at` each time), and each deployment created, in progress and finished.
 */
function updates(): Array<{ event: string; payload: unknown }> {
  const list: Array<{ event: string; payload: unknown }> = [];
  for (const [id, conclusion] of [
    [1, 'success'],
    [2, 'failure'],
    [3, 'success'],
  ] as const) {
    list.push({ event: 'workflow_run', payload: githubWorkflowRun({ id, runNumber: id, name: `CI ${id}`, sha: head, branch: 'DEMO-1-x', conclusion, updatedAt: at(id * 10) }) });
    const running = githubWorkflowRun({ id, runNumber: id, name: `CI ${id}`, sha: head, branch: 'DEMO-1-x', conclusion, updatedAt: at(id * 10 - 5) });
    list.push({ event: 'workflow_run', payload: { ...running, action: 'in_progress', workflow_run: { ...running.workflow_run, status: 'in_progress', conclusion: null } } });
  }
  for (const [id, environment] of [
    [41, 'staging'],
    [42, 'production'],
  ] as const) {
    for (const [event, payload] of githubDeployment({ id, sha: head, ref: 'DEMO-1-x', environment, state: 'in_progress', updatedAt: at(id) })) list.push({ event, payload });
    const [, finished] = githubDeployment({ id, sha: head, ref: 'DEMO-1-x', environment, state: 'success', updatedAt: at(id + 5) });
    list.push({ event: finished![0], payload: finished![1] });
  }
  return list;
}

/** Builds and deployments delivered concurrently and in any order end where the in-order sequence ends. */
describe('concurrent, reordered build and deployment deliveries', () => {
  it('end in the same state whatever the order and concurrency', async () => {
    const fixture = await sandboxFixture();
    try {
      const account = await createAccount(fixture.ports, { provider: 'github', hostUrl: 'https://github.com', name: 'Codertocat', authMethod: 'oauth' });
      await linkRepositories(fixture.ports, account.id, [GITHUB_EXAMPLE]);
      const { githubWebhook } = composeApp(fixture.ports).webtriggers;
      const send = async (delivery: { event: string; payload: unknown }) =>
        (await githubWebhook(githubRequest(account.id, account.webhookSecret, delivery.event, delivery.payload))).statusCode;
      expect(await send({ event: 'push', payload: githubPush('DEMO-1-x', [{ sha: head, message: 'DEMO-1 x', timestamp: at(0) }]) })).toBe(200);
      const state = async () => ({
        builds: await fixture.ports.database.db.selectFrom('dev_build').select(['build_key', 'state', 'updated_at']).orderBy('build_key').execute(),
        deployments: await fixture.ports.database.db.selectFrom('dev_deployment').select(['deployment_id', 'state', 'updated_at']).orderBy('deployment_id').execute(),
      });
      const all = updates();
      for (const delivery of all) expect(await send(delivery)).toBe(200);
      const expected = await state();
      expect(expected.builds.map((row) => row.state)).toEqual(['successful', 'failed', 'successful']);
      expect(expected.deployments.map((row) => row.state)).toEqual(['successful', 'successful']);
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }), async (order) => {
          runs += 1;
          // Senders take the shuffled deliveries from one queue, as many at once as SENDERS.
          const queue = [...order];
          await Promise.all(
            Array.from({ length: SENDERS }, async () => {
              for (let next = queue.shift(); next; next = queue.shift()) expect(await send(next)).toBe(200);
            }),
          );
          expect(await state()).toEqual(expected);
        }),
        { numRuns: Number(process.env.BUILD_ORDERS ?? 30) },
      );
      report('Build and deployment deliveries reordered', { orders: runs, 'deliveries per order': all.length, senders: SENDERS });
    } finally {
      await fixture.close();
    }
  });
});
