/**
 * GitLab's own webhook payload examples, as published in "Webhook events" (docs.gitlab.com/user/project/
 * integrations/webhook_events; source doc/user/project/integrations/webhook_events.md in gitlabhq/gitlabhq at
 * 017a6c129d6a9e4ad9fec792cd84f88641d7dbfe): the push, tag push and merge request events, copied as
 * published (the avatar URLs shortened). The normaliser's tests read them, and the sandbox's demo deliveries
 * are these, edited to mention demo issues.
 */
export const GITLAB_DOCUMENTED_PUSH = {
  object_kind: 'push',
  event_name: 'push',
  before: '95790bf891e76fee5e1747ab589903a6a1f80f22',
  after: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
  ref: 'refs/heads/master',
  ref_protected: true,
  checkout_sha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
  user_id: 4,
  user_name: 'John Smith',
  user_username: 'jsmith',
  user_email: 'john@example.com',
  user_avatar: 'https://s.gravatar.com/avatar/d4c74594d841139328695756648b6bd6?s=80',
  project_id: 15,
  project: {
    id: 15,
    name: 'Diaspora',
    description: '',
    web_url: 'http://example.com/mike/diaspora',
    avatar_url: null,
    git_ssh_url: 'git@example.com:mike/diaspora.git',
    git_http_url: 'http://example.com/mike/diaspora.git',
    namespace: 'Mike',
    visibility_level: 0,
    path_with_namespace: 'mike/diaspora',
    default_branch: 'master',
    homepage: 'http://example.com/mike/diaspora',
    url: 'git@example.com:mike/diaspora.git',
    ssh_url: 'git@example.com:mike/diaspora.git',
    http_url: 'http://example.com/mike/diaspora.git',
  },
  repository: {
    name: 'Diaspora',
    url: 'git@example.com:mike/diaspora.git',
    description: '',
    homepage: 'http://example.com/mike/diaspora',
    git_http_url: 'http://example.com/mike/diaspora.git',
    git_ssh_url: 'git@example.com:mike/diaspora.git',
    visibility_level: 0,
  },
  commits: [
    {
      id: 'b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327',
      message: 'Update Catalan translation to e38cb41.\n\nSee https://gitlab.com/gitlab-org/gitlab for more information',
      title: 'Update Catalan translation to e38cb41.',
      timestamp: '2011-12-12T14:27:31+02:00',
      url: 'http://example.com/mike/diaspora/commit/b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327',
      author: { name: 'Jordi Mallach', email: 'jordi@softcatala.org' },
      added: ['CHANGELOG'],
      modified: ['app/controller/application.rb'],
      removed: [],
    },
    {
      id: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
      message: 'fixed readme',
      title: 'fixed readme',
      timestamp: '2012-01-03T23:36:29+02:00',
      url: 'http://example.com/mike/diaspora/commit/da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
      author: { name: 'GitLab dev user', email: 'gitlabdev@dv6700.(none)' },
      added: ['CHANGELOG'],
      modified: ['app/controller/application.rb'],
      removed: [],
    },
  ],
  total_commits_count: 4,
};

export const GITLAB_DOCUMENTED_TAG_PUSH = {
  object_kind: 'tag_push',
  event_name: 'tag_push',
  before: '0000000000000000000000000000000000000000',
  after: '82b3d5ae55f7080f1e6022629cdb57bfae7cccc7',
  ref: 'refs/tags/v1.0.0',
  ref_protected: true,
  checkout_sha: '82b3d5ae55f7080f1e6022629cdb57bfae7cccc7',
  user_id: 1,
  user_name: 'John Smith',
  user_avatar: 'https://s.gravatar.com/avatar/d4c74594d841139328695756648b6bd6?s=80',
  project_id: 1,
  project: {
    id: 1,
    name: 'Example',
    description: '',
    web_url: 'http://example.com/jsmith/example',
    avatar_url: null,
    git_ssh_url: 'git@example.com:jsmith/example.git',
    git_http_url: 'http://example.com/jsmith/example.git',
    namespace: 'Jsmith',
    visibility_level: 0,
    path_with_namespace: 'jsmith/example',
    default_branch: 'master',
    homepage: 'http://example.com/jsmith/example',
    url: 'git@example.com:jsmith/example.git',
    ssh_url: 'git@example.com:jsmith/example.git',
    http_url: 'http://example.com/jsmith/example.git',
  },
  repository: {
    name: 'Example',
    url: 'ssh://git@example.com/jsmith/example.git',
    description: '',
    homepage: 'http://example.com/jsmith/example',
    git_http_url: 'http://example.com/jsmith/example.git',
    git_ssh_url: 'git@example.com:jsmith/example.git',
    visibility_level: 0,
  },
  commits: [],
  total_commits_count: 0,
};

const label = {
  id: 206,
  title: 'API',
  color: '#ffffff',
  project_id: 14,
  created_at: '2013-12-03T17:15:43Z',
  updated_at: '2013-12-03T17:15:43Z',
  template: false,
  description: 'API related issues',
  type: 'ProjectLabel',
  group_id: 41,
};
const awesomeProject = {
  name: 'Awesome Project',
  description: 'Aut reprehenderit ut est.',
  web_url: 'http://example.com/awesome_space/awesome_project',
  avatar_url: null,
  git_ssh_url: 'git@example.com:awesome_space/awesome_project.git',
  git_http_url: 'http://example.com/awesome_space/awesome_project.git',
  namespace: 'Awesome Space',
  visibility_level: 20,
  path_with_namespace: 'awesome_space/awesome_project',
  default_branch: 'master',
  homepage: 'http://example.com/awesome_space/awesome_project',
  url: 'http://example.com/awesome_space/awesome_project.git',
  ssh_url: 'git@example.com:awesome_space/awesome_project.git',
  http_url: 'http://example.com/awesome_space/awesome_project.git',
};
const user1 = { id: 6, name: 'User1', username: 'user1', avatar_url: 'http://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=40\u0026d=identicon' };

export const GITLAB_DOCUMENTED_MERGE_REQUEST = {
  object_kind: 'merge_request',
  event_type: 'merge_request',
  user: {
    id: 1,
    name: 'Administrator',
    username: 'root',
    avatar_url: 'http://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=40\u0026d=identicon',
    email: 'admin@example.com',
  },
  project: {
    id: 1,
    name: 'Gitlab Test',
    description: 'Aut reprehenderit ut est.',
    web_url: 'http://example.com/gitlabhq/gitlab-test',
    avatar_url: null,
    git_ssh_url: 'git@example.com:gitlabhq/gitlab-test.git',
    git_http_url: 'http://example.com/gitlabhq/gitlab-test.git',
    namespace: 'GitlabHQ',
    visibility_level: 20,
    path_with_namespace: 'gitlabhq/gitlab-test',
    default_branch: 'master',
    ci_config_path: '',
    homepage: 'http://example.com/gitlabhq/gitlab-test',
    url: 'http://example.com/gitlabhq/gitlab-test.git',
    ssh_url: 'git@example.com:gitlabhq/gitlab-test.git',
    http_url: 'http://example.com/gitlabhq/gitlab-test.git',
  },
  repository: {
    name: 'Gitlab Test',
    url: 'http://example.com/gitlabhq/gitlab-test.git',
    description: 'Aut reprehenderit ut est.',
    homepage: 'http://example.com/gitlabhq/gitlab-test',
  },
  object_attributes: {
    id: 99,
    iid: 1,
    target_branch: 'master',
    source_branch: 'ms-viewport',
    source_project_id: 14,
    author_id: 51,
    assignee_ids: [6],
    assignee_id: 6,
    reviewer_ids: [6],
    title: 'MS-Viewport',
    created_at: '2013-12-03T17:23:34Z',
    updated_at: '2013-12-03T17:23:34Z',
    last_edited_at: '2013-12-03T17:23:34Z',
    last_edited_by_id: 1,
    milestone_id: null,
    state_id: 1,
    state: 'opened',
    blocking_discussions_resolved: true,
    work_in_progress: false,
    draft: false,
    first_contribution: true,
    merge_status: 'unchecked',
    target_project_id: 14,
    description: '',
    prepared_at: '2013-12-03T19:23:34Z',
    total_time_spent: 1800,
    time_change: 30,
    human_total_time_spent: '30m',
    human_time_change: '30s',
    human_time_estimate: '30m',
    url: 'http://example.com/diaspora/merge_requests/1',
    source: awesomeProject,
    target: awesomeProject,
    last_commit: {
      id: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
      message: 'fixed readme',
      title: 'Update file README.md',
      timestamp: '2012-01-03T23:36:29+02:00',
      url: 'http://example.com/awesome_space/awesome_project/commits/da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
      author: { name: 'GitLab dev user', email: 'gitlabdev@dv6700.(none)' },
    },
    labels: [label],
    action: 'open',
    detailed_merge_status: 'mergeable',
  },
  labels: [label],
  changes: {
    updated_by_id: { previous: null, current: 1 },
    draft: { previous: true, current: false },
    updated_at: { previous: '2017-09-15 16:50:55 UTC', current: '2017-09-15 16:52:00 UTC' },
    labels: { previous: [label], current: [{ ...label, id: 205, title: 'Platform', color: '#123123', description: 'Platform related issues' }] },
    last_edited_at: { previous: null, current: '2023-03-15 00:00:10 UTC' },
    last_edited_by_id: { previous: null, current: 3278533 },
  },
  assignees: [user1],
  reviewers: [user1],
};

/** GitLab's push example, moved to another project and branch, with these commits (oldest first). */
export function gitlabPush(options: {
  project: { id: number; fullName: string; webUrl: string };
  branch: string;
  before: string;
  pusher: { username: string; name: string; email: string };
  commits: Array<{ sha: string; message: string; author: { name: string; email: string }; timestamp: string }>;
}) {
  const { project } = options;
  const after = options.commits[options.commits.length - 1]!.sha;
  return {
    ...GITLAB_DOCUMENTED_PUSH,
    before: options.before,
    after,
    checkout_sha: after,
    ref: `refs/heads/${options.branch}`,
    user_name: options.pusher.name,
    user_username: options.pusher.username,
    user_email: options.pusher.email,
    project_id: project.id,
    project: {
      ...GITLAB_DOCUMENTED_PUSH.project,
      id: project.id,
      name: project.fullName.split('/').pop(),
      path_with_namespace: project.fullName,
      web_url: project.webUrl,
      homepage: project.webUrl,
    },
    commits: options.commits.map((commit) => ({
      id: commit.sha,
      message: commit.message,
      title: commit.message.split('\n', 1)[0],
      timestamp: commit.timestamp,
      url: `${project.webUrl}/-/commit/${commit.sha}`,
      author: commit.author,
      added: [],
      modified: ['README.md'],
      removed: [],
    })),
    total_commits_count: options.commits.length,
  };
}

/** GitLab's merge request example, moved to another project, with this request's fields. */
export function gitlabMergeRequest(options: {
  project: { id: number; fullName: string; webUrl: string };
  iid: number;
  title: string;
  sourceBranch: string;
  state: 'opened' | 'closed' | 'merged';
  action: 'open' | 'update' | 'close' | 'merge';
  author: string;
  updatedAt: string;
}) {
  const { project } = options;
  return {
    ...GITLAB_DOCUMENTED_MERGE_REQUEST,
    user: { ...GITLAB_DOCUMENTED_MERGE_REQUEST.user, name: options.author },
    project: { ...GITLAB_DOCUMENTED_MERGE_REQUEST.project, id: project.id, path_with_namespace: project.fullName, web_url: project.webUrl, homepage: project.webUrl },
    object_attributes: {
      ...GITLAB_DOCUMENTED_MERGE_REQUEST.object_attributes,
      iid: options.iid,
      title: options.title,
      source_branch: options.sourceBranch,
      state: options.state,
      action: options.action,
      updated_at: options.updatedAt,
      url: `${project.webUrl}/-/merge_requests/${options.iid}`,
    },
  };
}
