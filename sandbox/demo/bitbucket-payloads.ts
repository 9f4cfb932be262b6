/**
 * A Bitbucket Cloud `repo:push` payload in the documented shape (support.atlassian.com, "Event payloads"),
 * trimmed to the fields Bitbucket always sends, for the sandbox's demo data.
 */
export function bitbucketPush(options: {
  workspace: string;
  repository: string;
  uuid: string;
  branch: string;
  before: string | null;
  commits: Array<{ sha: string; message: string; author: string; date: string }>;
}) {
  const base = `https://bitbucket.org/${options.workspace}/${options.repository}`;
  const target = (hash: string) => ({ type: 'commit', hash, links: { html: { href: `${base}/commits/${hash}` } } });
  const head = options.commits[options.commits.length - 1]!;
  return {
    actor: { type: 'user', display_name: head.author.replace(/\s*<.*$/, '') },
    repository: {
      type: 'repository',
      name: options.repository,
      full_name: `${options.workspace}/${options.repository}`,
      uuid: options.uuid,
      links: { html: { href: base } },
    },
    push: {
      changes: [
        {
          new: { type: 'branch', name: options.branch, target: target(head.sha), links: { html: { href: `${base}/branch/${options.branch}` } } },
          old: options.before ? { type: 'branch', name: options.branch, target: target(options.before) } : null,
          created: options.before === null,
          closed: false,
          forced: false,
          truncated: false,
          commits: [...options.commits].reverse().map((commit) => ({
            type: 'commit',
            hash: commit.sha,
            message: commit.message,
            date: commit.date,
            author: { type: 'author', raw: commit.author },
            links: { html: { href: `${base}/commits/${commit.sha}` } },
          })),
        },
      ],
    },
  };
}

/** A Bitbucket Cloud account as payloads name one. */
export interface BitbucketAccount {
  uuid: string;
  displayName: string;
}

const account = (person: BitbucketAccount) => ({ type: 'user', uuid: person.uuid, display_name: person.displayName, nickname: person.displayName });

/**
 * A Bitbucket Cloud `pullrequest:*` payload in the documented shape, with its participants (reviewers, and
 * anyone who approved or asked for changes); `approval` for `pullrequest:approved` and `unapproved`.
 */
export function bitbucketPullRequest(options: {
  workspace: string;
  repository: string;
  uuid: string;
  id: number;
  title: string;
  source: string;
  state: 'OPEN' | 'MERGED' | 'DECLINED';
  author: BitbucketAccount;
  updatedOn: string;
  participants: Array<{ person: BitbucketAccount; role: 'REVIEWER' | 'PARTICIPANT'; state: 'approved' | 'changes_requested' | null; participatedOn: string | null }>;
  approval?: { person: BitbucketAccount; date: string };
}) {
  const base = `https://bitbucket.org/${options.workspace}/${options.repository}`;
  return {
    actor: account(options.approval?.person ?? options.author),
    repository: {
      type: 'repository',
      name: options.repository,
      full_name: `${options.workspace}/${options.repository}`,
      uuid: options.uuid,
      links: { html: { href: base } },
    },
    pullrequest: {
      type: 'pullrequest',
      id: options.id,
      title: options.title,
      state: options.state,
      author: account(options.author),
      created_on: options.updatedOn,
      updated_on: options.updatedOn,
      source: { branch: { name: options.source } },
      destination: { branch: { name: 'main' } },
      links: { html: { href: `${base}/pull-requests/${options.id}` } },
      reviewers: options.participants.filter((participant) => participant.role === 'REVIEWER').map((participant) => account(participant.person)),
      participants: options.participants.map((participant) => ({
        type: 'participant',
        user: account(participant.person),
        role: participant.role,
        approved: participant.state === 'approved',
        state: participant.state,
        participated_on: participant.participatedOn,
      })),
    },
    ...(options.approval ? { approval: { date: options.approval.date, user: account(options.approval.person) } } : {}),
  };
}
