/**
 * A Bitbucket Data Center `pr:opened` payload in the shape of the real sample
 * (../shared/fixtures/bitbucket-server/pr_newPRPayload.json), trimmed to the fields the server always sends.
 */
export function bitbucketDcPullRequest(options: {
  repository: { id: number; project: string; slug: string; url: string };
  id: number;
  title: string;
  fromBranch: string;
  updatedAt: string;
}) {
  const { repository } = options;
  const repositoryJson = {
    slug: repository.slug,
    id: repository.id,
    name: repository.slug,
    scmId: 'git',
    state: 'AVAILABLE',
    project: { key: repository.project, id: 1, name: repository.project, type: 'NORMAL', links: { self: [{ href: repository.url.replace(/\/repos\/.*$/, '') }] } },
    links: { self: [{ href: `${repository.url}/browse` }] },
  };
  const user = { name: 'olivia', emailAddress: 'olivia@example.com', displayName: 'Olivia Ops', active: true, slug: 'olivia', type: 'NORMAL' };
  return {
    eventKey: 'pr:opened',
    date: options.updatedAt,
    actor: user,
    pullRequest: {
      id: options.id,
      version: 0,
      title: options.title,
      state: 'OPEN',
      open: true,
      closed: false,
      createdDate: options.updatedAt,
      updatedDate: options.updatedAt,
      author: { user, role: 'AUTHOR', approved: false, status: 'UNAPPROVED' },
      fromRef: { id: `refs/heads/${options.fromBranch}`, displayId: options.fromBranch, type: 'BRANCH', repository: repositoryJson },
      toRef: { id: 'refs/heads/master', displayId: 'master', type: 'BRANCH', repository: repositoryJson },
      links: { self: [{ href: `${repository.url}/pull-requests/${options.id}` }] },
    },
  };
}
