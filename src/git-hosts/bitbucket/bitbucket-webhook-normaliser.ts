import type { z } from 'zod';
import type { DevEvent, NormalisedDelivery, ReviewerList, ReviewState } from '../dev-event';
import { safeHttpUrl } from '../../urls/http-url';
import { parsePayload } from '../payload-error';
import { MAX_REVIEWERS_PER_PULL_REQUEST } from '../reviews';
import { BITBUCKET_BUILD_EVENTS, normaliseBitbucketBuildDelivery } from './bitbucket-build-events';
import { bitbucketPullRequestSchema, bitbucketPushSchema, type bitbucketParticipants } from './bitbucket-webhook-schemas';
import { bitbucketRepositoryRef } from './bitbucket-repository-ref';

const PULL_REQUEST_EVENTS = new Set(['pullrequest:created', 'pullrequest:updated', 'pullrequest:fulfilled', 'pullrequest:rejected']);

/** Events that record one person's decision, and the state it leaves them in. */
const DECISION_EVENTS: Record<string, { field: 'approval' | 'changes_request'; state: ReviewState }> = {
  'pullrequest:approved': { field: 'approval', state: 'APPROVED' },
  'pullrequest:unapproved': { field: 'approval', state: 'PENDING' },
  'pullrequest:changes_request_created': { field: 'changes_request', state: 'CHANGES_REQUESTED' },
  'pullrequest:changes_request_removed': { field: 'changes_request', state: 'PENDING' },
};

/** Every webhook event the Bitbucket normaliser reads: what the app subscribes a repository's webhook to. */
export const BITBUCKET_WEBHOOK_EVENTS = ['repo:push', ...PULL_REQUEST_EVENTS, ...Object.keys(DECISION_EVENTS), ...BITBUCKET_BUILD_EVENTS];

/**
 * Bitbucket's participants name everyone taking part (`complete`): the reviewers (role REVIEWER, asked to
 * review) and anyone who approved or asked for changes. Others who only commented are not reviewers.
 */
export function bitbucketReviewers(participants: z.infer<typeof bitbucketParticipants>): ReviewerList | undefined {
  if (!participants) return undefined;
  const people: ReviewerList['people'] = [];
  for (const participant of participants) {
    const state: ReviewState = participant.approved || participant.state === 'approved' ? 'APPROVED' : participant.state === 'changes_requested' ? 'CHANGES_REQUESTED' : 'PENDING';
    if (!participant.user || (participant.role !== 'REVIEWER' && state === 'PENDING')) continue;
    if (people.length >= MAX_REVIEWERS_PER_PULL_REQUEST) break;
    people.push({
      reviewerId: participant.user.uuid,
      name: participant.user.display_name ?? '',
      state,
      at: participant.participated_on ?? 0,
      requested: participant.role === 'REVIEWER',
    });
  }
  return { people, complete: true };
}

/** The branch's page, or '' (no link) when that would not be an http(s) URL. */
function bitbucketBranchUrl(repositoryUrl: string, branch: string): string {
  return safeHttpUrl(`${repositoryUrl}/branch/${branch.split('/').map(encodeURIComponent).join('/')}`) ?? '';
}

/** What `.` does not match in a regular expression: a name in an author line stays on one line. */
const hasLineTerminator = (text: string) => text.includes('\n') || text.includes('\r') || text.includes('\u2028') || text.includes('\u2029');

/**
 * `Jane Doe <jane@example.com>` → name and email; Bitbucket sends the raw Git author line. Linear: what
 * `/^\s*(.*?)\s*<([^>]*)>\s*$/` matched, found with index scans instead (that regex took seconds, and
 * blocked every other request, on a few thousand spaces). The line must end with `>` (then whitespace);
 * the email runs from the first `<` after the previous `>` to it; the name is what comes before, trimmed,
 * and may not span lines. Anything else is all name.
 */
export function parseRawAuthor(raw: string | undefined): { name: string; email: string } {
  const text = raw ?? '';
  const end = text.trimEnd();
  const close = end.length - 1;
  if (close >= 0 && end[close] === '>') {
    const previous = close > 0 ? end.lastIndexOf('>', close - 1) : -1;
    const open = end.indexOf('<', previous + 1);
    if (open !== -1 && open < close) {
      const name = end.slice(0, open).trim();
      if (!hasLineTerminator(name)) return { name, email: end.slice(open + 1, close) };
    }
  }
  return { name: text.trim(), email: '' };
}

/** Turns one Bitbucket Cloud delivery (`X-Event-Key` plus its JSON) into development events. */
export function normaliseBitbucketDelivery(eventKey: string, payload: unknown): NormalisedDelivery {
  if (eventKey === 'repo:push') {
    const delivery = parsePayload(bitbucketPushSchema, payload, 'Bitbucket repo:push event');
    const repository = bitbucketRepositoryRef(delivery.repository);
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
        pusher: delivery.actor?.uuid ?? null,
        commits: (change.commits ?? []).map((commit) => {
          const author = parseRawAuthor(commit.author.raw);
          return {
            sha: commit.hash,
            message: commit.message,
            authorName: author.name || commit.author.user?.display_name || '',
            authorEmail: author.email,
            // Bitbucket names the account only when the author's email belongs to one.
            authorAccount: commit.author.user?.uuid ?? null,
            authoredAt: commit.date,
            url: commit.links.html.href,
            filesChanged: null,
          };
        }),
      });
    }
    return events.length > 0 ? { events } : { events: [], ignored: 'Only tags changed; tags are not shown on issues.' };
  }
  const decisionEvent = DECISION_EVENTS[eventKey];
  if (PULL_REQUEST_EVENTS.has(eventKey) || decisionEvent) {
    const delivery = parsePayload(bitbucketPullRequestSchema, payload, `Bitbucket ${eventKey} event`);
    const pull = delivery.pullrequest;
    const repository = bitbucketRepositoryRef(delivery.repository);
    const reviewers = bitbucketReviewers(pull.participants);
    const events: DevEvent[] = [
      {
        kind: 'pull-request',
        repository,
        pullRequest: {
          number: pull.id,
          title: pull.title,
          state: pull.state === 'SUPERSEDED' ? 'DECLINED' : pull.state,
          sourceBranch: pull.source.branch.name,
          destinationBranch: pull.destination.branch.name,
          authorName: pull.author?.display_name ?? '',
          updatedAt: pull.updated_on,
          url: pull.links.html.href,
          ...(reviewers ? { reviewers } : {}),
        },
      },
    ];
    const decision = decisionEvent && delivery[decisionEvent.field];
    if (decisionEvent && decision) {
      events.push({
        kind: 'pull-request-reviews',
        repository,
        number: pull.id,
        reviews: [{ reviewerId: decision.user.uuid, name: decision.user.display_name ?? '', state: decisionEvent.state, at: decision.date }],
      });
    }
    return { events };
  }
  return normaliseBitbucketBuildDelivery(eventKey, payload) ?? { events: [], ignored: `Bitbucket "${eventKey.slice(0, 60)}" events are not used; nothing was stored.` };
}
