import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GitlabStubContext } from './gitlab-stub-routes';
import type { HistoryCommit } from './git-host-stub';

/** What the Bitbucket Data Center routes share with the rest of the stub (the same as GitLab's). */
type StubContext = Omit<GitlabStubContext, 'codes'>;

/** The `ACME` project's repositories; any other slug is a repository of its project, id 399. */
const REPOSITORIES = [
  { id: 301, slug: 'commons-lang', project: 'ACME' },
  { id: 302, slug: 'service', project: 'ACME' },
];

/** One page, Bitbucket Data Center's way: `start`/`limit` (at most 100 here), `isLastPage`, `nextPageStart`. */
function paged<T>(url: URL, items: T[]) {
  const start = Math.max(0, Number(url.searchParams.get('start') ?? 0));
  const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 25));
  const values = items.slice(start, start + limit);
  const isLastPage = start + limit >= items.length;
  return { size: values.length, limit, start, isLastPage, values, ...(isLastPage ? {} : { nextPageStart: start + limit }) };
}

/**
 * Bitbucket Data Center's REST API 1.0 as the app calls it (`/rest/api/1.0/projects/{key}/repos/{slug}/...`),
 * at the stub's root, answered from the shared history in the shapes of ../shared/fixtures/bitbucket-server/.
 * Returns false for a path it does not serve.
 */
export function handleBitbucketDc(context: StubContext, request: IncomingMessage, response: ServerResponse, url: URL, body: string): boolean {
  const { send, history, base } = context;
  const api = /^\/rest\/api\/1\.0(\/.*)$/.exec(url.pathname);
  const buildStatuses = /^\/rest\/build-status\/(?:1\.0|latest)\/commits\/([0-9a-f]{7,64})$/.exec(url.pathname);
  if (!api && !buildStatuses) return false;
  const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
  if (!context.isIssued(token)) {
    send(response, 401, {
      errors: [{ context: null, message: 'Authentication failed. Please check your credentials and try again.', exceptionName: 'com.atlassian.bitbucket.AuthorisationException' }],
    });
    return true;
  }
  const fault = context.fault();
  if (fault === 'rate-limit') {
    send(response, 429, { errors: [{ message: 'Rate limit exceeded.' }] }, { 'Retry-After': '120', 'X-RateLimit-Limit': '60' });
    return true;
  }
  if (fault === 'server-error') {
    send(response, 502, { errors: [{ message: 'Bad Gateway' }] });
    return true;
  }
  if (buildStatuses) {
    // "Get build statuses for commit": every status of the commit, the latest of each key, newest first.
    const states = { success: 'SUCCESSFUL', failure: 'FAILED', pending: 'INPROGRESS' } as const;
    const statuses = context.commitStatuses
      .filter((status) => status.sha === buildStatuses[1])
      .reverse()
      .map((status) => ({
        state: states[status.state],
        key: status.context,
        name: status.context,
        url: `${base}/ci/${status.context}`,
        description: null,
        dateAdded: Date.parse(status.updatedAt),
      }));
    send(response, 200, paged(url, statuses));
    return true;
  }
  const route = api?.[1] ?? '';
  const notFound = () =>
    send(response, 404, { errors: [{ context: null, message: 'Repository does not exist.', exceptionName: 'com.atlassian.bitbucket.repository.NoSuchRepositoryException' }] });
  const repositoryJson = (project: string, slug: string) => {
    const known = REPOSITORIES.find((candidate) => candidate.project === project && candidate.slug === slug);
    return {
      id: known?.id ?? 399,
      slug,
      name: slug,
      scmId: 'git',
      state: 'AVAILABLE',
      project: { key: project, id: 1, name: project, type: 'NORMAL' },
      links: { self: [{ href: `${base}/projects/${project}/repos/${slug}/browse` }] },
    };
  };
  const projectRepos = /^\/projects\/([^/]+)\/repos$/.exec(route);
  if (projectRepos) {
    const project = decodeURIComponent(projectRepos[1] ?? '');
    if (project !== 'ACME') {
      send(response, 404, { errors: [{ message: `Project ${project} does not exist.` }] });
      return true;
    }
    send(
      response,
      200,
      paged(
        url,
        REPOSITORIES.map((repository) => repositoryJson(repository.project, repository.slug)),
      ),
    );
    return true;
  }
  const repo = /^\/projects\/([^/]+)\/repos\/([^/]+)(\/.*)?$/.exec(route);
  if (!repo) {
    send(response, 404, { errors: [{ message: 'Not found.' }] });
    return true;
  }
  const project = decodeURIComponent(repo[1] ?? '');
  const slug = decodeURIComponent(repo[2] ?? '');
  const rest = repo[3] ?? '';
  if (slug === 'deleted') {
    notFound();
    return true;
  }
  const headOf = (name: string) =>
    name === 'master' || name === 'refs/heads/master' ? history[0]?.sha : context.branches.find((branch) => branch.name === name.replace(/^refs\/heads\//, ''))?.sha;
  const commitJson = (commit: HistoryCommit) => ({
    id: commit.sha,
    displayId: commit.sha.slice(0, 11),
    author: { name: commit.author.name, emailAddress: commit.author.email },
    authorTimestamp: Date.parse(commit.author.date),
    committer: { name: commit.author.name, emailAddress: commit.author.email },
    committerTimestamp: Date.parse(commit.author.date),
    message: commit.message,
    parents: [],
  });
  if (rest === '' && request.method === 'GET') {
    send(response, 200, repositoryJson(project, slug));
    return true;
  }
  if (rest === '/branches/default') {
    send(response, 200, { id: 'refs/heads/master', displayId: 'master', type: 'BRANCH', latestCommit: history[0]?.sha, isDefault: true });
    return true;
  }
  if (rest === '/commits' && request.method === 'GET') {
    const until = url.searchParams.get('until') ?? 'master';
    const since = url.searchParams.get('since');
    const headSha = headOf(until) ?? (/^[0-9a-f]{40}$/.test(until) ? until : undefined);
    const start = history.findIndex((commit) => commit.sha === headSha);
    const stop = since ? history.findIndex((commit) => commit.sha === since) : history.length;
    if (start < 0 || stop < 0) {
      send(response, 404, { errors: [{ message: `Commit '${until}' does not exist in repository '${slug}'.` }] });
      return true;
    }
    send(response, 200, paged(url, history.slice(start, stop).map(commitJson)));
    return true;
  }
  const oneCommit = /^\/commits\/([^/]+)$/.exec(rest);
  if (oneCommit) {
    const found = history.find((commit) => commit.sha.startsWith(decodeURIComponent(oneCommit[1] ?? '')));
    if (found) send(response, 200, commitJson(found));
    else send(response, 404, { errors: [{ message: 'Commit does not exist.' }] });
    return true;
  }
  if (rest === '/branches' && request.method === 'GET') {
    const heads = [{ name: 'master', sha: history[0]?.sha ?? '0'.repeat(40) }, ...context.branches];
    send(
      response,
      200,
      paged(
        url,
        heads.map((branch) => ({
          id: `refs/heads/${branch.name}`,
          displayId: branch.name,
          type: 'BRANCH',
          latestCommit: branch.sha,
          latestChangeset: branch.sha,
          isDefault: branch.name === 'master',
        })),
      ),
    );
    return true;
  }
  if (rest === '/branches' && request.method === 'POST') {
    const input = JSON.parse(body) as { name?: string; startPoint?: string };
    const sha = headOf(input.startPoint ?? '') ?? (/^[0-9a-f]{40}$/.test(input.startPoint ?? '') ? input.startPoint : undefined);
    if (!input.name || !sha) send(response, 400, { errors: [{ message: 'startPoint must name a branch or commit.' }] });
    else if (headOf(input.name)) send(response, 409, { errors: [{ message: `Branch '${input.name}' already exists.` }] });
    else {
      context.branches.push({ name: input.name, sha });
      send(response, 200, { id: `refs/heads/${input.name}`, displayId: input.name, type: 'BRANCH', latestCommit: sha, isDefault: false });
    }
    return true;
  }
  if (rest === '/pull-requests' && request.method === 'GET') {
    const pulls = [...context.pulls].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    send(
      response,
      200,
      paged(
        url,
        pulls.map((pull) => ({
          id: pull.number,
          title: pull.title,
          state: pull.state === 'open' ? 'OPEN' : pull.merged ? 'MERGED' : 'DECLINED',
          updatedDate: Date.parse(pull.updatedAt),
          author: { user: { name: 'octo', displayName: 'Octo Cat' }, role: 'AUTHOR' },
          fromRef: { id: `refs/heads/${pull.head}`, displayId: pull.head },
          toRef: { id: 'refs/heads/master', displayId: 'master' },
          links: { self: [{ href: `${base}/projects/${project}/repos/${slug}/pull-requests/${pull.number}` }] },
        })),
      ),
    );
    return true;
  }
  const hooks = /^\/webhooks(?:\/(\d+))?$/.exec(rest);
  if (hooks && request.method === 'POST') {
    const input = JSON.parse(body) as { url: string; events: string[]; configuration?: { secret?: string } };
    const id = String(80000 + context.webhooks.length);
    context.webhooks.push({ host: 'bitbucket-data-center', repository: `${project}/${slug}`, id, url: input.url, secret: input.configuration?.secret ?? '', events: input.events });
    send(response, 201, { id: Number(id), name: 'Jira DVCS Link', url: input.url, events: input.events, active: true });
    return true;
  }
  const hook = hooks?.[1] ? context.webhooks.find((candidate) => candidate.host === 'bitbucket-data-center' && candidate.id === hooks[1]) : undefined;
  if (hooks && request.method === 'PUT') {
    if (!hook) send(response, 404, { errors: [{ message: 'Webhook not found.' }] });
    else {
      const input = JSON.parse(body) as { url: string; configuration?: { secret?: string } };
      Object.assign(hook, { url: input.url, secret: input.configuration?.secret ?? '' });
      send(response, 200, { id: Number(hook.id), url: hook.url, active: true });
    }
    return true;
  }
  if (hooks && request.method === 'DELETE') {
    if (!hook) send(response, 404, { errors: [{ message: 'Webhook not found.' }] });
    else {
      context.webhooks.splice(context.webhooks.indexOf(hook), 1);
      response.writeHead(204);
      response.end();
    }
    return true;
  }
  send(response, 404, { errors: [{ message: 'Not found.' }] });
  return true;
}
