import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderHosts } from '../../src/ports/app-config';
import { handleBitbucketDc } from './bitbucket-dc-stub-routes';
import { handleGitlab } from './gitlab-stub-routes';

/**
 * A local stand-in for GitHub (and GitHub Enterprise) and Bitbucket Cloud, answering the documented
 * endpoints the app calls: token endpoints, the user, repository lists (paged as each host pages),
 * webhooks. The root answers as GitHub (and as a GitHub Enterprise server: `/login/oauth`, `/api/v3`);
 * `/bitbucket` answers as Bitbucket Cloud; `/gitlab` as gitlab.com, and the root's `/api/v4` and `/oauth` as a
 * self-managed GitLab server (gitlab-stub-routes.ts); the root's `/rest/api/1.0` as a Bitbucket Data Center
 * server (bitbucket-dc-stub-routes.ts).
 */
/** A commit as `git log` gives it, newest first: the history the stub serves for any repository. */
export interface HistoryCommit {
  sha: string;
  message: string;
  author: { name: string; email: string; date: string };
}

/** Faults to inject, chosen by a seeded generator so a run can be repeated exactly. */
interface StubFaults {
  /** Share of API requests answered with 502, 0 to 1. */
  serverErrorRate?: number;
  /** The n-th API request (1-based, counted from when faults are set) answers a rate limit. */
  rateLimitAtRequest?: number;
  seed?: number;
}

export interface GitHostStub {
  url: string;
  hosts: ProviderHosts;
  /** The GitHub Enterprise base address the stub answers as. */
  enterpriseUrl: string;
  oauthClient: { clientId: string; clientSecret: string };
  /** A valid personal access token for `octo` (GitHub and GitLab) and for the `acme` workspace (Bitbucket). */
  tokens: { github: string; bitbucket: string; gitlab: string; bitbucketDc: string };
  /** The self-managed GitLab server's base address the stub answers as. */
  gitlabServerUrl: string;
  /** The Bitbucket Data Center server's base address the stub answers as. */
  bitbucketDcServerUrl: string;
  webhooks: Array<{ host: 'github' | 'bitbucket' | 'gitlab' | 'bitbucket-data-center'; repository: string; id: string; url: string; secret: string; events: string[] }>;
  /** Every request, as "METHOD /path". */
  requests: string[];
  faults: StubFaults;
  /** The history served for every repository, newest first; tests add commits at its head. */
  history: HistoryCommit[];
  /** Branches besides master (whose head is the newest history commit); tests change them. */
  branches: Array<{ name: string; sha: string }>;
  pulls: Array<{
    number: number;
    title: string;
    state: 'open' | 'closed';
    merged: boolean;
    updatedAt: string;
    head: string;
    /** GitHub's `requested_reviewers`: asked, and not yet reviewed since. */
    requestedReviewers?: StubPerson[];
    /** Every review given, oldest first, as GitHub's reviews list has them. */
    reviews?: Array<StubPerson & { state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED'; submittedAt: string }>;
  }>;
  /** Bitbucket's pull requests (the same for every repository); none unless a test adds them. */
  bitbucketPulls: Array<{
    id: number;
    title: string;
    state: 'OPEN' | 'MERGED' | 'DECLINED';
    updatedOn: string;
    source: string;
    participants: Array<{
      uuid: string;
      name: string;
      role: 'REVIEWER' | 'PARTICIPANT';
      approved: boolean;
      state: 'approved' | 'changes_requested' | null;
      participatedOn: string | null;
    }>;
  }>;
  /** Commit statuses by commit (GitHub's combined status, Bitbucket's statuses); none unless a test adds them. */
  commitStatuses: Array<{ sha: string; context: string; state: 'success' | 'failure' | 'pending'; updatedAt: string }>;
  /** How many API requests were answered with an injected fault. */
  faultsInjected: number;
  close(): Promise<void>;
}

/** A person as the stub's GitHub names them. */
interface StubPerson {
  login: string;
  id: number;
}

const githubUser = (person: StubPerson) => ({ login: person.login, id: person.id, type: 'User', site_admin: false });

const githubRepositories = (owner: string, count: number) =>
  Array.from({ length: count }, (_, index) => ({ id: 5000 + index, full_name: `${owner}/repo-${String(index + 1).padStart(3, '0')}`, html_url: '' }));

export async function startGitHostStub(options: { githubRepositories?: number; bitbucketRepositories?: number; history?: HistoryCommit[] } = {}): Promise<GitHostStub> {
  const history = options.history ?? [];
  const oauthClient = { clientId: 'stubClientKey0001', clientSecret: 'stub-client-secret-7f3a' };
  const tokens = {
    github: `ghp_${randomBytes(12).toString('hex')}`,
    bitbucket: `bbat_${randomBytes(12).toString('hex')}`,
    gitlab: `glpat-${randomBytes(12).toString('hex')}`,
    bitbucketDc: `BBDC-${randomBytes(12).toString('hex')}`,
  };
  const issued = new Set<string>([tokens.github, tokens.bitbucket, tokens.gitlab, tokens.bitbucketDc]);
  const refreshTokens = new Map<string, string>();
  const codes = new Map<string, string>();
  const webhooks: GitHostStub['webhooks'] = [];
  const requests: string[] = [];
  let base = '';
  let apiRequests = 0;
  let seed = 1;
  // A small linear congruential generator: the same seed gives the same faults.
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const ghRepos = githubRepositories('octo', options.githubRepositories ?? 3);
  const bbRepos = Array.from({ length: options.bitbucketRepositories ?? 2 }, (_, index) => ({
    uuid: `{0000000${index}-aaaa-bbbb-cccc-dddddddddddd}`,
    full_name: `acme/service-${index + 1}`,
  }));

  const send = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    response.end(body === undefined ? '' : JSON.stringify(body));
  };
  const readBody = async (request: IncomingMessage) => {
    let text = '';
    for await (const chunk of request) text += chunk;
    return text;
  };
  const bearer = (request: IncomingMessage) => /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  const newToken = (prefix: string) => {
    const token = `${prefix}_${randomBytes(12).toString('hex')}`;
    issued.add(token);
    return token;
  };

  /** The fault the next API request answers with, if any: counted across every host the stub serves. */
  const nextFault = (): 'rate-limit' | 'server-error' | null => {
    apiRequests += 1;
    if (stub.faults.rateLimitAtRequest === apiRequests) {
      stub.faultsInjected += 1;
      return 'rate-limit';
    }
    if (stub.faults.serverErrorRate && random() < stub.faults.serverErrorRate) {
      stub.faultsInjected += 1;
      return 'server-error';
    }
    return null;
  };
  const gitlabCodes = new Set<string>();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', base);
    const path = url.pathname;
    requests.push(`${request.method} ${path}`);
    const body = ['POST', 'PUT', 'PATCH'].includes(request.method ?? '') ? await readBody(request) : '';

    // GitHub web: authorise (acts as if the user pressed "Authorize") and the token endpoint.
    if (path === '/login/oauth/authorize') {
      const code = randomBytes(8).toString('hex');
      codes.set(code, url.searchParams.get('client_id') ?? '');
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      response.writeHead(302, { Location: back.toString() });
      return response.end();
    }
    if (path === '/login/oauth/access_token') {
      const form = new URLSearchParams(body);
      if (form.get('client_id') !== oauthClient.clientId || form.get('client_secret') !== oauthClient.clientSecret) {
        return send(response, 200, { error: 'incorrect_client_credentials', error_description: 'The client_id and/or client_secret passed are incorrect.' });
      }
      if (form.get('grant_type') === 'refresh_token') {
        if (!refreshTokens.has(form.get('refresh_token') ?? '')) return send(response, 200, { error: 'bad_refresh_token' });
        return send(response, 200, { access_token: newToken('ghu'), refresh_token: form.get('refresh_token'), expires_in: 28800, token_type: 'bearer' });
      }
      const code = form.get('code') ?? '';
      if (!codes.delete(code)) return send(response, 200, { error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.' });
      const refresh = `ghr_${randomBytes(8).toString('hex')}`;
      refreshTokens.set(refresh, code);
      return send(response, 200, { access_token: newToken('ghu'), refresh_token: refresh, expires_in: 28800, token_type: 'bearer', scope: 'repo,read:org,admin:repo_hook' });
    }
    // GitHub REST API, as GitHub Enterprise serves it under /api/v3.
    const gh = /^\/api\/v3(\/.*)$/.exec(path);
    if (gh) {
      if (!issued.has(bearer(request) ?? '')) return send(response, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
      const route = gh[1] ?? '';
      const fault = nextFault();
      if (fault === 'rate-limit') {
        return send(response, 403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 120) });
      }
      if (fault === 'server-error') return send(response, 502, { message: 'Server Error' });
      const repo = /^\/repos\/([^/]+\/[^/]+)(\/.*)?$/.exec(route);
      // A repository that was deleted, or that the token can no longer see.
      if (repo && decodeURIComponent(repo[1] ?? '').endsWith('/deleted')) return send(response, 404, { message: 'Not Found' });
      if (repo && !repo[2] && request.method === 'GET') {
        // The account's own repositories by their ids; any other name is a repository of its owner, id 1.
        const fullName = decodeURIComponent(repo[1] ?? '');
        const known = ghRepos.find((candidate) => candidate.full_name.toLowerCase() === fullName.toLowerCase());
        return send(response, 200, {
          id: known?.id ?? 1,
          full_name: fullName,
          html_url: `${base}/${fullName}`,
          owner: { login: fullName.split('/')[0] },
          default_branch: 'master',
        });
      }
      if (repo && repo[2] === '/branches') {
        const heads = [{ name: 'master', sha: history[0]?.sha ?? '0'.repeat(40) }, ...stub.branches];
        return send(
          response,
          200,
          heads.map((branch) => ({ name: branch.name, commit: { sha: branch.sha } })),
        );
      }
      if (repo && repo[2] === '/pulls') {
        const pulls = [...stub.pulls].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
        return send(
          response,
          200,
          pulls.map((pull) => ({
            number: pull.number,
            title: pull.title,
            state: pull.state,
            merged_at: pull.merged ? pull.updatedAt : null,
            updated_at: pull.updatedAt,
            html_url: `${base}/${repo[1]}/pull/${pull.number}`,
            user: { login: 'octo' },
            head: { ref: pull.head },
            base: { ref: 'master' },
            requested_reviewers: (pull.requestedReviewers ?? []).map(githubUser),
          })),
        );
      }
      const statusOf = repo && /^\/commits\/([0-9a-f]+)\/status$/.exec(repo[2] ?? '');
      if (repo && statusOf) {
        const statuses = stub.commitStatuses
          .filter((status) => status.sha === statusOf[1])
          .map((status, index) => ({
            id: 700 + index,
            context: status.context,
            state: status.state,
            description: null,
            target_url: `${base}/ci/${status.context}`,
            created_at: status.updatedAt,
            updated_at: status.updatedAt,
          }));
        return send(response, 200, {
          state: statuses.some((status) => status.state === 'failure') ? 'failure' : 'success',
          sha: statusOf[1],
          total_count: statuses.length,
          statuses,
        });
      }
      if (repo && repo[2] === '/actions/runs') return send(response, 200, { total_count: 0, workflow_runs: [] });
      const reviewsOf = repo && /^\/pulls\/(\d+)\/reviews$/.exec(repo[2] ?? '');
      if (repo && reviewsOf) {
        const pull = stub.pulls.find((candidate) => candidate.number === Number(reviewsOf[1]));
        if (!pull) return send(response, 404, { message: 'Not Found' });
        return send(
          response,
          200,
          (pull.reviews ?? []).map((review, index) => ({ id: 80 + index, user: githubUser(review), state: review.state, submitted_at: review.submittedAt, body: '' })),
        );
      }
      const compare = repo && /^\/compare\/([0-9a-f]+)\.\.\.([0-9a-f]+)$/.exec(repo[2] ?? '');
      if (repo && compare) {
        // Commits after `base` up to `head`, oldest first, as GitHub's compare lists them.
        const head = history.findIndex((commit) => commit.sha === compare[2]);
        const baseIndex = history.findIndex((commit) => commit.sha === compare[1]);
        if (head < 0 || baseIndex < 0) return send(response, 404, { message: 'Not Found' });
        const between = history.slice(head, baseIndex).reverse();
        const page = Number(url.searchParams.get('page') ?? 1);
        // Unpaged, GitHub's compare lists up to 250 commits; paged, at most 100 a page.
        const unpaged = !url.searchParams.has('page') && !url.searchParams.has('per_page');
        const perPage = unpaged ? 250 : Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
        const items = between
          .slice((page - 1) * perPage, page * perPage)
          .map((commit) => ({ sha: commit.sha, html_url: `${base}/${repo[1]}/commit/${commit.sha}`, commit: { message: commit.message, author: commit.author } }));
        const headers: Record<string, string> = {};
        if (!unpaged && page * perPage < between.length) {
          const next = new URL(url);
          next.searchParams.set('page', String(page + 1));
          headers.Link = `<${next.toString()}>; rel="next"`;
        }
        return send(response, 200, { status: 'ahead', ahead_by: between.length, total_commits: between.length, commits: items }, headers);
      }
      if (repo && repo[2] === '/commits') {
        const page = Number(url.searchParams.get('page') ?? 1);
        const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
        const items = history.slice((page - 1) * perPage, page * perPage).map((commit) => ({
          sha: commit.sha,
          html_url: `${base}/${repo[1]}/commit/${commit.sha}`,
          commit: { message: commit.message, author: commit.author },
        }));
        const headers: Record<string, string> = {};
        if (page * perPage < history.length) {
          const next = new URL(url);
          next.searchParams.set('page', String(page + 1));
          const last = new URL(url);
          last.searchParams.set('page', String(Math.ceil(history.length / perPage)));
          headers.Link = `<${next.toString()}>; rel="next", <${last.toString()}>; rel="last"`;
        }
        return send(response, 200, items, headers);
      }
      if (route === '/user') return send(response, 200, { login: 'octo', id: 1, type: 'User' });
      // octo is an active member of octo-org, and of nothing else.
      const membership = /^\/user\/memberships\/orgs\/([^/]+)$/.exec(route);
      if (membership)
        return membership[1] === 'octo-org'
          ? send(response, 200, { state: 'active', role: 'member', organization: { login: 'octo-org' } })
          : send(response, 404, { message: 'Not Found' });
      if (route === '/user/repos' || route === '/orgs/octo-org/repos') {
        const page = Number(url.searchParams.get('page') ?? 1);
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const items = ghRepos.slice((page - 1) * perPage, page * perPage).map((repo) => ({ ...repo, html_url: `${base}/${repo.full_name}` }));
        const headers: Record<string, string> = {};
        if (page * perPage < ghRepos.length) {
          const next = new URL(url);
          next.searchParams.set('page', String(page + 1));
          headers.Link = `<${next.toString()}>; rel="next"`;
        }
        return send(response, 200, items, headers);
      }
      const headOf = (name: string) => (name === 'master' ? history[0]?.sha : stub.branches.find((branch) => branch.name === name)?.sha);
      const ref = repo && /^\/git\/ref\/heads\/(.+)$/.exec(repo[2] ?? '');
      if (ref && request.method === 'GET') {
        const sha = headOf(decodeURIComponent(ref[1] ?? ''));
        return sha
          ? send(response, 200, { ref: `refs/heads/${decodeURIComponent(ref[1] ?? '')}`, object: { sha, type: 'commit' } })
          : send(response, 404, { message: 'Not Found' });
      }
      if (repo && repo[2] === '/git/refs' && request.method === 'POST') {
        const input = JSON.parse(body) as { ref?: string; sha?: string };
        const name = (input.ref ?? '').replace(/^refs\/heads\//, '');
        if (!input.sha || !input.ref?.startsWith('refs/heads/')) return send(response, 422, { message: 'Invalid request.' });
        if (headOf(name)) return send(response, 422, { message: 'Reference already exists' });
        stub.branches.push({ name, sha: input.sha });
        return send(response, 201, { ref: input.ref, object: { sha: input.sha, type: 'commit' } });
      }
      const hooks = /^\/repos\/([^/]+\/[^/]+)\/hooks(?:\/(\d+))?$/.exec(route);
      if (hooks && request.method === 'POST') {
        const input = JSON.parse(body) as { config: { url: string; secret: string }; events: string[] };
        const id = String(70000 + webhooks.length);
        webhooks.push({ host: 'github', repository: decodeURIComponent(hooks[1] ?? ''), id, url: input.config.url, secret: input.config.secret, events: input.events });
        return send(response, 201, { id: Number(id), active: true });
      }
      if (hooks && request.method === 'PATCH') {
        const hook = webhooks.find((candidate) => candidate.host === 'github' && candidate.id === hooks[2]);
        if (!hook) return send(response, 404, { message: 'Not Found' });
        const input = JSON.parse(body) as { config: { url: string; secret: string } };
        Object.assign(hook, { url: input.config.url, secret: input.config.secret });
        return send(response, 200, { id: Number(hook.id), active: true });
      }
      if (hooks && request.method === 'DELETE') {
        const index = webhooks.findIndex((hook) => hook.id === hooks[2]);
        if (index < 0) return send(response, 404, { message: 'Not Found' });
        webhooks.splice(index, 1);
        response.writeHead(204);
        return response.end();
      }
      return send(response, 404, { message: 'Not Found' });
    }
    // Bitbucket web: the token endpoint with client authentication.
    if (path === '/bitbucket/site/oauth2/access_token') {
      const basic = Buffer.from((request.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
      if (basic !== `${oauthClient.clientId}:${oauthClient.clientSecret}`)
        return send(response, 400, { error: 'invalid_client', error_description: 'Invalid OAuth client credentials' });
      const form = new URLSearchParams(body);
      if (form.get('grant_type') === 'client_credentials')
        return send(response, 200, { access_token: newToken('bbcc'), refresh_token: 'bbr_1', expires_in: 7200, token_type: 'bearer' });
      if (form.get('grant_type') === 'refresh_token')
        return send(response, 200, { access_token: newToken('bbcc'), refresh_token: 'bbr_1', expires_in: 7200, token_type: 'bearer' });
      return send(response, 400, { error: 'unsupported_grant_type' });
    }
    const bb = /^\/bitbucket\/2\.0(\/.*)$/.exec(path);
    if (bb) {
      if (!issued.has(bearer(request) ?? '')) return send(response, 401, { type: 'error', error: { message: 'Access token expired or invalid.' } });
      const route = bb[1] ?? '';
      if (route === '/repositories/acme') {
        return send(response, 200, { pagelen: 100, values: bbRepos.map((repo) => ({ ...repo, links: { html: { href: `${base}/bitbucket/${repo.full_name}` } } })) });
      }
      const bbRepo = /^\/repositories\/([^/]+\/[^/]+)(\/.*)?$/.exec(route);
      if (bbRepo && !bbRepo[2]) {
        // Addressed as workspace/slug or workspace/{uuid}: a UUID answers only inside its own workspace.
        const [workspace = '', slug = ''] = decodeURIComponent(bbRepo[1] ?? '').split('/');
        const known = bbRepos.find((candidate) => candidate.uuid === slug || candidate.full_name === `${workspace}/${slug}`);
        if (slug.startsWith('{') && (!known || !known.full_name.startsWith(`${workspace}/`)))
          return send(response, 404, { type: 'error', error: { message: 'Repository not found' } });
        const fullName = known?.full_name ?? `${workspace}/${slug}`;
        return send(response, 200, {
          uuid: known?.uuid,
          full_name: fullName,
          workspace: { slug: fullName.split('/')[0] },
          links: { html: { href: `${base}/bitbucket/${fullName}` } },
          mainbranch: { name: 'main', type: 'branch' },
        });
      }
      if (bbRepo && bbRepo[2] === '/refs/branches' && request.method === 'GET') {
        return send(response, 200, {
          pagelen: 100,
          values: [{ name: 'main', target: { hash: history[0]?.sha ?? '0'.repeat(40) }, links: { html: { href: `${base}/bitbucket/${bbRepo[1]}/branch/main` } } }],
        });
      }
      const bbStatusesOf = bbRepo && /^\/commit\/([0-9a-f]+)\/statuses$/.exec(bbRepo[2] ?? '');
      if (bbRepo && bbStatusesOf) {
        const states = { success: 'SUCCESSFUL', failure: 'FAILED', pending: 'INPROGRESS' } as const;
        const values = stub.commitStatuses
          .filter((status) => status.sha === bbStatusesOf[1])
          .map((status) => ({
            type: 'build',
            key: status.context,
            name: status.context,
            state: states[status.state],
            url: `${base}/ci/${status.context}`,
            updated_on: status.updatedAt,
          }));
        return send(response, 200, { pagelen: 50, values });
      }
      if (bbRepo && bbRepo[2] === '/pullrequests') {
        // As Bitbucket's partial responses: a list leaves out participants unless `fields` asks for them.
        const withParticipants = (url.searchParams.get('fields') ?? '').split(',').includes('+values.participants');
        const values = stub.bitbucketPulls.map((pull) => ({
          id: pull.id,
          title: pull.title,
          state: pull.state,
          updated_on: pull.updatedOn,
          author: { display_name: 'Olivia Ops', uuid: '{00000000-0000-4000-8000-0000000000aa}' },
          source: { branch: { name: pull.source } },
          destination: { branch: { name: 'main' } },
          links: { html: { href: `${base}/bitbucket/${bbRepo[1]}/pull-requests/${pull.id}` } },
          ...(withParticipants
            ? {
                participants: pull.participants.map((person) => ({
                  type: 'participant',
                  user: { type: 'user', uuid: person.uuid, display_name: person.name },
                  role: person.role,
                  approved: person.approved,
                  state: person.state,
                  participated_on: person.participatedOn,
                })),
              }
            : {}),
        }));
        return send(response, 200, { pagelen: 50, values });
      }
      if (bbRepo && bbRepo[2]?.startsWith('/commits/')) {
        const page = Number(url.searchParams.get('page') ?? 1);
        const pagelen = Math.min(100, Number(url.searchParams.get('pagelen') ?? 30));
        const values = history.slice((page - 1) * pagelen, page * pagelen).map((commit) => ({
          hash: commit.sha,
          message: commit.message,
          date: commit.author.date,
          author: { raw: `${commit.author.name} <${commit.author.email}>` },
          links: { html: { href: `${base}/bitbucket/${bbRepo[1]}/commits/${commit.sha}` } },
        }));
        const next = new URL(url);
        next.searchParams.set('page', String(page + 1));
        return send(response, 200, { pagelen, page, values, ...(page * pagelen < history.length ? { next: next.toString() } : {}) });
      }
      if (bbRepo && bbRepo[2] === '/refs/branches' && request.method === 'POST') {
        const input = JSON.parse(body) as { name?: string; target?: { hash?: string } };
        const from = input.target?.hash ?? '';
        const sha = from === 'main' ? history[0]?.sha : (stub.branches.find((branch) => branch.name === from)?.sha ?? (/^[0-9a-f]{40}$/.test(from) ? from : undefined));
        if (!input.name || !sha) return send(response, 400, { type: 'error', error: { message: 'target.hash must name a commit or branch.' } });
        if (input.name === 'main' || stub.branches.some((branch) => branch.name === input.name))
          return send(response, 400, { type: 'error', error: { message: `Branch "${input.name}" already exists.` } });
        stub.branches.push({ name: input.name, sha });
        return send(response, 201, {
          name: input.name,
          target: { hash: sha },
          links: { html: { href: `${base}/bitbucket/${bbRepo[1]}/branch/${encodeURIComponent(input.name)}` } },
        });
      }
      const hooks = /^\/repositories\/([^/]+\/[^/]+)\/hooks(?:\/(.+))?$/.exec(route);
      if (hooks && request.method === 'POST') {
        const input = JSON.parse(body) as { url: string; secret: string; events: string[] };
        const id = `{hook-${webhooks.length}}`;
        webhooks.push({ host: 'bitbucket', repository: decodeURIComponent(hooks[1] ?? ''), id, url: input.url, secret: input.secret, events: input.events });
        return send(response, 201, { uuid: id });
      }
      if (hooks && request.method === 'PUT') {
        const hook = webhooks.find((candidate) => candidate.host === 'bitbucket' && candidate.id === decodeURIComponent(hooks[2] ?? ''));
        if (!hook) return send(response, 404, { type: 'error', error: { message: 'Resource not found' } });
        const input = JSON.parse(body) as { url: string; secret: string };
        Object.assign(hook, { url: input.url, secret: input.secret });
        return send(response, 200, { uuid: hook.id });
      }
      return send(response, 404, { type: 'error', error: { message: 'Resource not found' } });
    }
    const gitlab = {
      base,
      history,
      branches: stub.branches,
      pulls: stub.pulls,
      commitStatuses: stub.commitStatuses,
      webhooks,
      oauthClient,
      codes: gitlabCodes,
      send,
      newToken,
      fault: nextFault,
    };
    if (handleGitlab({ ...gitlab, isIssued: (token) => issued.has(token) }, request, response, url, body)) return;
    if (handleBitbucketDc({ ...gitlab, isIssued: (token) => issued.has(token) }, request, response, url, body)) return;
    send(response, 404, { message: 'Not Found' });
  };
  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let faults: StubFaults = {};
  const stub: GitHostStub = {
    url: base,
    hosts: {
      github: { web: base, api: `${base}/api/v3` },
      bitbucket: { web: `${base}/bitbucket`, api: `${base}/bitbucket/2.0` },
      gitlab: { web: `${base}/gitlab`, api: `${base}/gitlab/api/v4` },
    },
    enterpriseUrl: base,
    gitlabServerUrl: base,
    bitbucketDcServerUrl: base,
    oauthClient,
    tokens,
    webhooks,
    requests,
    get faults() {
      return faults;
    },
    set faults(next: StubFaults) {
      faults = next;
      apiRequests = 0;
      seed = next.seed ?? 1;
    },
    faultsInjected: 0,
    history,
    branches: [{ name: 'LANG-1700-faster-split', sha: history[1]?.sha ?? '1'.repeat(40) }],
    pulls: [
      {
        number: 901,
        title: 'LANG-1700 Faster StringUtils.split',
        state: 'open',
        merged: false,
        updatedAt: '2026-08-01T10:00:00Z',
        head: 'LANG-1700-faster-split',
        requestedReviewers: [{ login: 'carol', id: 1003 }],
        reviews: [
          { login: 'alice', id: 1001, state: 'COMMENTED', submittedAt: '2026-07-30T09:00:00Z' },
          { login: 'alice', id: 1001, state: 'APPROVED', submittedAt: '2026-07-31T09:00:00Z' },
          { login: 'bob', id: 1002, state: 'CHANGES_REQUESTED', submittedAt: '2026-07-31T10:00:00Z' },
        ],
      },
      { number: 900, title: 'LANG-1699 Fix a typo', state: 'closed', merged: true, updatedAt: '2026-07-01T10:00:00Z', head: 'typo' },
    ],
    bitbucketPulls: [],
    commitStatuses: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return stub;
}
