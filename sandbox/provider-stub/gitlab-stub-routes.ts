import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HistoryCommit } from './git-host-stub';

/** What the GitLab routes share with the rest of the stub: its state, and how it answers. */
export interface GitlabStubContext {
  base: string;
  history: HistoryCommit[];
  branches: Array<{ name: string; sha: string }>;
  pulls: Array<{ number: number; title: string; state: 'open' | 'closed'; merged: boolean; updatedAt: string; head: string }>;
  /** Commit statuses by commit, shared with the other hosts: GitLab answers them as pipelines. */
  commitStatuses: Array<{ sha: string; context: string; state: 'success' | 'failure' | 'pending'; updatedAt: string }>;
  webhooks: Array<{ host: 'github' | 'bitbucket' | 'gitlab' | 'bitbucket-data-center'; repository: string; id: string; url: string; secret: string; events: string[] }>;
  oauthClient: { clientId: string; clientSecret: string };
  /** Authorisation codes issued and not yet exchanged. */
  codes: Set<string>;
  isIssued: (token: string) => boolean;
  newToken: (prefix: string) => string;
  /** An injected fault to answer instead (a rate limit or a server error), or null. */
  fault: () => 'rate-limit' | 'server-error' | null;
  send: (response: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => void;
}

/** The groups, subgroups and user the stub knows, as `GET /namespaces/:id` answers them. */
const NAMESPACES = [
  { id: 77, kind: 'group', full_path: 'acme' },
  { id: 78, kind: 'group', full_path: 'acme/platform' },
  { id: 1, kind: 'user', full_path: 'octo' },
] as const;

/** The projects of `acme` and its subgroup; any other id is a project of `acme` named after it. */
const PROJECTS = [
  { id: 9001, path_with_namespace: 'acme/service-1' },
  { id: 9002, path_with_namespace: 'acme/platform/api' },
  { id: 9100, path_with_namespace: 'acme/commons-lang' },
];

const projectOf = (id: number) => PROJECTS.find((project) => project.id === id) ?? { id, path_with_namespace: `acme/project-${id}` };

/** One page of a list, GitLab's way: `page`/`per_page` (at most 100), and a `Link` header to the next. */
function paged<T>(url: URL, items: T[]): { items: T[]; headers: Record<string, string> } {
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
  const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 20));
  const headers: Record<string, string> = { 'X-Page': String(page), 'X-Per-Page': String(perPage) };
  if (page * perPage < items.length) {
    const next = new URL(url);
    next.searchParams.set('page', String(page + 1));
    headers.Link = `<${next.toString()}>; rel="next"`;
    headers['X-Next-Page'] = String(page + 1);
  }
  return { items: items.slice((page - 1) * perPage, page * perPage), headers };
}

/**
 * GitLab's REST API v4 and OAuth endpoints as the app calls them, answered from the stub's shared history:
 * under `/gitlab` (standing in for gitlab.com) and at the root (`/api/v4`, `/oauth`: a self-managed server at
 * the stub's own address). Shapes follow docs.gitlab.com's API pages. Returns false for a path it does not serve.
 */
export function handleGitlab(context: GitlabStubContext, request: IncomingMessage, response: ServerResponse, url: URL, body: string): boolean {
  const { send, history, base } = context;
  const path = url.pathname.replace(/^\/gitlab(?=\/)/, '');
  const web = url.pathname.startsWith('/gitlab/') ? `${base}/gitlab` : base;
  const { codes } = context;
  if (path === '/oauth/authorize') {
    const code = randomBytes(8).toString('hex');
    codes.add(code);
    const back = new URL(url.searchParams.get('redirect_uri') ?? '');
    back.searchParams.set('code', code);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    response.writeHead(302, { Location: back.toString() });
    response.end();
    return true;
  }
  if (path === '/oauth/token' && request.method === 'POST') {
    const form = new URLSearchParams(body);
    if (form.get('client_id') !== context.oauthClient.clientId || form.get('client_secret') !== context.oauthClient.clientSecret) {
      send(response, 401, {
        error: 'invalid_client',
        error_description: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
      });
      return true;
    }
    const grant = form.get('grant_type');
    if (grant === 'authorization_code' && !codes.delete(form.get('code') ?? '')) {
      send(response, 400, {
        error: 'invalid_grant',
        error_description:
          'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
      });
      return true;
    }
    send(response, 200, {
      access_token: context.newToken('glo'),
      token_type: 'Bearer',
      expires_in: 7200,
      refresh_token: `glr_${randomBytes(8).toString('hex')}`,
      scope: 'api',
      created_at: Math.floor(Date.now() / 1000),
    });
    return true;
  }
  const api = /^\/api\/v4(\/.*)$/.exec(path);
  if (!api) return false;
  const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? String(request.headers['private-token'] ?? '');
  if (!context.isIssued(token)) {
    send(response, 401, { message: '401 Unauthorized' });
    return true;
  }
  const fault = context.fault();
  if (fault === 'rate-limit') {
    const reset = Math.floor(Date.now() / 1000) + 120;
    send(response, 429, { message: 'Retry later' }, { 'RateLimit-Limit': '2000', 'RateLimit-Remaining': '0', 'RateLimit-Reset': String(reset), 'Retry-After': '120' });
    return true;
  }
  if (fault === 'server-error') {
    send(response, 502, { message: '502 Bad Gateway' });
    return true;
  }
  const route = api[1] ?? '';
  const projectJson = (id: number) => {
    const project = projectOf(id);
    const namespace = project.path_with_namespace.split('/').slice(0, -1).join('/');
    return {
      id,
      path_with_namespace: project.path_with_namespace,
      web_url: `${web}/${project.path_with_namespace}`,
      default_branch: 'master',
      namespace: { full_path: namespace, kind: 'group' },
      statistics: { commit_count: history.length },
    };
  };
  if (route === '/user') {
    send(response, 200, { id: 1, username: 'octo', name: 'Octo Cat', state: 'active' });
    return true;
  }
  const namespace = /^\/namespaces\/([^/]+)$/.exec(route);
  if (namespace) {
    const wanted = decodeURIComponent(namespace[1] ?? '').toLowerCase();
    const found = NAMESPACES.find((candidate) => candidate.full_path === wanted || String(candidate.id) === wanted);
    if (found) send(response, 200, { ...found, path: found.full_path.split('/').pop(), name: found.full_path, web_url: `${web}/${found.full_path}` });
    else send(response, 404, { message: '404 Namespace Not Found' });
    return true;
  }
  const groupProjects = /^\/groups\/(\d+)\/projects$/.exec(route);
  const userProjects = /^\/users\/([^/]+)\/projects$/.exec(route);
  if (groupProjects || userProjects) {
    const group = NAMESPACES.find((candidate) => String(candidate.id) === groupProjects?.[1]);
    const prefix = group ? group.full_path : decodeURIComponent(userProjects?.[1] ?? '');
    const projects = PROJECTS.filter((project) => project.path_with_namespace.startsWith(`${prefix}/`)).map((project) => projectJson(project.id));
    const { items, headers } = paged(url, projects);
    send(response, 200, items, headers);
    return true;
  }
  const project = /^\/projects\/(\d+)(\/.*)?$/.exec(route);
  if (!project) {
    send(response, 404, { message: '404 Not Found' });
    return true;
  }
  const id = Number(project[1]);
  const rest = project[2] ?? '';
  // A project that was deleted, or that the token can no longer see.
  if (id === 404) {
    send(response, 404, { message: '404 Project Not Found' });
    return true;
  }
  const fullName = projectOf(id).path_with_namespace;
  const commitJson = (commit: HistoryCommit) => ({
    id: commit.sha,
    short_id: commit.sha.slice(0, 8),
    title: commit.message.split('\n', 1)[0],
    message: commit.message,
    author_name: commit.author.name,
    author_email: commit.author.email,
    authored_date: commit.author.date,
    committer_name: commit.author.name,
    committer_email: commit.author.email,
    committed_date: commit.author.date,
    web_url: `${web}/${fullName}/-/commit/${commit.sha}`,
  });
  const headOf = (name: string) => (name === 'master' ? history[0]?.sha : context.branches.find((branch) => branch.name === name)?.sha);
  if (rest === '' && request.method === 'GET') {
    send(response, 200, projectJson(id));
    return true;
  }
  if (rest === '/repository/commits' && request.method === 'GET') {
    const ref = url.searchParams.get('ref_name') ?? 'master';
    const range = /^([0-9a-f]+)\.\.([0-9a-f]+)$/.exec(ref);
    let commits: HistoryCommit[];
    if (range) {
      // `before..head`: newest first, as `git log` lists them.
      const head = history.findIndex((commit) => commit.sha === range[2]);
      const before = history.findIndex((commit) => commit.sha === range[1]);
      if (head < 0 || before < 0) {
        send(response, 404, { message: '404 Commit Not Found' });
        return true;
      }
      commits = history.slice(head, before);
    } else {
      const headSha = headOf(ref) ?? (/^[0-9a-f]{40}$/.test(ref) ? ref : undefined);
      const start = history.findIndex((commit) => commit.sha === headSha);
      commits = start < 0 ? [] : history.slice(start);
    }
    const { items, headers } = paged(url, commits);
    send(response, 200, items.map(commitJson), headers);
    return true;
  }
  const oneCommit = /^\/repository\/commits\/([^/]+)$/.exec(rest);
  if (oneCommit && request.method === 'GET') {
    const sha = decodeURIComponent(oneCommit[1] ?? '');
    const found = history.find((commit) => commit.sha.startsWith(sha));
    if (found) send(response, 200, commitJson(found));
    else send(response, 404, { message: '404 Commit Not Found' });
    return true;
  }
  if (rest === '/repository/branches' && request.method === 'GET') {
    const heads = [{ name: 'master', sha: history[0]?.sha ?? '0'.repeat(40) }, ...context.branches];
    const { items, headers } = paged(
      url,
      heads.map((branch) => ({ name: branch.name, commit: { id: branch.sha }, web_url: `${web}/${fullName}/-/tree/${encodeURIComponent(branch.name)}` })),
    );
    send(response, 200, items, headers);
    return true;
  }
  if (rest === '/repository/branches' && request.method === 'POST') {
    const name = url.searchParams.get('branch') ?? '';
    const from = url.searchParams.get('ref') ?? '';
    const sha = headOf(from) ?? (/^[0-9a-f]{40}$/.test(from) ? from : undefined);
    if (!name || !sha) send(response, 400, { message: 'Invalid reference name' });
    else if (headOf(name)) send(response, 400, { message: 'Branch already exists' });
    else {
      context.branches.push({ name, sha });
      send(response, 201, { name, commit: { id: sha }, web_url: `${web}/${fullName}/-/tree/${encodeURIComponent(name)}` });
    }
    return true;
  }
  if (rest === '/merge_requests' && request.method === 'GET') {
    const pulls = [...context.pulls].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    const { items, headers } = paged(
      url,
      pulls.map((pull) => ({
        iid: pull.number,
        title: pull.title,
        state: pull.state === 'open' ? 'opened' : pull.merged ? 'merged' : 'closed',
        source_branch: pull.head,
        target_branch: 'master',
        updated_at: pull.updatedAt,
        web_url: `${web}/${fullName}/-/merge_requests/${pull.number}`,
        author: { username: 'octo', name: 'Octo Cat' },
      })),
    );
    send(response, 200, items, headers);
    return true;
  }
  if (rest === '/pipelines' && request.method === 'GET') {
    // "List project pipelines" (docs.gitlab.com/api/pipelines): one pipeline per status of the commit, newest first.
    const sha = url.searchParams.get('sha');
    const statuses = { success: 'success', failure: 'failed', pending: 'running' } as const;
    const pipelines = context.commitStatuses
      .map((status, index) => ({ status, id: 5000 + index }))
      .filter((entry) => !sha || entry.status.sha === sha)
      .reverse()
      .map(({ status, id: pipelineId }) => ({
        id: pipelineId,
        iid: pipelineId - 4999,
        project_id: id,
        status: statuses[status.state],
        source: 'push',
        ref: context.branches.find((branch) => branch.sha === status.sha)?.name ?? 'master',
        sha: status.sha,
        name: status.context,
        web_url: `${web}/${fullName}/-/pipelines/${pipelineId}`,
        created_at: status.updatedAt,
        updated_at: status.updatedAt,
      }));
    const { items, headers } = paged(url, pipelines);
    send(response, 200, items, headers);
    return true;
  }
  const hooks = /^\/hooks(?:\/(\d+))?$/.exec(rest);
  if (hooks && request.method === 'POST') {
    const input = JSON.parse(body) as Record<string, unknown> & { url: string; token: string };
    const hookId = String(60000 + context.webhooks.length);
    const events = ['push_events', 'tag_push_events', 'merge_requests_events', 'pipeline_events', 'deployment_events'].filter((event) => input[event] === true);
    context.webhooks.push({ host: 'gitlab', repository: fullName, id: hookId, url: input.url, secret: input.token, events });
    send(response, 201, { id: Number(hookId), url: input.url, project_id: id, push_events: true, merge_requests_events: true });
    return true;
  }
  const hook = hooks?.[1] ? context.webhooks.find((candidate) => candidate.host === 'gitlab' && candidate.id === hooks[1]) : undefined;
  if (hooks && request.method === 'PUT') {
    if (!hook) send(response, 404, { message: '404 Not found' });
    else {
      const input = JSON.parse(body) as { url: string; token: string };
      Object.assign(hook, { url: input.url, secret: input.token });
      send(response, 200, { id: Number(hook.id), url: hook.url, project_id: id });
    }
    return true;
  }
  if (hooks && request.method === 'DELETE') {
    if (!hook) send(response, 404, { message: '404 Not found' });
    else {
      context.webhooks.splice(context.webhooks.indexOf(hook), 1);
      response.writeHead(204);
      response.end();
    }
    return true;
  }
  send(response, 404, { message: '404 Not Found' });
  return true;
}
