import { createHash } from 'node:crypto';
import { createAccount } from '../../src/account-admin/create-account';
import { recordLinkedRepository } from '../../src/accounts/repository-directory';
import type { Ports } from '../../src/ports/ports';
import { bitbucketPush } from './bitbucket-payloads';
import { GITHUB_EXAMPLE_REPOSITORY, githubBranchEvent, githubPullRequest, githubPush } from './github-payloads';
import { bitbucketHeaders, githubHeaders } from './signed-delivery';

const sha = (text: string) => createHash('sha1').update(text).digest('hex');
const BITBUCKET_DEMO = { repository: 'deploy-scripts', uuid: '{5bc3f1b2-9a41-4c1e-9d0e-3f1f4b0c2a11}' };

/**
 * Fills an empty sandbox the way a real site fills up: two accounts and a repository of each are linked,
 * then signed webhook deliveries (GitHub's own example payloads, mentioning demo issues) are POSTed to the
 * sandbox's own webtrigger URLs.
 */
export async function seedDemoData(ports: Ports, baseUrl: string, now = Date.now()): Promise<{ deliveries: number }> {
  const existing = await ports.database.db.selectFrom('account').select('id').limit(1).execute();
  if (existing.length > 0) return { deliveries: 0 };
  const hoursAgo = (hours: number) => new Date(now - hours * 3600_000).toISOString();

  // Codertocat also mirrors to Jira's development information, so the sandbox shows both panels.
  const github = await createAccount(ports, {
    provider: 'github',
    hostUrl: 'https://github.com',
    name: 'Codertocat',
    authMethod: 'oauth',
    settings: { mirrorDevelopmentInfo: true },
  });
  const bitbucket = await createAccount(ports, { provider: 'bitbucket-cloud', hostUrl: 'https://bitbucket.org', name: 'acme-ops', authMethod: 'oauth' });
  // The admin linked one repository of each from the account's repository list (the webhook added by hand);
  // a repository a delivery names for the first time would need the Git host to confirm it first.
  await recordLinkedRepository(
    ports.database,
    github.id,
    { providerRepoId: String(GITHUB_EXAMPLE_REPOSITORY.id), fullName: GITHUB_EXAMPLE_REPOSITORY.fullName, url: `https://github.com/${GITHUB_EXAMPLE_REPOSITORY.fullName}` },
    now,
  );
  await recordLinkedRepository(
    ports.database,
    bitbucket.id,
    { providerRepoId: BITBUCKET_DEMO.uuid, fullName: `acme-ops/${BITBUCKET_DEMO.repository}`, url: `https://bitbucket.org/acme-ops/${BITBUCKET_DEMO.repository}` },
    now,
  );

  const githubDeliveries: Array<[string, unknown]> = [
    ['create', githubBranchEvent('create', 'DEMO-1-github-login')],
    [
      'push',
      githubPush('DEMO-1-github-login', [
        { sha: sha('c1'), message: 'DEMO-1 Add the "Log in with GitHub" button', timestamp: hoursAgo(30) },
        { sha: sha('c2'), message: 'DEMO-1 Handle the OAuth callback\n\nStores the token in secret storage.', timestamp: hoursAgo(26) },
        { sha: sha('c3'), message: 'DEMO-1 DEMO-4 Cache the user profile between page loads', timestamp: hoursAgo(5) },
      ]),
    ],
    [
      'push',
      githubPush(
        'master',
        [
          { sha: sha('c4'), message: 'DEMO-2 Show an empty state instead of crashing on no repositories', timestamp: hoursAgo(50) },
          { sha: sha('c5'), message: 'OPS-2 Alert when more than 50 builds are queued', timestamp: hoursAgo(3) },
        ],
        { before: sha('c0') },
      ),
    ],
    ['pull_request', githubPullRequest({ number: 12, title: 'DEMO-1 Log in with GitHub', head: 'DEMO-1-github-login', state: 'open', updatedAt: hoursAgo(2) })],
    ['pull_request', githubPullRequest({ number: 11, title: 'DEMO-2 Empty repository list', head: 'fix-empty-list', state: 'closed', merged: true, updatedAt: hoursAgo(48) })],
    ['pull_request', githubPullRequest({ number: 10, title: 'DEMO-1 First try at OAuth', head: 'oauth-spike', state: 'closed', merged: false, updatedAt: hoursAgo(72) })],
  ];
  const bitbucketDeliveries: Array<[string, unknown]> = [
    [
      'repo:push',
      bitbucketPush({
        workspace: 'acme-ops',
        ...BITBUCKET_DEMO,
        branch: 'main',
        before: sha('b0'),
        commits: [
          { sha: sha('b1'), message: 'OPS-1 Rotate the deploy keys', author: 'Olivia Ops <olivia@example.com>', date: hoursAgo(20) },
          { sha: sha('b2'), message: 'OPS-1 OPS-2 Page the on-call engineer when the queue backs up', author: 'Olivia Ops <olivia@example.com>', date: hoursAgo(1) },
        ],
      }),
    ],
  ];

  let deliveries = 0;
  const post = async (path: string, accountId: string, body: string, headers: Record<string, string>) => {
    const response = await fetch(`${baseUrl}${path}?account=${accountId}`, { method: 'POST', headers, body });
    if (!response.ok) throw new Error(`Demo delivery to ${path} failed: HTTP ${response.status} ${await response.text()}`);
    deliveries += 1;
  };
  for (const [event, payload] of githubDeliveries) {
    const body = JSON.stringify(payload);
    await post('/x/github-webhook', github.id, body, githubHeaders(github.webhookSecret, event, body));
  }
  for (const [event, payload] of bitbucketDeliveries) {
    const body = JSON.stringify(payload);
    await post('/x/bitbucket-webhook', bitbucket.id, body, bitbucketHeaders(bitbucket.webhookSecret, event, body));
  }
  return { deliveries };
}
