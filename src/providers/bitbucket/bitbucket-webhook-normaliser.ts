import type { DevEvent, NormalisedDelivery, RepositoryRef } from '../../dev-info/dev-event';
import { parsePayload } from '../payload-error';
import { bitbucketPullRequestSchema, bitbucketPushSchema } from './bitbucket-webhook-schemas';

const PULL_REQUEST_EVENTS = new Set(['pullrequest:created', 'pullrequest:updated', 'pullrequest:fulfilled', 'pullrequest:rejected']);

function repositoryRef(repository: { uuid: string; full_name: string; links: { html: { href: string } } }): RepositoryRef {
  return { providerRepoId: repository.uuid, fullName: repository.full_name, url: repository.links.html.href };
}

export function bitbucketBranchUrl(repositoryUrl: string, branch: string): string {
  return `${repositoryUrl}/branch/${branch.split('/').map(encodeURIComponent).join('/')}`;
}

/** `Jane Doe <jane@example.com>` → name and email; Bitbucket sends the raw Git author line. */
export function parseRawAuthor(raw: string | undefined): { name: string; email: string } {
  const match = /^\s*(.*?)\s*<([^>]*)>\s*$/.exec(raw ?? '');
  return match ? { name: match[1] ?? '', email: match[2] ?? '' } : { name: (raw ?? '').trim(), email: '' };
}

/** Turns one Bitbucket Cloud delivery (`X-Event-Key` plus its JSON) into development events. */
export function normaliseBitbucketDelivery(eventKey: string, payload: unknown): NormalisedDelivery {
  if (eventKey === 'repo:push') {
    const delivery = parsePayload(bitbucketPushSchema, payload, 'Bitbucket repo:push event');
    const repository = repositoryRef(delivery.repository);
    const events: DevEvent[] = [];
    for (const change of delivery.push.changes) {
      if (!change.new) {
        if (change.old?.type === 'branch') events.push({ kind: 'branch-deleted', repository, branch: change.old.name });
        continue;
      }
      if (change.new.type !== 'branch') continue;
      const branch = change.new.name;
      events.push({
        kind: 'push',
        repository,
        branch,
        branchUrl: change.new.links?.html?.href ?? bitbucketBranchUrl(repository.url, branch),
        headSha: change.new.target.hash,
        truncated: change.truncated === true,
        before: change.old?.target.hash ?? null,
        commits: (change.commits ?? []).map((commit) => {
          const author = parseRawAuthor(commit.author.raw);
          return {
            sha: commit.hash,
            message: commit.message,
            authorName: author.name || commit.author.user?.display_name || '',
            authorEmail: author.email,
            authoredAt: commit.date,
            url: commit.links.html.href,
            filesChanged: null,
          };
        }),
      });
    }
    return events.length > 0 ? { events } : { events: [], ignored: 'Only tags changed; tags are not shown on issues.' };
  }
  if (PULL_REQUEST_EVENTS.has(eventKey)) {
    const delivery = parsePayload(bitbucketPullRequestSchema, payload, `Bitbucket ${eventKey} event`);
    const pull = delivery.pullrequest;
    return {
      events: [
        {
          kind: 'pull-request',
          repository: repositoryRef(delivery.repository),
          pullRequest: {
            number: pull.id,
            title: pull.title,
            state: pull.state === 'SUPERSEDED' ? 'DECLINED' : pull.state,
            sourceBranch: pull.source.branch.name,
            destinationBranch: pull.destination.branch.name,
            authorName: pull.author?.display_name ?? '',
            updatedAt: pull.updated_on,
            url: pull.links.html.href,
          },
        },
      ],
    };
  }
  return { events: [], ignored: `Bitbucket "${eventKey.slice(0, 60)}" events are not used; nothing was stored.` };
}
