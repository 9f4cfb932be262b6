import type { CommitData, DevEvent, NormalisedDelivery, RepositoryRef } from '../dev-event';
import { safeHttpUrl } from '../../urls/http-url';
import { parsePayload } from '../payload-error';
import { dcPullRequestSchema, dcRefsChangedSchema } from './bitbucket-dc-webhook-schemas';

const NO_COMMIT = /^0+$/;
const PULL_REQUEST_EVENTS = new Set(['pr:opened', 'pr:from_ref_updated', 'pr:modified', 'pr:merged', 'pr:declined', 'pr:deleted']);

/** A repository's web address: its `self` link without the trailing `/browse`. */
function dcRepositoryRef(repository: { id: number; slug: string; project: { key: string }; links: { self: Array<{ href: string }> } }): RepositoryRef {
  return { providerRepoId: String(repository.id), fullName: `${repository.project.key}/${repository.slug}`, url: repository.links.self[0]!.href.replace(/\/browse\/?$/, '') };
}

/** The branch's page, or '' (no link) when that would not be an http(s) URL. */
export function dcBranchUrl(repositoryUrl: string, branch: string): string {
  return safeHttpUrl(`${repositoryUrl}/browse?at=${encodeURIComponent(`refs/heads/${branch}`)}`) ?? '';
}

export const dcCommitUrl = (repositoryUrl: string, sha: string) => safeHttpUrl(`${repositoryUrl}/commits/${encodeURIComponent(sha)}`) ?? '';

/**
 * Turns one Bitbucket Data Center delivery (`X-Event-Key` plus its JSON) into development events. A push
 * (`repo:refs_changed`) is always completed through the API (`commits?since=from&until=to`): the server lists
 * no commits, or only some, depending on its version. Like Bitbucket Cloud it names the user an author email
 * belongs to (`author.slug`) and the pusher (`actor.slug`).
 */
export function normaliseBitbucketDcDelivery(eventKey: string, payload: unknown): NormalisedDelivery {
  if (eventKey === 'diagnostics:ping') return { events: [], ignored: 'Webhook is set up: Bitbucket Data Center sent its test delivery.' };
  if (eventKey === 'repo:refs_changed') {
    const delivery = parsePayload(dcRefsChangedSchema, payload, 'Bitbucket Data Center repo:refs_changed event');
    const repository = dcRepositoryRef(delivery.repository);
    const branchChanges = delivery.changes.filter((change) => change.ref.type === 'BRANCH');
    const events: DevEvent[] = [];
    for (const change of branchChanges) {
      const branch = change.ref.displayId;
      if (change.type === 'DELETE' || NO_COMMIT.test(change.toHash)) {
        events.push({ kind: 'branch-deleted', repository, branch });
        continue;
      }
      // The listed commits belong to the push as a whole: only credited to a branch when it is the only one.
      const commits: CommitData[] =
        branchChanges.length === 1
          ? (delivery.commits ?? []).map((commit) => ({
              sha: commit.id,
              message: commit.message,
              authorName: commit.author.displayName ?? commit.author.name ?? '',
              authorEmail: commit.author.emailAddress ?? '',
              authoredAt: commit.authorTimestamp,
              url: dcCommitUrl(repository.url, commit.id),
              filesChanged: null,
              authorAccount: commit.author.slug ?? null,
            }))
          : [];
      events.push({
        kind: 'push',
        repository,
        branch,
        branchUrl: dcBranchUrl(repository.url, branch),
        headSha: change.toHash,
        commits,
        truncated: true,
        before: change.type === 'ADD' || NO_COMMIT.test(change.fromHash) ? null : change.fromHash,
        pusher: delivery.actor?.slug ?? null,
      });
    }
    return events.length > 0 ? { events } : { events: [], ignored: 'Only tags changed; tags are not shown on issues.' };
  }
  if (PULL_REQUEST_EVENTS.has(eventKey)) {
    const { pullRequest: pull } = parsePayload(dcPullRequestSchema, payload, `Bitbucket Data Center ${eventKey} event`);
    return {
      events: [
        {
          kind: 'pull-request',
          repository: dcRepositoryRef(pull.toRef.repository),
          pullRequest: {
            number: pull.id,
            title: pull.title,
            // A deleted pull request is shown as declined: the panel has no way to show one as gone.
            state: eventKey === 'pr:deleted' ? 'DECLINED' : pull.state,
            sourceBranch: pull.fromRef.displayId,
            destinationBranch: pull.toRef.displayId,
            authorName: pull.author?.user.displayName ?? pull.author?.user.name ?? '',
            updatedAt: pull.updatedDate,
            url: pull.links.self[0]!.href,
          },
        },
      ],
    };
  }
  return { events: [], ignored: `Bitbucket Data Center "${eventKey.slice(0, 60)}" events are not used; nothing was stored.` };
}
