import Ajv from 'ajv';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { HttpFetch } from '../../ports/http';
import { githubHostClient } from './github-host-client';

/**
 * Contract tests of the GitHub client against GitHub's own OpenAPI descriptions (`@octokit/openapi`):
 * every request it makes must be an operation the description declares, with only declared query
 * parameters, and it must read the description's own example responses, which are checked against the
 * response schemas first. Run for api.github.com and for the newest GitHub Enterprise Server.
 */
type Document = { paths: Record<string, Record<string, any>>; components: Record<string, Record<string, any>> };
const requireFromRoot = createRequire(resolve('package.json'));
const descriptions: Array<[string, Document, { web: string; api: string }]> = [
  ['api.github.com', requireFromRoot('@octokit/openapi/generated/api.github.com.json'), { web: 'https://github.com', api: 'https://api.github.com' }],
  ['GHES 3.19', requireFromRoot('@octokit/openapi/generated/ghes-3.19.json'), { web: 'https://github.example.com', api: 'https://github.example.com/api/v3' }],
];

/**
 * GitHub's own examples that do not satisfy GitHub's own schemas, with the exact complaint: listed so the
 * test notices if they change, and limited to fields the client does not read.
 */
const KNOWN_EXAMPLE_DEFECTS: Record<string, string> = {
  'GET /repos/{owner}/{repo}': "data must have required property 'language', data/source must have required property 'language'",
  'GET /repos/{owner}/{repo}/branches': "data/0/protection/required_status_checks must have required property 'checks'",
  'GET /repos/{owner}/{repo}/pulls': "data/0/requested_teams/0 must have required property 'type'",
  'GET /repos/{owner}/{repo}/commits/{ref}': "data/files/0 must have required property 'contents_url', data/files/0 must have required property 'sha'",
};

/** OpenAPI 3.0's `nullable: true` as JSON Schema, which Ajv validates: a null alternative. */
function toJsonSchema(node: any): any {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, toJsonSchema(value)]));
  if (nullable !== true) return converted;
  if (typeof converted.type === 'string') return { ...converted, type: [converted.type, 'null'], ...(Array.isArray(converted.enum) ? { enum: [...converted.enum, null] } : {}) };
  return { anyOf: [converted, { type: 'null' }] };
}

function deref<T>(document: Document, value: any): T {
  if (value && typeof value.$ref === 'string') {
    const [, group, name] = /^#\/components\/([^/]+)\/(.+)$/.exec(value.$ref) ?? [];
    return deref(document, document.components[group!]![name!]);
  }
  return value as T;
}

/**
 * The operation a request is: the first that matches, unless one with more literal segments does too (a
 * multi-segment `{ref}` makes `/commits/{ref}` match `/commits/abc/status` as well).
 */
function findOperation(document: Document, method: string, path: string) {
  let best: { template: string; operation: any; literal: number } | undefined;
  for (const [template, item] of Object.entries(document.paths)) {
    const operation = item[method.toLowerCase()];
    if (!operation) continue;
    // Path parameters marked `x-multi-segment` (a ref such as `heads/feature-a`) may span slashes.
    const multiSegment = new Set(
      (operation.parameters ?? [])
        .map((parameter: unknown) => deref<{ name: string; 'x-multi-segment'?: boolean }>(document, parameter))
        .filter((parameter: { 'x-multi-segment'?: boolean }) => parameter['x-multi-segment'])
        .map((parameter: { name: string }) => parameter.name),
    );
    const pattern = new RegExp(`^${template.replace(/\{([^}]+)\}/g, (_match, name: string) => (multiSegment.has(name) ? '.+' : '[^/]+'))}$`);
    const literal = template.split('/').filter((segment) => segment && !segment.includes('{')).length;
    if (pattern.test(path) && (!best || literal > best.literal)) best = { template, operation, literal };
  }
  return best && { template: best.template, operation: best.operation };
}

describe.each(descriptions)('GitHub client against the OpenAPI description of %s', (_name, document, endpoints) => {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  ajv.addSchema({ $id: 'github', components: toJsonSchema(document.components) });
  const calls: Array<{ method: string; template: string; status: number }> = [];
  const examples = new Map<string, unknown>();
  // Schemas inside the description refer to "#/components/..."; point them at the added document.
  const wrap = (schema: unknown) => toJsonSchema(JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"github#/components/')));

  /** Answers like GitHub would, with the description's example for the operation, and records the call. */
  const fetch: HttpFetch = async (url, init) => {
    const parsed = new URL(url);
    const method = init?.method ?? 'GET';
    expect(url.startsWith(`${endpoints.api}/`)).toBe(true);
    const path = parsed.pathname.slice(new URL(endpoints.api).pathname.replace(/\/$/, '').length);
    const found = findOperation(document, method, path);
    if (!found) throw new Error(`${method} ${path} is not in the description`);
    const declared = new Set(
      (found.operation.parameters ?? [])
        .map((parameter: unknown) => deref<{ name: string; in: string }>(document, parameter))
        .filter((parameter: { in: string }) => parameter.in === 'query')
        .map((parameter: { name: string }) => parameter.name),
    );
    for (const name of parsed.searchParams.keys()) expect(`${found.template}?${name}`).toBe(declared.has(name) ? `${found.template}?${name}` : `${found.template}?(undeclared)`);
    // A request body must match the operation's documented schema too.
    const requestSchema = deref<any>(document, found.operation.requestBody)?.content?.['application/json']?.schema;
    if (requestSchema && typeof init?.body === 'string') {
      const sent = JSON.parse(init.body);
      expect([found.template, ajv.validate(wrap(requestSchema), sent) ? 'valid' : ajv.errorsText()]).toEqual([found.template, 'valid']);
    }
    const [status, response] = Object.entries(found.operation.responses).find(([code]) => /^2/.test(code))!;
    calls.push({ method, template: found.template, status: Number(status) });
    const content = deref<any>(document, response).content?.['application/json'];
    if (!content) return { ok: true, status: Number(status), headers: { get: () => null }, text: async () => '', json: async () => undefined };
    const example = deref<any>(document, Object.values(content.examples ?? {})[0]).value;
    const valid = ajv.validate(wrap(content.schema), example);
    const expected = KNOWN_EXAMPLE_DEFECTS[`${method} ${found.template}`] ?? 'valid';
    expect([found.template, valid ? 'valid' : ajv.errorsText()]).toEqual([found.template, expected]);
    examples.set(`${method} ${found.template}`, example);
    const body = JSON.stringify(example);
    return { ok: true, status: Number(status), headers: { get: () => null }, text: async () => body, json: async () => example };
  };
  const client = githubHostClient(fetch, { now: () => 0 }, endpoints);
  const repository = { providerRepoId: '1296269', fullName: 'octocat/Hello-World', url: 'https://github.com/octocat/Hello-World' };

  it('reads the user, repositories, branches, commits and pull requests as GitHub documents them', async () => {
    expect(await client.verify('token', 'octocat')).toEqual({ identity: (examples.get('GET /user') as { login: string } | undefined)?.login ?? expect.any(String) });
    const userRepos = await client.listRepositories('token', 'someone-else', null);
    expect(userRepos.repositories[0]).toEqual({
      providerRepoId: expect.stringMatching(/^\d+$/),
      fullName: expect.stringContaining('/'),
      url: expect.stringMatching(/^https:\/\//),
    });
    expect(typeof (await client.defaultBranch('token', repository))).toBe('string');
    const commits = await client.commits('token', repository, 'main', null);
    const example = examples.get('GET /repos/{owner}/{repo}/commits') as Array<{ sha: string; commit: { message: string; author: { date: string } } }>;
    expect(commits.items[0]).toMatchObject({ sha: example[0]!.sha, message: example[0]!.commit.message, authoredAt: Date.parse(example[0]!.commit.author.date) });
    const branches = await client.branches('token', repository, null);
    expect(branches.items[0]).toMatchObject({ name: expect.any(String), headSha: expect.stringMatching(/^[0-9a-f]{40}$/) });
    const compared = await client.commitsBetween('token', repository, 'abc123', 'def456', null);
    const comparison = examples.get('GET /repos/{owner}/{repo}/compare/{basehead}') as { commits: Array<{ sha: string }> };
    expect(compared.items.map((commit) => commit.sha)).toEqual(comparison.commits.map((commit) => commit.sha));
    // A deployment's range: the same operation, unpaged (up to 250 commits in one answer).
    const range = await client.commitsInRange!('token', repository, 'abc123', 'def456');
    expect(range.commits.map((commit) => commit.sha)).toEqual(comparison.commits.map((commit) => commit.sha));
    expect(range.complete).toBe((comparison as unknown as { total_commits: number }).total_commits <= comparison.commits.length);
    const installation = await client.listRepositories('ghs_installation_token', 'octo-org', null);
    expect(installation.repositories.length).toBeGreaterThan(0);
    expect(await client.estimateCommits('token', repository, 'main')).toEqual(expect.any(Number));
    const single = await client.commit('token', repository, 'abc1234');
    expect(single?.sha).toBe((examples.get('GET /repos/{owner}/{repo}/commits/{ref}') as { sha: string }).sha);
    const pulls = await client.pullRequests('token', repository, null);
    expect(pulls.items[0]).toMatchObject({ number: expect.any(Number), state: expect.stringMatching(/^(OPEN|MERGED|DECLINED)$/), sourceBranch: expect.any(String) });
    const listedPulls = examples.get('GET /repos/{owner}/{repo}/pulls') as Array<{ requested_reviewers: Array<{ login: string; id: number }> }>;
    expect(pulls.items[0]!.reviewers).toEqual({
      people: listedPulls[0]!.requested_reviewers.map((user) => ({ reviewerId: String(user.id), name: user.login, state: 'PENDING', at: 0, requested: true })),
      complete: false,
    });
    const reviews = await client.reviews!('token', repository, 1347);
    const listedReviews = examples.get('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews') as Array<{
      user: { login: string; id: number };
      state: string;
      submitted_at: string;
    }>;
    expect(reviews).toEqual([
      { reviewerId: String(listedReviews[0]!.user.id), name: listedReviews[0]!.user.login, state: listedReviews[0]!.state, at: Date.parse(listedReviews[0]!.submitted_at) },
    ]);
  });

  it('creates, updates and deletes webhooks through the documented operations', async () => {
    expect(await client.createWebhook('token', repository, { url: 'https://example.com/hook', secret: 's' })).toMatch(/^\d+$/);
    await client.updateWebhook('token', repository, '1', { url: 'https://example.com/hook', secret: 't' });
    await client.deleteWebhook('token', repository, '1');
    expect(calls.map((call) => `${call.method} ${call.template}`)).toEqual(
      expect.arrayContaining(['POST /repos/{owner}/{repo}/hooks', 'DELETE /repos/{owner}/{repo}/hooks/{hook_id}']),
    );
  });

  it('reads a commit’s latest builds (combined status, workflow runs) through the documented operations, from their examples', async () => {
    const builds = await client.latestBuilds!('token', repository, '6dcb09b5b57875f334f61aebed695e2e4193db5e', 'main');
    expect(calls.map((call) => `${call.method} ${call.template}`)).toEqual(
      expect.arrayContaining(['GET /repos/{owner}/{repo}/commits/{ref}/status', 'GET /repos/{owner}/{repo}/actions/runs']),
    );
    const combined = examples.get('GET /repos/{owner}/{repo}/commits/{ref}/status') as { statuses: Array<{ context: string }> };
    const runs = examples.get('GET /repos/{owner}/{repo}/actions/runs') as { workflow_runs: Array<{ id: number }> };
    expect(builds.map((build) => build.buildKey)).toEqual([
      ...combined.statuses.map((status) => `status/6dcb09b5b57875f334f61aebed695e2e4193db5e/${status.context}`),
      ...runs.workflow_runs.map((run) => `workflow_run/${run.id}`),
    ]);
  });

  it('creates a branch from an issue through the documented git refs operations', async () => {
    const created = await client.createBranch('token', repository, 'DEMO-1-fix-login', 'main');
    expect(created.headSha).toMatch(/^[0-9a-f]{40}$/);
    expect(calls.map((call) => `${call.method} ${call.template}`)).toEqual(
      expect.arrayContaining(['GET /repos/{owner}/{repo}/git/ref/{ref}', 'POST /repos/{owner}/{repo}/git/refs']),
    );
  });
});
