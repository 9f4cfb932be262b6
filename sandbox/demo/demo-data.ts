import { createHash } from 'node:crypto';
import { createAccount } from '../../src/account-admin/create-account';
import { recordLinkedRepository } from '../../src/accounts/repository-directory';
import type { Ports } from '../../src/ports/ports';
import { bitbucketPullRequest, bitbucketPush } from './bitbucket-payloads';
import { GITHUB_EXAMPLE_REPOSITORY, githubAccount, githubBranchEvent, githubPullRequest, githubPullRequestReview, githubPush } from './github-payloads';
import { githubDeployment, githubWorkflowRun } from './github-build-payloads';
import { bitbucketDcPullRequest } from './bitbucket-dc-payloads';
import { gitlabMergeRequest, gitlabPush } from './gitlab-payloads';
import { bitbucketHeaders, githubHeaders, gitlabHeaders } from './signed-delivery';

const sha = (text: string) => createHash('sha1').update(text).digest('hex');
const BITBUCKET_DEMO = { repository: 'deploy-scripts', uuid: '{5bc3f1b2-9a41-4c1e-9d0e-3f1f4b0c2a11}' };
/** A push mirror of the GitHub example repository: the same commits, so the panel lists them once with both. */
const GITHUB_MIRROR = { id: 186853003, fullName: 'Codertocat/Hello-World-mirror' };
const OLIVIA = { uuid: '{d5a8c0e2-4b7f-4e21-9a3c-6f1e2b8d7c01}', displayName: 'Olivia Ops' };
const DANA = { uuid: '{0c6e3b1a-8f2d-4a59-b7e4-1d9c5a2f3e02}', displayName: 'Dana Developer' };
const ALICE = { uuid: '{7b2f9d4c-1e8a-4c36-a5d0-3e7f1b9c8a03}', displayName: 'Alice Admin' };
const GITLAB_DEMO = { id: 4242, fullName: 'acme-platform/billing', webUrl: 'https://gitlab.com/acme-platform/billing' };
const BITBUCKET_DC_DEMO = { id: 31, project: 'OPS', slug: 'runbooks', server: 'https://bitbucket.example.com' };

/**
 * Fills an empty sandbox the way a real site fills up: four accounts (GitHub, Bitbucket Cloud, GitLab, Bitbucket
 * Data Center) and a
 * repository of each are linked (and a mirror of the GitHub one),
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
  const gitlab = await createAccount(ports, { provider: 'gitlab', hostUrl: 'https://gitlab.com', name: 'acme-platform', authMethod: 'oauth' });
  const bitbucketDc = await createAccount(ports, { provider: 'bitbucket-data-center', hostUrl: BITBUCKET_DC_DEMO.server, name: BITBUCKET_DC_DEMO.project, authMethod: 'oauth' });
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
    github.id,
    { providerRepoId: String(GITHUB_MIRROR.id), fullName: GITHUB_MIRROR.fullName, url: `https://github.com/${GITHUB_MIRROR.fullName}` },
    now,
  );
  await recordLinkedRepository(
    ports.database,
    bitbucket.id,
    { providerRepoId: BITBUCKET_DEMO.uuid, fullName: `acme-ops/${BITBUCKET_DEMO.repository}`, url: `https://bitbucket.org/acme-ops/${BITBUCKET_DEMO.repository}` },
    now,
  );
  await recordLinkedRepository(ports.database, gitlab.id, { providerRepoId: String(GITLAB_DEMO.id), fullName: GITLAB_DEMO.fullName, url: GITLAB_DEMO.webUrl }, now);
  const runbooksUrl = `${BITBUCKET_DC_DEMO.server}/projects/${BITBUCKET_DC_DEMO.project}/repos/${BITBUCKET_DC_DEMO.slug}`;
  await recordLinkedRepository(
    ports.database,
    bitbucketDc.id,
    { providerRepoId: String(BITBUCKET_DC_DEMO.id), fullName: `${BITBUCKET_DC_DEMO.project}/${BITBUCKET_DC_DEMO.slug}`, url: runbooksUrl },
    now,
  );

  // Three people asked to review the login pull request: monalisa asked for changes, hubot approved, octocat has not reviewed yet.
  const [monalisa, hubot, octocat] = [githubAccount('monalisa', 2), githubAccount('hubot', 3), githubAccount('octocat', 583231)];
  const loginPull = { number: 12, title: 'DEMO-1 Log in with GitHub', head: 'DEMO-1-github-login', state: 'open' as const };
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
    // The merged-to-be commit reached the mirror too.
    [
      'push',
      githubPush('master', [{ sha: sha('c3'), message: 'DEMO-1 DEMO-4 Cache the user profile between page loads', timestamp: hoursAgo(5) }], {
        before: sha('m0'),
        repository: GITHUB_MIRROR,
      }),
    ],
    ['pull_request', githubPullRequest({ ...loginPull, updatedAt: hoursAgo(6), requestedReviewers: [monalisa, hubot, octocat] })],
    [
      'pull_request_review',
      githubPullRequestReview(
        { ...loginPull, updatedAt: hoursAgo(4), requestedReviewers: [hubot, octocat] },
        { reviewer: monalisa, state: 'changes_requested', submittedAt: hoursAgo(4) },
      ),
    ],
    [
      'pull_request_review',
      githubPullRequestReview({ ...loginPull, updatedAt: hoursAgo(2), requestedReviewers: [octocat] }, { reviewer: hubot, state: 'approved', submittedAt: hoursAgo(2) }),
    ],
    ['pull_request', githubPullRequest({ number: 11, title: 'DEMO-2 Empty repository list', head: 'fix-empty-list', state: 'closed', merged: true, updatedAt: hoursAgo(48) })],
    ['pull_request', githubPullRequest({ number: 10, title: 'DEMO-1 First try at OAuth', head: 'oauth-spike', state: 'closed', merged: false, updatedAt: hoursAgo(72) })],
    // The login branch's head built green (CI) and red (Lint), and was deployed to staging, then production.
    ['workflow_run', githubWorkflowRun({ id: 9001, runNumber: 41, name: 'CI', sha: sha('c3'), branch: 'DEMO-1-github-login', conclusion: 'success', updatedAt: hoursAgo(4.5) })],
    ['workflow_run', githubWorkflowRun({ id: 9002, runNumber: 17, name: 'Lint', sha: sha('c3'), branch: 'DEMO-1-github-login', conclusion: 'failure', updatedAt: hoursAgo(4.4) })],
    ...githubDeployment({ id: 7001, sha: sha('c3'), ref: 'DEMO-1-github-login', environment: 'staging', state: 'success', updatedAt: hoursAgo(3) }),
    ...githubDeployment({ id: 7002, sha: sha('c3'), ref: 'DEMO-1-github-login', environment: 'production', state: 'success', updatedAt: hoursAgo(1) }),
  ];
  const keysPull = { workspace: 'acme-ops', ...BITBUCKET_DEMO, id: 4, title: 'OPS-1 Rotate the deploy keys', source: 'OPS-1-rotate-keys', state: 'OPEN' as const, author: OLIVIA };
  const keysReviewers = (danaApprovedAt: string | null) => [
    { person: DANA, role: 'REVIEWER' as const, state: danaApprovedAt ? ('approved' as const) : null, participatedOn: danaApprovedAt },
    { person: ALICE, role: 'REVIEWER' as const, state: null, participatedOn: null },
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
    // Dana and Alice are asked to review; Dana approves.
    ['pullrequest:created', bitbucketPullRequest({ ...keysPull, updatedOn: hoursAgo(1.5), participants: keysReviewers(null) })],
    [
      'pullrequest:approved',
      bitbucketPullRequest({ ...keysPull, updatedOn: hoursAgo(1.5), participants: keysReviewers(hoursAgo(0.5)), approval: { person: DANA, date: hoursAgo(0.5) } }),
    ],
  ];

  const dana = { name: 'Dana Developer', email: 'dana@example.com' };
  const gitlabDeliveries: Array<[string, unknown]> = [
    [
      'Push Hook',
      gitlabPush({
        project: GITLAB_DEMO,
        branch: 'DEMO-4-invoice-totals',
        before: sha('g0'),
        pusher: { username: 'dana', ...dana },
        commits: [
          { sha: sha('g1'), message: 'DEMO-4 Round invoice totals half-even', author: dana, timestamp: hoursAgo(8) },
          { sha: sha('g2'), message: 'DEMO-4 DEMO-2 Show the rounding rule on the invoice page', author: dana, timestamp: hoursAgo(4) },
        ],
      }),
    ],
    [
      'Merge Request Hook',
      gitlabMergeRequest({
        project: GITLAB_DEMO,
        iid: 7,
        title: 'DEMO-4 Invoice totals',
        sourceBranch: 'DEMO-4-invoice-totals',
        state: 'opened',
        action: 'open',
        author: dana.name,
        updatedAt: hoursAgo(3),
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
  for (const [event, payload] of gitlabDeliveries) {
    await post('/x/gitlab-webhook', gitlab.id, JSON.stringify(payload), gitlabHeaders(gitlab.webhookSecret, event));
  }
  // Bitbucket Data Center: its test delivery, then a pull request (a push would be completed through the
  // server's API, which the demo has no server for).
  const bitbucketDcDeliveries: Array<[string, unknown]> = [
    ['diagnostics:ping', { test: true }],
    [
      'pr:opened',
      bitbucketDcPullRequest({
        repository: { ...BITBUCKET_DC_DEMO, url: runbooksUrl },
        id: 5,
        title: 'OPS-2 Runbook for a backed-up build queue',
        fromBranch: 'OPS-2-queue-runbook',
        updatedAt: hoursAgo(6),
      }),
    ],
  ];
  for (const [event, payload] of bitbucketDcDeliveries) {
    const body = JSON.stringify(payload);
    await post('/x/bitbucket-dc-webhook', bitbucketDc.id, body, bitbucketHeaders(bitbucketDc.webhookSecret, event, body));
  }
  return { deliveries };
}
