import type { CommitData, DevEvent, NormalisedDelivery, PullRequestState } from '../dev-event';
import { safeHttpUrl } from '../../urls/http-url';
import { parsePayload } from '../payload-error';
import { normaliseGitlabBuildDelivery } from './gitlab-build-events';
import { gitlabMergeRequestSchema, gitlabPushSchema } from './gitlab-webhook-schemas';
import { gitlabRepositoryRef } from './gitlab-repository-ref';

const NO_COMMIT = /^0+$/;

/** The branch's page, or '' (no link) when that would not be an http(s) URL. */
export function gitlabBranchUrl(projectUrl: string, branch: string): string {
  return safeHttpUrl(`${projectUrl}/-/tree/${branch.split('/').map(encodeURIComponent).join('/')}`) ?? '';
}

export function gitlabPullRequestState(state: 'opened' | 'closed' | 'merged' | 'locked'): PullRequestState {
  if (state === 'merged') return 'MERGED';
  if (state === 'closed') return 'DECLINED';
  // `locked` is an open merge request whose discussion is locked.
  return 'OPEN';
}

/**
 * Turns one GitLab delivery (`X-Gitlab-Event` plus its JSON) into development events. GitLab's push hook does
 * not name the account a commit's author email belongs to; it names the pusher and their public email. A
 * commit whose author email is that verified public email was written by the pusher, so the pusher is its
 * author's account; any other commit's author is unknown (and smart commits that need the author to push
 * are refused for it).
 */
export function normaliseGitlabDelivery(event: string, payload: unknown): NormalisedDelivery {
  switch (event) {
    case 'Push Hook': {
      const push = parsePayload(gitlabPushSchema, payload, 'GitLab push event');
      if (!push.ref.startsWith('refs/heads/')) return { events: [], ignored: 'Tags are not shown on issues.' };
      const repository = gitlabRepositoryRef(push.project);
      const branch = push.ref.slice('refs/heads/'.length);
      if (NO_COMMIT.test(push.after)) return { events: [{ kind: 'branch-deleted', repository, branch }] };
      const pusherEmail = push.user_email && push.user_email !== '[REDACTED]' ? push.user_email.toLowerCase() : null;
      const commits: CommitData[] = push.commits.map((commit) => ({
        sha: commit.id,
        message: commit.message,
        authorName: commit.author.name ?? '',
        authorEmail: commit.author.email ?? '',
        authoredAt: commit.timestamp,
        url: commit.url,
        filesChanged: commit.added && commit.modified && commit.removed ? commit.added.length + commit.modified.length + commit.removed.length : null,
        authorAccount: pusherEmail !== null && (commit.author.email ?? '').toLowerCase() === pusherEmail ? (push.user_username ?? null) : null,
      }));
      const event: DevEvent = {
        kind: 'push',
        repository,
        branch,
        branchUrl: gitlabBranchUrl(repository.url, branch),
        headSha: push.after,
        commits,
        // GitLab lists the newest 20 commits of a push and counts them all.
        truncated: push.total_commits_count > commits.length,
        before: NO_COMMIT.test(push.before) ? null : push.before,
        pusher: push.user_username ?? null,
      };
      return { events: [event] };
    }
    case 'Tag Push Hook':
      return { events: [], ignored: 'Tags are not shown on issues.' };
    case 'Merge Request Hook': {
      const delivery = parsePayload(gitlabMergeRequestSchema, payload, 'GitLab merge request event');
      const request = delivery.object_attributes;
      return {
        events: [
          {
            kind: 'pull-request',
            repository: gitlabRepositoryRef(delivery.project),
            pullRequest: {
              number: request.iid,
              title: request.title,
              state: gitlabPullRequestState(request.state),
              sourceBranch: request.source_branch,
              destinationBranch: request.target_branch,
              // The hook names who acted, not the author: that is the author only when the request is opened.
              authorName: request.action === 'open' ? (delivery.user?.name ?? '') : '',
              updatedAt: request.updated_at,
              url: request.url,
            },
          },
        ],
      };
    }
    default:
      return normaliseGitlabBuildDelivery(event, payload) ?? { events: [], ignored: `GitLab "${event.slice(0, 60)}" events are not used; nothing was stored.` };
  }
}
