import type { HttpFetch } from '../../ports/http';
import { systemClock } from '../../ports/clock';
import { gitlabHostClient } from './gitlab-host-client';

/**
 * Contract test of the GitLab client against GitLab's REST API documentation (docs.gitlab.com/api; sources
 * doc/api/*.md in gitlabhq/gitlabhq): GitLab publishes no complete OpenAPI description of v4, so every request
 * the client makes must be a documented operation with only documented parameters (`page` and `per_page`
 * are GitLab's documented pagination parameters), and it must read the documented example responses.
 */
const DOCUMENTED: Record<string, string[]> = {
  // doc/api/users.md "Get the current user"
  'GET /user': [],
  // doc/api/namespaces.md "Get details on a namespace" (ID or URL-encoded path)
  'GET /namespaces/:id': [],
  // doc/api/groups.md "List projects" of a group
  'GET /groups/:id/projects': ['include_subgroups', 'archived', 'order_by', 'sort', 'per_page', 'page'],
  // doc/api/projects.md "List a user's projects"
  'GET /users/:id/projects': ['archived', 'order_by', 'sort', 'per_page', 'page'],
  // doc/api/projects.md "Get a single project"
  'GET /projects/:id': ['statistics'],
  // doc/api/commits.md "List repository commits" (`ref_name`: a branch, tag or revision range)
  'GET /projects/:id/repository/commits': ['ref_name', 'per_page', 'page'],
  'GET /projects/:id/repository/commits/:sha': [],
  // doc/api/branches.md
  'GET /projects/:id/repository/branches': ['per_page', 'page'],
  'POST /projects/:id/repository/branches': ['branch', 'ref'],
  // doc/api/merge_requests.md "List project merge requests"
  'GET /projects/:id/merge_requests': ['state', 'order_by', 'sort', 'per_page', 'page'],
  // doc/api/pipelines.md "List project pipelines" (`sha`: the pipelines of one commit)
  'GET /projects/:id/pipelines': ['sha', 'per_page', 'page'],
  // doc/api/project_webhooks.md
  'POST /projects/:id/hooks': [],
  'PUT /projects/:id/hooks/:hook_id': [],
  'DELETE /projects/:id/hooks/:hook_id': [],
};
/** doc/api/project_webhooks.md "Add a webhook to a project": the attributes the client sends. */
const HOOK_ATTRIBUTES = ['url', 'token', 'push_events', 'tag_push_events', 'merge_requests_events', 'pipeline_events', 'deployment_events', 'enable_ssl_verification'];

const web = 'https://gitlab.example.com';
const api = `${web}/api/v4`;

// Example responses, as the documentation pages print them (trimmed to whole fields).
const COMMITS = [
  {
    id: 'ed899a2f4b50b4370feeea94676502b42383c746',
    short_id: 'ed899a2f4b5',
    title: 'Replace sanitize with escape once',
    author_name: 'Example User',
    author_email: 'user@example.com',
    authored_date: '2021-09-20T11:50:22.001+00:00',
    committer_name: 'Administrator',
    committer_email: 'admin@example.com',
    committed_date: '2021-09-20T11:50:22.001+00:00',
    created_at: '2021-09-20T11:50:22.001+00:00',
    message: 'Replace sanitize with escape once',
    parent_ids: ['6104942438c14ec7bd21c6cd5bd995272b3faff6'],
    web_url: 'https://gitlab.example.com/janedoe/gitlab-foss/-/commit/ed899a2f4b50b4370feeea94676502b42383c746',
    trailers: {},
    extended_trailers: {},
  },
];
const BRANCH_COMMIT = {
  id: '7b5c3cc8be40ee161ae89a06bba6229da1032a0c',
  short_id: '7b5c3cc',
  created_at: '2024-06-28T03:44:20-07:00',
  parent_ids: ['4ad91d3c1144c406e50c7b33bae684bd6837faf8'],
  title: 'add projects API',
  message: 'add projects API',
  author_name: 'John Smith',
  author_email: 'john@example.com',
  authored_date: '2024-06-27T05:51:39-07:00',
  web_url: 'https://gitlab.example.com/my-group/my-project/-/commit/7b5c3cc8be40ee161ae89a06bba6229da1032a0c',
};
const BRANCHES = [
  {
    name: 'main',
    merged: false,
    protected: true,
    default: true,
    developers_can_push: false,
    developers_can_merge: false,
    can_push: true,
    web_url: 'https://gitlab.example.com/my-group/my-project/-/tree/main',
    commit: BRANCH_COMMIT,
  },
];
const NEW_BRANCH = { ...BRANCHES[0], name: 'newbranch', default: false, protected: false, web_url: 'https://gitlab.example.com/my-group/my-project/-/tree/newbranch' };
const MERGE_REQUESTS = [
  {
    id: 1,
    iid: 1,
    project_id: 3,
    title: 'test1',
    state: 'merged',
    merged_at: '2018-09-07T11:16:17.520Z',
    created_at: '2017-04-29T08:46:00Z',
    updated_at: '2017-04-29T08:46:00Z',
    target_branch: 'main',
    source_branch: 'test1',
    author: { id: 1, name: 'Administrator', username: 'admin', state: 'active', avatar_url: null, web_url: 'https://gitlab.example.com/admin' },
    source_project_id: 2,
    target_project_id: 3,
    draft: false,
    web_url: 'http://gitlab.example.com/my-group/my-project/merge_requests/1',
  },
];
/** doc/api/pipelines.md "List project pipelines", its example answer. */
const PIPELINES = [
  {
    id: 47,
    iid: 12,
    project_id: 1,
    status: 'pending',
    source: 'push',
    ref: 'new-pipeline',
    sha: 'a91957a858320c0e17f3a0eca7cfacbff50ea29a',
    name: 'Build pipeline',
    web_url: 'https://example.com/foo/bar/pipelines/47',
    created_at: '2016-08-11T11:28:34.085Z',
    updated_at: '2016-08-11T11:32:35.169Z',
  },
];
const PROJECT = {
  id: 3,
  default_branch: 'main',
  path_with_namespace: 'diaspora/diaspora-project-site',
  web_url: 'http://example.com/diaspora/diaspora-project-site',
  namespace: { id: 3, name: 'Diaspora', path: 'diaspora', kind: 'group', full_path: 'diaspora' },
  statistics: { commit_count: 37, storage_size: 1038090, repository_size: 1038090 },
};
const NAMESPACE = { id: 3, name: 'Diaspora', path: 'diaspora', kind: 'group', full_path: 'diaspora', parent_id: null, web_url: 'https://gitlab.example.com/groups/diaspora' };
const USER = { id: 1, username: 'john_smith', name: 'John Smith', state: 'active' };

function templateOf(method: string, path: string): string | null {
  const route = path.slice(new URL(api).pathname.length);
  const template = route
    .replace(/^\/projects\/\d+/, '/projects/:id')
    .replace(/^\/groups\/\d+/, '/groups/:id')
    .replace(/^\/users\/[^/]+\/projects$/, '/users/:id/projects')
    .replace(/^\/namespaces\/[^/]+$/, '/namespaces/:id')
    .replace(/\/repository\/commits\/[^/]+$/, '/repository/commits/:sha')
    .replace(/\/hooks\/\d+$/, '/hooks/:hook_id');
  const key = `${method} ${template}`;
  return key in DOCUMENTED ? key : null;
}

function documentedFetch(log: string[]): HttpFetch {
  return async (url, init) => {
    const parsed = new URL(url);
    const method = init?.method ?? 'GET';
    const operation = templateOf(method, parsed.pathname);
    if (!operation) throw new Error(`undocumented operation: ${method} ${parsed.pathname}`);
    const unknown = [...parsed.searchParams.keys()].filter((name) => !DOCUMENTED[operation]!.includes(name));
    if (unknown.length > 0) throw new Error(`undocumented parameters of ${operation}: ${unknown.join(', ')}`);
    if (init?.body) {
      const extra = Object.keys(JSON.parse(init.body) as object).filter((name) => !HOOK_ATTRIBUTES.includes(name));
      if (extra.length > 0) throw new Error(`undocumented attributes of ${operation}: ${extra.join(', ')}`);
    }
    log.push(operation);
    const answers: Record<string, unknown> = {
      'GET /user': USER,
      'GET /namespaces/:id': NAMESPACE,
      'GET /groups/:id/projects': [PROJECT],
      'GET /users/:id/projects': [PROJECT],
      'GET /projects/:id': PROJECT,
      'GET /projects/:id/repository/commits': COMMITS,
      'GET /projects/:id/repository/commits/:sha': COMMITS[0],
      'GET /projects/:id/repository/branches': BRANCHES,
      'POST /projects/:id/repository/branches': NEW_BRANCH,
      'GET /projects/:id/merge_requests': MERGE_REQUESTS,
      'GET /projects/:id/pipelines': PIPELINES,
      'POST /projects/:id/hooks': { id: 1, url: 'http://example.com/hook', project_id: 3, push_events: true },
      'PUT /projects/:id/hooks/:hook_id': { id: 1, url: 'http://example.com/hook', project_id: 3, push_events: true },
    };
    const status = method === 'DELETE' ? 204 : method === 'POST' ? 201 : 200;
    const body = method === 'DELETE' ? '' : JSON.stringify(answers[operation]);
    const nextPage = operation === 'GET /projects/:id/repository/commits' && !parsed.searchParams.has('page');
    const headers = new Headers(nextPage ? { link: `<${api}/projects/3/repository/commits?page=2&per_page=100>; rel="next"` } : {});
    return { ok: status < 300, status, headers, text: async () => body, json: async () => JSON.parse(body) as unknown };
  };
}

describe('GitLab client against GitLab’s API documentation', () => {
  const log: string[] = [];
  const client = gitlabHostClient(documentedFetch(log), systemClock, { web, api });
  const project = { providerRepoId: '3', fullName: 'diaspora/diaspora-project-site', url: 'http://example.com/diaspora/diaspora-project-site' };
  const token = 'glpat-example';

  it('reads the documented answers of every read it makes', async () => {
    expect(await client.verify(token, 'diaspora')).toEqual({ identity: 'john_smith' });
    expect(await client.listRepositories(token, 'diaspora', null)).toEqual({ repositories: [project], next: null });
    expect(await client.ownedRepository(token, 'diaspora', project)).toEqual(project);
    expect(await client.ownedRepository(token, 'other-group', project)).toBeNull();
    expect(await client.defaultBranch(token, project)).toBe('main');
    expect(await client.estimateCommits(token, project, 'main')).toBe(37);
    expect(await client.commits(token, project, 'main', null)).toEqual({
      items: [
        {
          sha: 'ed899a2f4b50b4370feeea94676502b42383c746',
          message: 'Replace sanitize with escape once',
          authorName: 'Example User',
          authorEmail: 'user@example.com',
          authoredAt: Date.parse('2021-09-20T11:50:22.001+00:00'),
          url: 'https://gitlab.example.com/janedoe/gitlab-foss/-/commit/ed899a2f4b50b4370feeea94676502b42383c746',
          filesChanged: null,
        },
      ],
      next: `${api}/projects/3/repository/commits?page=2&per_page=100`,
    });
    expect((await client.commitsBetween(token, project, 'a'.repeat(40), 'b'.repeat(40), null)).items).toHaveLength(1);
    expect(await client.commit(token, project, 'ed899a2f')).toMatchObject({ sha: 'ed899a2f4b50b4370feeea94676502b42383c746' });
    expect(await client.branches(token, project, null)).toEqual({
      items: [{ name: 'main', headSha: '7b5c3cc8be40ee161ae89a06bba6229da1032a0c', url: 'https://gitlab.example.com/my-group/my-project/-/tree/main' }],
      next: null,
    });
    expect((await client.pullRequests(token, project, null)).items).toEqual([
      {
        number: 1,
        title: 'test1',
        state: 'MERGED',
        sourceBranch: 'test1',
        destinationBranch: 'main',
        authorName: 'Administrator',
        updatedAt: Date.parse('2017-04-29T08:46:00Z'),
        url: 'http://gitlab.example.com/my-group/my-project/merge_requests/1',
      },
    ]);
    // One request per commit: its pipelines, each read as the Pipeline Hook it would be.
    expect(await client.latestBuilds!(token, project, 'a91957a858320c0e17f3a0eca7cfacbff50ea29a', 'new-pipeline')).toEqual([
      {
        buildKey: 'pipeline/47',
        pipelineKey: 'pipeline/push/new-pipeline',
        buildNumber: 12,
        name: 'Build pipeline',
        state: 'pending',
        commitSha: 'a91957a858320c0e17f3a0eca7cfacbff50ea29a',
        branch: 'new-pipeline',
        pullRequestNumbers: [],
        url: 'https://example.com/foo/bar/pipelines/47',
        updatedAt: Date.parse('2016-08-11T11:28:34.085Z'),
      },
    ]);
    // A pipeline of another ref on the same commit (a tag, say: the list does not tell) names no branch.
    expect((await client.latestBuilds!(token, project, 'a91957a858320c0e17f3a0eca7cfacbff50ea29a', 'main'))[0]?.branch).toBe('');
  });

  it('writes only through documented operations and attributes', async () => {
    expect(await client.createWebhook(token, project, { url: 'https://example.atlassian-dev.net/x/1', secret: 's' })).toBe('1');
    await client.updateWebhook(token, project, '1', { url: 'https://example.atlassian-dev.net/x/1', secret: 't' });
    await client.deleteWebhook(token, project, '1');
    expect(await client.createBranch(token, project, 'newbranch', 'main')).toEqual({
      name: 'newbranch',
      headSha: '7b5c3cc8be40ee161ae89a06bba6229da1032a0c',
      url: 'https://gitlab.example.com/my-group/my-project/-/tree/newbranch',
    });
    expect(client.authoriseUrl({ clientId: 'app-id' }, 'https://example.com/cb', 'st')).toBe(
      `${web}/oauth/authorize?client_id=app-id&redirect_uri=https%3A%2F%2Fexample.com%2Fcb&response_type=code&state=st&scope=api`,
    );
  });

  it('used every documented operation it declares', () => {
    expect(new Set(log)).toEqual(new Set(Object.keys(DOCUMENTED).filter((operation) => operation !== 'GET /users/:id/projects')));
  });
});
