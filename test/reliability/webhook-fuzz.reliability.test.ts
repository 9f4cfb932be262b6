import { bitbucketSampleRepositories, GITHUB_EXAMPLE, linkRepositories } from '../support/linked-repositories';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { GITLAB_DOCUMENTED_MERGE_REQUEST, GITLAB_DOCUMENTED_PUSH, GITLAB_DOCUMENTED_TAG_PUSH } from '../../sandbox/demo/gitlab-payloads';
import { bitbucketHeaders, githubHeaders, gitlabHeaders } from '../../sandbox/demo/signed-delivery';
import { gitlabDocumentedDeployment, gitlabDocumentedPipeline } from '../support/gitlab-build-payloads';
import { createAccount } from '../../src/account-admin/create-account';
import type { WebtriggerRequest, WebtriggerResponse } from '../../src/webtrigger-endpoints/webtrigger-http';
import { sandboxFixture } from '../support/sandbox-fixture';
import { readSharedFixture, sharedFixturePath } from '../support/shared-fixtures';
import { bitbucketCommitStatus } from '../support/bitbucket-commit-status';
import { GITHUB_BUILD_EVENTS } from '../../src/git-hosts/github/github-build-events';
import { report } from './report';
import { composeApp } from '../../src/app/compose-app';

/** Inputs per endpoint and seed: four endpoints, a fixed seed and a random one, 48,000 inputs in all. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 6000);
const FIXED_SEED = 20261122;

type Sample = { event: string; payload: unknown };

/** The examples mention no issue of the sandbox's site; with a key added, signed inputs do store something. */
function mentionIssue(payload: unknown): unknown {
  const copy = structuredClone(payload) as { commits?: Array<{ message: string }>; pull_request?: { title: string } };
  for (const commit of copy.commits ?? []) commit.message = `DEMO-1 ${commit.message}`;
  if (copy.pull_request) copy.pull_request.title = `DEMO-2 ${copy.pull_request.title}`;
  return copy;
}
const githubSamples: Sample[] = (createRequire(resolve('package.json'))('@octokit/webhooks-examples') as Array<{ name: string; examples: unknown[] }>)
  .filter((entry) => ['push', 'pull_request', 'create', 'delete', 'ping', ...GITHUB_BUILD_EVENTS].includes(entry.name))
  .flatMap((entry) => entry.examples.slice(0, 8).map((payload) => ({ event: entry.name, payload: mentionIssue(payload) })));
const bitbucketEvent = (file: string) =>
  /fulfilled/.test(file)
    ? 'pullrequest:fulfilled'
    : /pr_create|pullrequest_created/.test(file)
      ? 'pullrequest:created'
      : /pr|pullrequest/.test(file)
        ? 'pullrequest:updated'
        : 'repo:push';
const bitbucketSamples: Sample[] = readdirSync(sharedFixturePath('bitbucket'))
  .filter((file) => file.endsWith('.json'))
  .map((file) => ({ event: bitbucketEvent(file), payload: JSON.parse(readSharedFixture('bitbucket', file)) }))
  // Bitbucket's documented commit status (test/support/bitbucket-commit-status.ts), on a commit of the samples.
  .concat([{ event: 'repo:commit_status_updated', payload: bitbucketCommitStatus('FAILED', { sha: '325d37697849f4b1fe42cb19c20134af08e03a82' }) }]);

// GitLab's documented examples (sandbox/demo/gitlab-payloads.ts, test/support/gitlab-build-payloads.ts), the merge request's title mentioning an issue.
const gitlabSamples: Sample[] = [
  { event: 'Push Hook', payload: mentionIssue(GITLAB_DOCUMENTED_PUSH) },
  { event: 'Tag Push Hook', payload: GITLAB_DOCUMENTED_TAG_PUSH },
  {
    event: 'Merge Request Hook',
    payload: { ...GITLAB_DOCUMENTED_MERGE_REQUEST, object_attributes: { ...GITLAB_DOCUMENTED_MERGE_REQUEST.object_attributes, title: 'DEMO-2 MS-Viewport' } },
  },
  { event: 'Pipeline Hook', payload: gitlabDocumentedPipeline() },
  { event: 'Deployment Hook', payload: gitlabDocumentedDeployment() },
];

// Bitbucket Data Center's real payloads (../shared/fixtures/bitbucket-server/), each under the event its README names.
const bitbucketDcSamples: Sample[] = (
  [
    ['repo:refs_changed', 'pushPayload'],
    ['repo:refs_changed', 'branch_deleted'],
    ['repo:refs_changed', 'tag_created'],
    ['pr:opened', 'pr_newPRPayload'],
    ['pr:deleted', 'pr_deletePRPayload'],
    ['diagnostics:ping', 'ping'],
  ] as const
).map(([event, file]) => ({ event, payload: JSON.parse(readSharedFixture('bitbucket-server', `${file}.json`).replace(/"(message|title)": ?"/g, '"$1": "OPS-1 ')) as unknown }));

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom('\u202Eevil', '<script>alert(1)</script>', 'javascript:alert(1)', 'DEMO-1 #comment x', '\u0000', '💥'.repeat(1000), 'DEMO-1 '.repeat(5000)),
  fc.integer({ min: 100_000, max: 2_000_000 }).map((length) => 'x'.repeat(length)),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string(), { maxLength: 5 }),
  fc.dictionary(fc.constantFrom(...HOSTILE_KEYS, 'a', 'sha'), fc.string(), { maxKeys: 3 }),
);

/** Every path into a JSON value, so a mutation can hit any field of a real payload. */
function paths(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (out.length > 400) return out;
  if (Array.isArray(value)) value.slice(0, 5).forEach((item, index) => paths(item, [...prefix, index], out));
  else if (value && typeof value === 'object') for (const key of Object.keys(value)) paths((value as Record<string, unknown>)[key], [...prefix, key], out);
  out.push(prefix);
  return out;
}

function setAt(root: unknown, path: Array<string | number>, value: unknown, remove: boolean): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const part of path.slice(0, -1)) node = node[part] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

type Mutation =
  | { kind: 'set'; pick: number; value: unknown; remove: boolean }
  | { kind: 'truncate'; at: number }
  | { kind: 'nest'; depth: number }
  | { kind: 'inject-key'; key: string; value: unknown }
  | { kind: 'raw'; text: string };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), pick: fc.nat(), value: hostileValue, remove: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('nest' as const), depth: fc.integer({ min: 100, max: 20_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('inject-key' as const), key: fc.constantFrom(...HOSTILE_KEYS), value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), text: fc.string({ maxLength: 200 }) }) },
);
type Signing = 'valid' | 'missing' | 'wrong' | 'other-account' | 'no-account' | 'no-event';
const signing = fc.constantFrom<Signing>('valid', 'valid', 'valid', 'valid', 'missing', 'wrong', 'other-account', 'no-account', 'no-event');

function mutatedBody(sample: Sample, change: Mutation): string {
  switch (change.kind) {
    case 'set': {
      const all = paths(sample.payload);
      return JSON.stringify(setAt(sample.payload, all[change.pick % all.length]!, change.value, change.remove));
    }
    case 'truncate': {
      const text = JSON.stringify(sample.payload);
      return text.slice(0, change.at % text.length);
    }
    case 'nest':
      return `${'{"a":['.repeat(change.depth)}1${']}'.repeat(change.depth)}`;
    case 'inject-key': {
      // JSON.parse makes "__proto__" an own key; it must never reach an object's prototype.
      const text = JSON.stringify(sample.payload);
      return `{${JSON.stringify(change.key)}:${JSON.stringify(change.value) ?? 'null'},${text.slice(1)}`;
    }
    case 'raw':
      return change.text;
  }
}

describe('fuzzed webhook deliveries', () => {
  it('answer every input with a 2xx or 4xx JSON message, never crash, and store only what signed payloads carry', async () => {
    const fixture = await sandboxFixture();
    try {
      const handlers = composeApp(fixture.ports).webtriggers;
      const github = await createAccount(fixture.ports, { provider: 'github', hostUrl: 'https://github.com', name: 'fuzz', authMethod: 'oauth' });
      const bitbucket = await createAccount(fixture.ports, { provider: 'bitbucket-cloud', hostUrl: 'https://bitbucket.org', name: 'fuzz', authMethod: 'oauth' });
      await linkRepositories(fixture.ports, github.id, [GITHUB_EXAMPLE]);
      await linkRepositories(fixture.ports, bitbucket.id, bitbucketSampleRepositories());
      const gitlab = await createAccount(fixture.ports, { provider: 'gitlab', hostUrl: 'https://gitlab.com', name: 'fuzz', authMethod: 'oauth' });
      await linkRepositories(
        fixture.ports,
        gitlab.id,
        [GITLAB_DOCUMENTED_PUSH.project, GITLAB_DOCUMENTED_MERGE_REQUEST.project].map((project) => ({
          providerRepoId: String(project.id),
          fullName: project.path_with_namespace,
          url: project.web_url,
        })),
      );
      const bitbucketDc = await createAccount(fixture.ports, { provider: 'bitbucket-data-center', hostUrl: 'https://bitbucket.example.com', name: 'AMUNIZ', authMethod: 'oauth' });
      await linkRepositories(fixture.ports, bitbucketDc.id, [
        { providerRepoId: '1', fullName: 'AMUNIZ/test-repos', url: 'http://localhost:7990/projects/AMUNIZ/repos/test-repos' },
        { providerRepoId: '2', fullName: 'AMUNIZ/test-repos', url: 'http://localhost:7990/bitbucket/projects/AMUNIZ/repos/test-repos' },
      ]);
      const outcomes = new Map<string, number>();
      const db = fixture.ports.database.db;
      const stored = async () => {
        const counts = await Promise.all(
          (['dev_commit', 'dev_branch', 'dev_pull_request', 'issue_link', 'repository', 'dev_build', 'dev_deployment'] as const).map((table) =>
            db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow(),
          ),
        );
        return counts.map((row) => Number(row.n)).join('/');
      };
      let inputs = 0;

      const endpoints = [
        { name: 'github', samples: githubSamples, account: github, send: (request: WebtriggerRequest) => handlers.githubWebhook(request), headers: githubHeaders },
        { name: 'bitbucket', samples: bitbucketSamples, account: bitbucket, send: (request: WebtriggerRequest) => handlers.bitbucketWebhook(request), headers: bitbucketHeaders },
        {
          name: 'gitlab',
          samples: gitlabSamples,
          account: gitlab,
          send: (request: WebtriggerRequest) => handlers.gitlabWebhook(request),
          headers: (secret: string, event: string) => gitlabHeaders(secret, event),
        },
        {
          name: 'bitbucket-data-center',
          samples: bitbucketDcSamples,
          account: bitbucketDc,
          send: (request: WebtriggerRequest) => handlers.bitbucketDcWebhook(request),
          headers: bitbucketHeaders,
        },
      ];
      for (const endpoint of endpoints) {
        for (const seed of [FIXED_SEED, Date.now() % 2 ** 31]) {
          const property = fc.asyncProperty(fc.nat({ max: endpoint.samples.length - 1 }), mutation, signing, async (index, change, how) => {
            inputs += 1;
            const sample = endpoint.samples[index]!;
            const body = mutatedBody(sample, change);
            const secret =
              how === 'wrong' ? 'not-the-secret' : how === 'other-account' ? (endpoint.name === 'github' ? bitbucket : github).webhookSecret : endpoint.account.webhookSecret;
            const headers = endpoint.headers(secret, sample.event, body);
            if (how === 'missing') for (const name of Object.keys(headers)) if (/signature|token/i.test(name)) delete headers[name];
            if (how === 'no-event') for (const name of Object.keys(headers)) if (/event/i.test(name)) delete headers[name];
            const request: WebtriggerRequest = {
              method: 'POST',
              path: '/',
              headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
              queryParameters: how === 'no-account' ? {} : { account: [endpoint.account.id] },
              body,
            };
            const before = how === 'valid' ? '' : await stored();
            let response: WebtriggerResponse;
            try {
              response = await endpoint.send(request);
            } catch (error) {
              throw new Error(`the handler threw ${String(error)} for ${how} ${change.kind}`, { cause: error });
            }
            const key = `${endpoint.name} ${how === 'valid' ? 'signed' : how} → ${response.statusCode}`;
            outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
            expect(response.statusCode >= 200 && response.statusCode < 500).toBe(true);
            const answer = JSON.parse(response.body) as { ok: unknown; message: unknown };
            expect([typeof answer.ok, typeof answer.message]).toEqual(['boolean', 'string']);
            // Nothing unsigned (or signed for another account) changes what is stored.
            if (how !== 'valid') {
              expect(response.statusCode).toBeGreaterThanOrEqual(400);
              expect(await stored()).toBe(before);
            }
          });
          await fc.assert(property, { seed, numRuns: RUNS });
        }
      }
      // Prototype-pollution keys stayed own keys of parsed payloads.
      expect(Object.keys(Object.prototype)).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      report('Webhook fuzzing', {
        'inputs tried': inputs,
        'fixed seed': FIXED_SEED,
        ...Object.fromEntries([...outcomes].sort(([a], [b]) => a.localeCompare(b))),
        'rows stored (commits/branches/PRs/links/repositories/builds/deployments)': await stored(),
      });
      expect(inputs).toBe(RUNS * 2 * endpoints.length);
    } finally {
      await fixture.close();
    }
  });
});
