/**
 * Only http(s) URLs, one check (`safeHttpUrl`): at the webhook schemas, in the host clients' answers, in
 * what is sent to Jira (development information, smart-commit comments) and in the Custom UI's links.
 * Payloads are GitHub's and Bitbucket's own examples with one URL replaced by a hostile one.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { readSharedFixture } from '../../test/support/shared-fixtures';
import { ExternalLink } from '../../static/shared/ExternalLink';
import { createPullRequestUrl } from '../dev-info/dev-info-items';
import { AppError } from '../errors/app-error';
import { branchEntity, bulkBody, commitEntity, pullRequestEntity, type DevinfoRepository } from '../jira-copy/devinfo-payload';
import type { HttpFetch } from '../ports/http';
import { bitbucketHostClient } from '../git-hosts/bitbucket/bitbucket-host-client';
import { normaliseBitbucketDelivery } from '../git-hosts/bitbucket/bitbucket-webhook-normaliser';
import type { RemoteRepository } from '../git-hosts/git-host-client';
import { githubHostClient } from '../git-hosts/github/github-host-client';
import { normaliseGithubDelivery } from '../git-hosts/github/github-webhook-normaliser';
import { PayloadError } from '../git-hosts/payload-error';
import { commentBody } from '../smart-commits/jira-actions';
import type { BranchTable, CommitTable, PullRequestTable } from '../storage/schema';
import { isHttpUrl, MAX_URL_LENGTH, safeHttpUrl, withoutTrailingSlashes } from './http-url';
import { httpUrl } from './http-url-schema';

jest.mock('@forge/bridge', () => ({ router: { open: jest.fn() } }));

/** URLs that must never become a link: other schemes in every disguise, host tricks, control characters, excess length. */
const HOSTILE: string[] = [
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  ' javascript:alert(1)',
  '\tjavascript:alert(1)',
  'java\nscript:alert(1)',
  'javascript://github.com/%0Aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  '//evil.example/x',
  'http:/\\evil.example/x',
  'https:\\\\evil.example/x',
  'https:///evil.example/x',
  'https://github.com\\@evil.example/',
  'https://github.com@evil.example/',
  'https://user:password@github.com/',
  'https://',
  'https://github.com/\u0000x',
  'https://github.com/a\u0007b',
  'https://github.com/a\u007fb',
  'https://github.com/a\u0085b',
  'https://github.com/a b',
  ' https://github.com/a',
  'ftp://github.com/a',
  'mailto:jane@example.com',
  `https://github.com/${'a'.repeat(MAX_URL_LENGTH)}`,
];

describe('safeHttpUrl, the one URL check', () => {
  it.each(HOSTILE)('refuses %j', (url) => {
    expect(safeHttpUrl(url)).toBeNull();
    expect(isHttpUrl(url)).toBe(false);
    expect(httpUrl.safeParse(url).success).toBe(false);
  });

  it.each([
    ['https://github.com/Codertocat/Hello-World', 'https://github.com/Codertocat/Hello-World'],
    ['http://127.0.0.1:8080/acme/app/commit/abc', 'http://127.0.0.1:8080/acme/app/commit/abc'],
    ['https://bitbucket.org/cloudbeers/temp/branch/feature/test', 'https://bitbucket.org/cloudbeers/temp/branch/feature/test'],
    ['HTTPS://GitHub.com/a?b=c#d', 'https://github.com/a?b=c#d'],
    ['https://github.com/a/\u202Egnp.exe', 'https://github.com/a/%E2%80%AEgnp.exe'],
  ])('keeps %j as %j', (url, kept) => {
    expect(safeHttpUrl(url)).toBe(kept);
    expect(httpUrl.safeParse(url).success).toBe(true);
  });

  it('refuses what is not a string', () => {
    for (const value of [null, undefined, 42, {}, ['https://github.com']]) expect(safeHttpUrl(value)).toBeNull();
  });

  it('trims trailing slashes without a regex', () => {
    expect(withoutTrailingSlashes('https://github.com/a///')).toBe('https://github.com/a');
    expect(withoutTrailingSlashes('///')).toBe('');
    expect(withoutTrailingSlashes('https://github.com/a')).toBe('https://github.com/a');
  });
});

type Examples = Array<{ name: string; examples: Array<Record<string, any>> }>;
const requireFromRoot = createRequire(resolve('package.json'));
const dotcom = requireFromRoot('@octokit/webhooks-examples/api.github.com/index.json') as Examples;
const githubExample = (name: string, pick: (example: Record<string, any>) => boolean = () => true) =>
  structuredClone(dotcom.find((entry) => entry.name === name)!.examples.find(pick)!);
const bitbucketFixture = (name: string) => JSON.parse(readSharedFixture('bitbucket', `${name}.json`));

/** Every string under a key that names a URL or a link target, wherever it sits in `value`. */
function urlsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => urlsIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (typeof inner === 'string' && /url$|^href$/i.test(key)) found.push(inner);
      else urlsIn(inner, found);
    }
  }
  return found;
}

describe('webhook schemas refuse a URL that is not http(s)', () => {
  const githubCases: Array<[string, string, (payload: Record<string, any>, url: string) => void, (example: Record<string, any>) => boolean]> = [
    ['push', 'repository.html_url', (payload, url) => (payload.repository.html_url = url), (example) => example.ref === 'refs/heads/master'],
    ['push', 'commits.0.url', (payload, url) => (payload.commits[0].url = url), (example) => example.ref === 'refs/heads/master'],
    ['create', 'repository.html_url', (payload, url) => (Object.assign(payload, { ref: 'DEMO-1-x', ref_type: 'branch' }).repository.html_url = url), () => true],
    ['pull_request', 'pull_request.html_url', (payload, url) => (payload.pull_request.html_url = url), (example) => example.action === 'opened'],
    ['pull_request', 'repository.html_url', (payload, url) => (payload.repository.html_url = url), (example) => example.action === 'opened'],
  ];

  it.each(githubCases)('GitHub %s, %s', (event, path, put, pick) => {
    const real = githubExample(event, pick);
    put(real, 'https://github.com/Codertocat/Hello-World');
    expect(normaliseGithubDelivery(event, real).events.length).toBeGreaterThan(0);
    for (const url of HOSTILE) {
      const payload = githubExample(event, pick);
      put(payload, url);
      expect(() => normaliseGithubDelivery(event, payload)).toThrow(PayloadError);
      expect(() => normaliseGithubDelivery(event, payload)).toThrow(new RegExp(`at ${path.replace(/\./g, '\\.')}:`));
    }
  });

  const bitbucketCases: Array<[string, string, string, (payload: Record<string, any>, url: string) => void]> = [
    ['repo:push', 'push_multipleChangesPayload', 'repository.links.html.href', (payload, url) => (payload.repository.links.html.href = url)],
    ['repo:push', 'push_multipleChangesPayload', 'push.changes.0.commits.0.links.html.href', (payload, url) => (payload.push.changes[0].commits[0].links.html.href = url)],
    ['pullrequest:created', 'pullrequest_created', 'pullrequest.links.html.href', (payload, url) => (payload.pullrequest.links.html.href = url)],
    ['pullrequest:created', 'pullrequest_created', 'repository.links.html.href', (payload, url) => (payload.repository.links.html.href = url)],
  ];

  it.each(bitbucketCases)('Bitbucket %s (%s), %s', (eventKey, fixture, path, put) => {
    expect(normaliseBitbucketDelivery(eventKey, bitbucketFixture(fixture)).events.length).toBeGreaterThan(0);
    for (const url of HOSTILE) {
      const payload = bitbucketFixture(fixture);
      put(payload, url);
      expect(() => normaliseBitbucketDelivery(eventKey, payload)).toThrow(new RegExp(`at ${path.replace(/\./g, '\\.')}:`));
    }
  });

  it("drops a Bitbucket branch's own hostile link and links the branch from the repository's address instead", () => {
    const real = bitbucketFixture('branch_created');
    real.push.changes[0].new.links.html.href = 'https://bitbucket.org/amuniz/test-repos/branch/feature/test?from=payload';
    expect(normaliseBitbucketDelivery('repo:push', real).events[0]).toMatchObject({
      kind: 'push',
      branch: 'feature/test',
      branchUrl: 'https://bitbucket.org/amuniz/test-repos/branch/feature/test?from=payload',
    });
    for (const url of HOSTILE) {
      const payload = bitbucketFixture('branch_created');
      payload.push.changes[0].new.links.html.href = url;
      const [event] = normaliseBitbucketDelivery('repo:push', payload).events;
      expect(event).toMatchObject({ kind: 'push', branchUrl: 'https://bitbucket.org/amuniz/test-repos/branch/feature/test' });
    }
  });

  it('never hands on a URL that fails the check, from any accepted example', () => {
    const seen: string[] = [];
    for (const event of ['push', 'create', 'pull_request']) {
      for (const payload of dotcom.find((entry) => entry.name === event)!.examples) seen.push(...urlsIn(normaliseGithubDelivery(event, payload).events));
    }
    for (const [eventKey, fixture] of [
      ['repo:push', 'push_multipleChangesPayload'],
      ['repo:push', 'branch_created'],
      ['pullrequest:created', 'pullrequest_created'],
      ['pullrequest:fulfilled', 'pr_fulfilledPayload'],
    ]) {
      seen.push(...urlsIn(normaliseBitbucketDelivery(eventKey!, bitbucketFixture(fixture!)).events));
    }
    expect(seen.length).toBeGreaterThan(20);
    expect(seen.filter((url) => !isHttpUrl(url))).toEqual([]);
  });
});

/** A fake Git host answering from a table of path suffixes; the first matching entry wins. */
function fakeHost(routes: Array<[string, unknown]>): HttpFetch {
  return async (url) => {
    const path = new URL(url).pathname;
    const found = routes.find(([suffix]) => path.endsWith(suffix));
    const body = JSON.stringify(found ? found[1] : { message: 'Not Found' });
    return { ok: !!found, status: found ? 200 : 404, headers: { get: () => null }, text: async () => body, json: async () => JSON.parse(body) };
  };
}

const clock = { now: () => Date.parse('2026-11-20T10:00:00Z') };
const github = requireFromRoot('@octokit/openapi/generated/api.github.com.json') as { components: { examples: Record<string, { value: any }> } };
const githubAnswer = (name: string) => structuredClone(github.components.examples[name]!.value);

describe('host clients turn a URL that is not http(s) into no link', () => {
  const repository = (url: string): RemoteRepository => ({ providerRepoId: '1296269', fullName: 'octocat/Hello-World', url });

  it.each(HOSTILE)('GitHub, %j', async (url) => {
    const commits = githubAnswer('commit-items').map((commit: Record<string, unknown>) => ({ ...commit, html_url: url }));
    const pulls = githubAnswer('pull-request-simple-items').map((pull: Record<string, unknown>) => ({ ...pull, html_url: url }));
    const repositories = githubAnswer('minimal-repository-items').map((item: Record<string, unknown>) => ({ ...item, html_url: url }));
    const client = githubHostClient(
      fakeHost([
        ['/commits', commits],
        ['/pulls', pulls],
        ['/branches', githubAnswer('short-branch-with-protection-items')],
        ['/user', { login: 'octocat' }],
        ['/user/repos', repositories],
        ['/git/ref/heads/master', githubAnswer('git-ref')],
        ['/git/refs', githubAnswer('git-ref')],
      ]),
      clock,
      { web: 'https://github.com', api: 'https://api.github.com' },
    );
    const answers = [
      (await client.commits('t', repository('https://github.com/octocat/Hello-World'), 'master', null)).items,
      (await client.pullRequests('t', repository('https://github.com/octocat/Hello-World'), null)).items,
      (await client.listRepositories('t', 'octocat', null)).repositories,
      // Branch links are built on the repository's address: a hostile stored one gives no link.
      (await client.branches('t', repository(url), null)).items,
      await client.createBranch('t', repository(url), 'DEMO-1-x', 'master'),
    ];
    const urls = urlsIn(answers);
    expect(urls.length).toBeGreaterThanOrEqual(5);
    expect(urls).toEqual(urls.map(() => ''));
    // The same answers with their real URLs keep them.
    const real = urlsIn([(await client.branches('t', repository('https://github.com/octocat/Hello-World'), null)).items]);
    expect(real).toEqual(['https://github.com/octocat/Hello-World/tree/master']);
  });

  it.each(HOSTILE)('Bitbucket Cloud, %j', async (url) => {
    const push = bitbucketFixture('push_multipleChangesPayload');
    const commits = push.push.changes[0].commits.map((commit: Record<string, any>) => ({ ...commit, links: { ...commit.links, html: { href: url } } }));
    const pull = bitbucketFixture('pullrequest_created').pullrequest;
    const client = bitbucketHostClient(
      fakeHost([
        ['/commits/main', { values: commits }],
        ['/pullrequests', { values: [{ ...pull, links: { ...pull.links, html: { href: url } } }] }],
        ['/refs/branches', { values: [{ name: 'feature/test', target: { hash: 'a'.repeat(40) }, links: { html: { href: url } } }] }],
        ['/repositories/cloudbeers', { values: [{ ...push.repository, links: { ...push.repository.links, html: { href: url } } }] }],
      ]),
      clock,
      { web: 'https://bitbucket.org', api: 'https://api.bitbucket.org/2.0' },
    );
    const cloudbeers = { providerRepoId: push.repository.uuid, fullName: 'cloudbeers/temp', url: 'https://bitbucket.org/cloudbeers/temp' };
    const hostile = [
      (await client.commits('t', cloudbeers, 'main', null)).items,
      (await client.pullRequests('t', cloudbeers, null)).items,
      (await client.listRepositories('t', 'cloudbeers', null)).repositories,
      (await client.branches('t', { ...cloudbeers, url }, null)).items,
    ];
    const urls = urlsIn(hostile);
    expect(urls.length).toBeGreaterThanOrEqual(4);
    expect(urls).toEqual(urls.map(() => ''));
    // A branch's own hostile link gives way to one built on the repository's address.
    expect(urlsIn((await client.branches('t', cloudbeers, null)).items)).toEqual(['https://bitbucket.org/cloudbeers/temp/branch/feature/test']);
  });
});

describe('what goes to Jira never carries a link that is not http(s)', () => {
  const commit = (url: string): CommitTable => ({
    repository_id: 'repo_1',
    sha: 'a'.repeat(40),
    message: 'DEMO-1 x',
    author_name: 'x',
    author_email: '',
    authored_at: 0,
    url,
    files_changed: 1,
  });
  const branch = (url: string): BranchTable => ({ repository_id: 'repo_1', name: 'DEMO-1-x', head_sha: 'a'.repeat(40), url, deleted: 0, updated_at: 0 });
  const pull = (url: string): PullRequestTable => ({
    repository_id: 'repo_1',
    number: 7,
    title: 'DEMO-1 x',
    state: 'OPEN',
    source_branch: 'DEMO-1-x',
    destination_branch: 'main',
    author_name: 'x',
    updated_at: 0,
    url,
  });
  const repository = (url: string, provider: DevinfoRepository['provider'] = 'github'): DevinfoRepository => ({
    id: 'repo_1',
    name: 'acme/app',
    url,
    provider,
    accountId: 'acc_1',
  });

  it.each(HOSTILE)('development information, with %j stored for the items', (url) => {
    for (const provider of ['github', 'bitbucket-cloud'] as const) {
      const target = repository('https://github.com/acme/app', provider);
      const body = bulkBody(
        target,
        {
          commits: [commitEntity(commit(url), ['DEMO-1'], 1, target.url)],
          branches: [branchEntity(branch(url), commit(url), ['DEMO-1'], 1, target)],
          pullRequests: [pullRequestEntity(pull(url), ['DEMO-1'], 1, target.url)],
        },
        1,
      );
      const urls = urlsIn(body);
      expect(urls.length).toBe(6);
      expect(urls.filter((found) => safeHttpUrl(found) !== found)).toEqual([]);
      expect(urls.filter((found) => !found.startsWith('https://github.com/acme/app'))).toEqual([]);
    }
  });

  it.each(HOSTILE)('development information, with %j stored for the repository: nothing is sent', (url) => {
    const target = repository(url);
    const entities = {
      commits: [commitEntity(commit(url), ['DEMO-1'], 1, target.url)],
      branches: [branchEntity(branch(url), undefined, ['DEMO-1'], 1, target)],
      pullRequests: [pullRequestEntity(pull(url), ['DEMO-1'], 1, target.url)],
    };
    expect(urlsIn(entities).filter((found) => found !== '' && safeHttpUrl(found) !== found)).toEqual([]);
    expect(() => bulkBody(target, entities, 1)).toThrow(AppError);
    expect(() => bulkBody(target, entities, 1)).toThrow(/no http\(s\) address/);
  });

  it('keeps real links in development information', () => {
    const target = repository('https://github.com/acme/app');
    const body = bulkBody(
      target,
      { commits: [], branches: [branchEntity(branch('https://github.com/acme/app/tree/DEMO-1-x'), undefined, ['DEMO-1'], 1, target)], pullRequests: [] },
      1,
    );
    expect(urlsIn(body)).toEqual([
      'https://github.com/acme/app',
      'https://github.com/acme/app/tree/DEMO-1-x',
      'https://github.com/acme/app/compare/DEMO-1-x?expand=1',
      'https://github.com/acme/app',
    ]);
  });

  it.each(HOSTILE)('smart-commit comment for a commit stored with %j: the sha, without a link', (url) => {
    const body = commentBody('Fixed', 'Dana', { sha: 'a'.repeat(40), url });
    expect(urlsIn(body)).toEqual([]);
    expect(JSON.stringify(body)).toContain('"text":"aaaaaaa"');
  });

  it('smart-commit comment links a real commit', () => {
    expect(urlsIn(commentBody('Fixed', 'Dana', { sha: 'a'.repeat(40), url: 'https://github.com/acme/app/commit/aaa' }))).toEqual(['https://github.com/acme/app/commit/aaa']);
  });

  it.each(HOSTILE)('create-pull-request link on a repository stored with %j: none', (url) => {
    expect(createPullRequestUrl('github', url, 'DEMO-1-x')).toBeNull();
    expect(createPullRequestUrl('bitbucket-cloud', url, 'DEMO-1-x')).toBeNull();
  });
});

describe('ExternalLink in the Custom UI', () => {
  it.each(HOSTILE)('renders %j as plain text', (url) => {
    const html = renderToStaticMarkup(<ExternalLink href={url}>commit</ExternalLink>);
    expect(html).toBe('<span>commit</span>');
  });

  it('renders a real link', () => {
    expect(renderToStaticMarkup(<ExternalLink href="https://github.com/acme/app">acme/app</ExternalLink>)).toBe(
      '<a href="https://github.com/acme/app" target="_blank" rel="noopener noreferrer">acme/app</a>',
    );
  });
});
