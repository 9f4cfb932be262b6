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
