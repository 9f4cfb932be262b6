import fc from 'fast-check';
import { gitlabMergeRequest, gitlabPush } from '../../sandbox/demo/gitlab-payloads';
import { bitbucketHeaders, gitlabHeaders } from '../../sandbox/demo/signed-delivery';
import { createAccount } from '../../src/account-admin/create-account';
import { composeApp } from '../../src/app/compose-app';
import type { WebtriggerRequest } from '../../src/webtrigger-endpoints/webtrigger-http';
import { linkRepositories } from '../support/linked-repositories';
import { sandboxFixture } from '../support/sandbox-fixture';
import { readSharedFixture } from '../support/shared-fixtures';
import { report } from './report';

const SENDERS = 20;
const sha = (n: number) => `d${n.toString(16)}`.padStart(40, '0');
type Delivery = { event: string; body: string };

const GITLAB_PROJECT = { id: 77, fullName: 'acme/app', webUrl: 'https://gitlab.com/acme/app' };

/** GitLab: a push per branch, merge requests through opened → merged/closed with increasing `updated_at`. */
function gitlabDeliveries(): Delivery[] {
  const list: Delivery[] = [];
  const dana = { name: 'Dana Developer', email: 'dana@example.com' };
  for (let branch = 1; branch <= 10; branch += 1) {
    const commits = Array.from({ length: 4 }, (_, index) => ({
      sha: sha(branch * 100 + index),
      message: `DEMO-${(index % 4) + 1} change ${branch}.${index}`,
      author: dana,
      timestamp: `2026-11-20T10:0${index}:00Z`,
    }));
    list.push({
      event: 'Push Hook',
      body: JSON.stringify(gitlabPush({ project: GITLAB_PROJECT, branch: `DEMO-1-topic-${branch}`, before: sha(1), pusher: { username: 'dana', ...dana }, commits })),
    });
  }
  for (let iid = 1; iid <= 8; iid += 1) {
    const steps: Array<{ state: 'opened' | 'closed' | 'merged'; action: 'open' | 'update' | 'close' | 'merge' }> = [
      { state: 'opened', action: 'open' },
      { state: 'opened', action: 'update' },
      iid % 3 === 0 ? { state: 'closed', action: 'close' } : { state: 'merged', action: 'merge' },
    ];
    steps.forEach((step, index) =>
      list.push({
        event: 'Merge Request Hook',
        body: JSON.stringify(
          gitlabMergeRequest({
            project: GITLAB_PROJECT,
            iid,
            title: `DEMO-${(iid % 4) + 1} Feature ${iid} v${index}`,
            sourceBranch: `DEMO-1-topic-${iid}`,
            ...step,
            author: 'Dana Developer',
            updatedAt: `2026-11-20T11:${String(iid).padStart(2, '0')}:${index}0Z`,
          }),
        ),
      }),
    );
  }
  return list;
}

/** Bitbucket Data Center: the real samples, moved through branches and pull request states. */
function bitbucketDcDeliveries(): Delivery[] {
  const list: Delivery[] = [];
  const push = JSON.parse(readSharedFixture('bitbucket-server', 'pushPayload.json')) as Record<string, any>;
  for (let branch = 1; branch <= 10; branch += 1) {
    const copy = structuredClone(push);
    copy.changes[0].ref = { ...copy.changes[0].ref, id: `refs/heads/OPS-1-topic-${branch}`, displayId: `OPS-1-topic-${branch}` };
    copy.changes[0].toHash = sha(branch * 100);
    copy.commits = [{ ...copy.commits[0], id: sha(branch * 100), message: `OPS-${(branch % 2) + 1} change ${branch}` }];
    list.push({ event: 'repo:refs_changed', body: JSON.stringify(copy) });
  }
  const pull = JSON.parse(readSharedFixture('bitbucket-server', 'pr_newPRPayload.json')) as Record<string, any>;
  for (let id = 1; id <= 8; id += 1) {
    (['OPEN', 'OPEN', id % 3 === 0 ? 'DECLINED' : 'MERGED'] as const).forEach((state, index) => {
      const copy = structuredClone(pull);
      copy.pullRequest = {
        ...copy.pullRequest,
        id,
        state,
        title: `OPS-${(id % 2) + 1} Feature ${id} v${index}`,
        updatedDate: `2026-11-20T11:${String(id).padStart(2, '0')}:${index}0Z`,
      };
      list.push({ event: state === 'OPEN' ? (index === 0 ? 'pr:opened' : 'pr:modified') : state === 'MERGED' ? 'pr:merged' : 'pr:declined', body: JSON.stringify(copy) });
    });
  }
  return list;
}

const HOSTS = [
  {
    name: 'GitLab',
    deliveries: gitlabDeliveries,
    account: { provider: 'gitlab', hostUrl: 'https://gitlab.com', name: 'acme' } as const,
    repositories: [{ providerRepoId: String(GITLAB_PROJECT.id), fullName: GITLAB_PROJECT.fullName, url: GITLAB_PROJECT.webUrl }],
    headers: (secret: string, delivery: Delivery) => gitlabHeaders(secret, delivery.event),
    send: (handlers: ReturnType<typeof composeApp>['webtriggers'], request: WebtriggerRequest) => handlers.gitlabWebhook(request),
  },
  {
    name: 'Bitbucket Data Center',
    deliveries: bitbucketDcDeliveries,
    account: { provider: 'bitbucket-data-center', hostUrl: 'https://bitbucket.example.com', name: 'AMUNIZ' } as const,
    // The samples come from two servers' copies of one repository (ids 1 and 2).
    repositories: [
      { providerRepoId: '1', fullName: 'AMUNIZ/test-repos', url: 'http://localhost:7990/projects/AMUNIZ/repos/test-repos' },
      { providerRepoId: '2', fullName: 'AMUNIZ/test-repos', url: 'http://localhost:7990/bitbucket/projects/AMUNIZ/repos/test-repos' },
    ],
    headers: (secret: string, delivery: Delivery) => bitbucketHeaders(secret, delivery.event, delivery.body),
    send: (handlers: ReturnType<typeof composeApp>['webtriggers'], request: WebtriggerRequest) => handlers.bitbucketDcWebhook(request),
  },
];

describe.each(HOSTS)('concurrent $name deliveries', (host) => {
  async function finalState(run: (send: (delivery: Delivery) => Promise<number>) => Promise<void>) {
    const fixture = await sandboxFixture();
    // A truncated push queues a read of the rest from the host; there is no host here.
    fixture.ports.queue.push = async () => undefined;
    try {
      const account = await createAccount(fixture.ports, { ...host.account, authMethod: 'oauth' });
      await linkRepositories(fixture.ports, account.id, host.repositories);
      const handlers = composeApp(fixture.ports).webtriggers;
      await run(async (delivery) => {
        const headers = host.headers(account.webhookSecret, delivery);
        const request: WebtriggerRequest = {
          method: 'POST',
          path: '/',
          headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
          queryParameters: { account: [account.id] },
          body: delivery.body,
        };
        return (await host.send(handlers, request)).statusCode;
      });
      const db = fixture.ports.database.db;
      return {
        branches: await db.selectFrom('dev_branch').select(['name', 'head_sha', 'deleted']).orderBy('name').execute(),
        pulls: await db.selectFrom('dev_pull_request').select(['number', 'state', 'title', 'updated_at', 'author_name']).orderBy('number').execute(),
        commits: await db.selectFrom('dev_commit').select(['sha', 'message']).orderBy('sha').execute(),
        links: await db.selectFrom('issue_link').select(['issue_key', 'item_kind', 'item_key']).orderBy('issue_key').orderBy('item_kind').orderBy('item_key').execute(),
      };
    } finally {
      await fixture.close();
    }
  }

  it(`converge to the serial result when ${SENDERS} senders interleave, duplicate and reorder them`, async () => {
    const all = host.deliveries();
    const serial = await finalState(async (send) => {
      for (const delivery of all) expect(await send(delivery)).toBeLessThan(300);
    });
    expect(serial.pulls.length).toBe(8);
    expect(serial.commits.length).toBeGreaterThan(0);
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: all.length - 1 }), { minLength: 10, maxLength: 40 }), fc.integer(), async (duplicates, seed) => {
        runs += 1;
        const order = [...all.map((_, index) => index), ...duplicates];
        let state = seed;
        for (let index = order.length - 1; index > 0; index -= 1) {
          state = (state * 1103515245 + 12345) & 0x7fffffff;
          const swap = state % (index + 1);
          [order[index], order[swap]] = [order[swap]!, order[index]!];
        }
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
      { numRuns: Number(process.env.CONCURRENCY_RUNS ?? 10), seed: 161616 },
    );
    report(`Concurrency (${host.name}): ${SENDERS} senders`, {
      'distinct deliveries': all.length,
      'shuffled runs': runs,
      'final state (branches/PRs/commits/links)': `${serial.branches.length}/${serial.pulls.length}/${serial.commits.length}/${serial.links.length}`,
      'runs differing from serial': 0,
    });
  });
});
