import type { DevEvent, NormalisedDelivery, PullRequestState, RepositoryRef } from '../dev-event';
import { safeHttpUrl } from '../../urls/http-url';
import { parsePayload } from '../payload-error';
import { githubPullRequestSchema, githubPushSchema, githubRefSchema } from './github-webhook-schemas';

/** GitHub sends at most this many commits in a push payload; a push of more is fetched through the API. */
const PUSH_COMMIT_LIMIT = 2048;

function repositoryRef(repository: { id: number; full_name: string; html_url: string }): RepositoryRef {
  return { providerRepoId: String(repository.id), fullName: repository.full_name, url: repository.html_url };
}

/** The branch's page, or '' (no link) when that would not be an http(s) URL. */
export function githubBranchUrl(repositoryUrl: string, branch: string): string {
  return safeHttpUrl(`${repositoryUrl}/tree/${branch.split('/').map(encodeURIComponent).join('/')}`) ?? '';
}

function pullRequestState(pull: { state: 'open' | 'closed'; merged?: boolean | null; merged_at?: string | null }): PullRequestState {
  if (pull.state === 'open') return 'OPEN';
  return pull.merged || pull.merged_at ? 'MERGED' : 'DECLINED';
}

/** Turns one GitHub delivery (`X-GitHub-Event` plus its JSON) into development events. */
export function normaliseGithubDelivery(event: string, payload: unknown): NormalisedDelivery {
  switch (event) {
    case 'ping':
      return { events: [], ignored: 'Webhook is set up: GitHub sent its ping.' };
    case 'push': {
      const push = parsePayload(githubPushSchema, payload, 'GitHub push event');
      if (!push.ref.startsWith('refs/heads/')) return { events: [], ignored: 'Tags are not shown on issues.' };
      const repository = repositoryRef(push.repository);
      const branch = push.ref.slice('refs/heads/'.length);
      if (push.deleted) return { events: [{ kind: 'branch-deleted', repository, branch }] };
      const commits = push.commits.map((commit) => ({
        sha: commit.id,
        message: commit.message,
        authorName: commit.author.name ?? commit.author.username ?? '',
        authorEmail: commit.author.email ?? '',
        authoredAt: commit.timestamp,
        url: commit.url,
        filesChanged: commit.added && commit.removed && commit.modified ? commit.added.length + commit.removed.length + commit.modified.length : null,
        // GitHub names the account only when the author's email belongs to one.
        authorAccount: commit.author.username ?? null,
      }));
      const events: DevEvent[] = [
        {
          kind: 'push',
          repository,
          branch,
          branchUrl: githubBranchUrl(repository.url, branch),
          headSha: push.after,
          commits,
          truncated: (push.size ?? commits.length) > commits.length || commits.length >= PUSH_COMMIT_LIMIT,
          before: push.created || /^0+$/.test(push.before) ? null : push.before,
          pusher: push.pusher?.name ?? null,
        },
      ];
      return { events };
    }
    case 'create':
    case 'delete': {
      const ref = parsePayload(githubRefSchema, payload, `GitHub ${event} event`);
      if (ref.ref_type !== 'branch') return { events: [], ignored: 'Tags are not shown on issues.' };
      const repository = repositoryRef(ref.repository);
      const branch = ref.ref.replace(/^refs\/heads\//, '');
      return event === 'create'
        ? { events: [{ kind: 'branch-created', repository, branch, branchUrl: githubBranchUrl(repository.url, branch), headSha: '' }] }
        : { events: [{ kind: 'branch-deleted', repository, branch }] };
    }
    case 'pull_request': {
      const delivery = parsePayload(githubPullRequestSchema, payload, 'GitHub pull_request event');
      const pull = delivery.pull_request;
      return {
        events: [
          {
            kind: 'pull-request',
            repository: repositoryRef(delivery.repository),
            pullRequest: {
              number: pull.number,
              title: pull.title,
              state: pullRequestState(pull),
              sourceBranch: pull.head.ref,
              destinationBranch: pull.base.ref,
              authorName: pull.user?.login ?? '',
              updatedAt: pull.updated_at,
              url: pull.html_url,
            },
          },
        ],
      };
    }
    default:
      return { events: [], ignored: `GitHub "${event.slice(0, 60)}" events are not used; nothing was stored.` };
  }
}
