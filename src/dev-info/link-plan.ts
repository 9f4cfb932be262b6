import { projectOf } from '../issue-keys/extract-issue-keys';
import { KeyScan } from '../issue-keys/key-scan';
import type { BranchTable, BuildTable, CommitTable, DeploymentTable, IssueLinkTable, PullRequestReviewerTable, PullRequestTable } from '../storage/schema';
import type { CommitData, DevEvent, PullRequestData, Review } from '../git-hosts/dev-event';
import { MAX_REVIEWERS_PER_PULL_REQUEST, reviewPrecedence, reviewsThatCount } from '../git-hosts/reviews';
import { buildRow, deploymentRow } from './build-rows';
import { bounded, storedUrl } from './dev-info-items';
import { inScope, type ProjectScope } from '../accounts/project-scope';

/** Longest commit message kept: enough for keys and smart commands, bounded for Forge SQL's 1 GiB. */
export const MAX_STORED_MESSAGE = 4000;
/** Issue keys one commit, branch or pull request links to at most: Jira's development-information limit. */
export const MAX_KEYS_PER_ITEM = 100;
/**
 * Links one delivery (or one page of history) adds at most, whatever it holds. A push that would add more
 * is stored up to here and its commits are then read again from the Git host a page at a time (each page
 * within the same bound), so a real push loses nothing and a hostile one writes a bounded amount.
 */
export const MAX_LINKS_PER_PLAN = 10_000;
/** Git hosts cap ref names near this; a longer "branch" is not a real one, and it is a key column here. */
const MAX_BRANCH_NAME = 255;
const MAX_TITLE = 1000;
/** A reviewer's name as shown; ids longer than the column are not a host's. */
const MAX_REVIEWER_NAME = 100;
const MAX_REVIEWER_ID = 128;

/** A commit's message as stored: what its keys and smart commands are read from. */
const storedMessage = (commit: CommitData) => bounded(commit.message, MAX_STORED_MESSAGE);
/** A branch is only kept when its name is a plausible ref; its keys come from the name. */
const branchText = (name: string) => (name.length > MAX_BRANCH_NAME ? '' : name);
const pullRequestTexts = (pull: PullRequestData) => ({ title: bounded(pull.title, MAX_TITLE), sourceBranch: bounded(pull.sourceBranch, 255) });
const pullRequestText = ({ title, sourceBranch }: { title: string; sourceBranch: string }) => `${title}\n${sourceBranch}`;

/** Every text `planLinks` reads keys from, as it reads them: what the site's project keys are checked against first. */
export function plannedTexts(events: DevEvent[]): string[] {
  return events.flatMap((event) => {
    if (event.kind === 'push') return [branchText(event.branch), ...event.commits.map(storedMessage)];
    if (event.kind === 'pull-request') return [pullRequestText(pullRequestTexts(event.pullRequest))];
    if (event.kind === 'build') return [branchText(event.build.branch)];
    if (event.kind === 'deployment') return [branchText(event.deployment.ref)];
    return event.kind === 'branch-created' ? [branchText(event.branch)] : [];
  });
}

export interface PlanOptions {
  /** The delivery's key scan, shared with the steps before and after, so no text is scanned twice. */
  scan?: KeyScan;
  maxLinks?: number;
}

export interface LinkPlan {
  repositoryId: string;
  /** When the plan was made: the time its writes are stamped with. */
  plannedAt: number;
  commits: CommitTable[];
  branches: BranchTable[];
  deletedBranches: string[];
  pullRequests: PullRequestTable[];
  /**
   * Pull requests whose newest title and branch name no issue: their stored row (if any) is updated and
   * their links removed, so a retitled pull request leaves the issues it no longer names.
   */
  unkeyedPullRequests: PullRequestTable[];
  links: IssueLinkTable[];
  /**
   * Who reviews each pull request in the plan, as of its event (see `ReviewerList`): applied only where that
   * event wins, as its title and state are.
   */
  reviewerLists: Array<{ number: number; complete: boolean; rows: PullRequestReviewerTable[] }>;
  /** Reviews given, each applied where it outranks the stored one (`reviewPrecedence`), on stored pull requests only. */
  reviews: PullRequestReviewerTable[];
  /**
   * Builds and deployments, each with the keys its own branch or ref names (in scope); the writer adds those
   * of the commit, branch and pull requests it ran for, as stored (build-writer.ts).
   */
  builds: Array<{ row: BuildTable; keys: string[] }>;
  /**
   * `rangeKeys`: those of the commits the deployment brought since the previous one to its environment
   * (deployment-range.ts), linked after the deployment's own.
   */
  deployments: Array<{ row: DeploymentTable; keys: string[]; rangeKeys?: string[] }>;
  /** Pushes whose payload did not carry every commit: the sync engine fetches the rest. */
  truncatedPushes: Array<{ branch: string; before: string | null; headSha: string }>;
}

/**
 * Decides, without I/O, what a delivery's events add to the store: only items that mention an issue key
 * of an existing project are kept (the panel shows nothing else), with one link row per key per item in
 * the repository's project scope.
 */
export function planLinks(
  repositoryId: string,
  events: DevEvent[],
  projectKeys: ReadonlySet<string>,
  now: number,
  scope: ProjectScope = null,
  options: PlanOptions = {},
): LinkPlan {
  const { scan = new KeyScan(), maxLinks = MAX_LINKS_PER_PLAN } = options;
  const plan: LinkPlan = {
    repositoryId,
    plannedAt: now,
    commits: [],
    branches: [],
    deletedBranches: [],
    pullRequests: [],
    unkeyedPullRequests: [],
    links: [],
    reviewerLists: [],
    reviews: [],
    builds: [],
    deployments: [],
    truncatedPushes: [],
  };
  const seenCommits = new Set<string>();
  // Keys come from the text as stored (already bounded), at most 100 an item.
  const keysIn = (text: string) => scan.keys(text, projectKeys).slice(0, MAX_KEYS_PER_ITEM);
  // Items are kept whatever the repository's project scope, so that changing the scope only re-links them.
  const inScopeKeys = (issueKeys: string[]) => issueKeys.filter((key) => inScope(scope, projectOf(key)));
  /** Whether an item with these keys still fits the plan's bound on links. */
  const fits = (issueKeys: string[]) => plan.links.length + inScopeKeys(issueKeys).length <= maxLinks;
  const link = (issueKeys: string[], itemKind: IssueLinkTable['item_kind'], itemKey: string, itemTime: number) => {
    for (const issueKey of inScopeKeys(issueKeys)) {
      plan.links.push({ issue_key: issueKey, project_key: projectOf(issueKey), item_kind: itemKind, repository_id: repositoryId, item_key: itemKey, item_time: itemTime });
    }
  };
  const branch = (name: string, url: string, headSha: string) => {
    if (name.length > MAX_BRANCH_NAME) return;
    const keys = keysIn(name);
    if (keys.length === 0 || !fits(keys)) return;
    plan.branches.push({ repository_id: repositoryId, name, head_sha: headSha, url: storedUrl(url), deleted: 0, updated_at: now });
    link(keys, 'branch', name, now);
  };

  for (const event of events) {
    switch (event.kind) {
      case 'push': {
        branch(event.branch, event.branchUrl, event.headSha);
        let truncated = event.truncated;
        for (const commit of event.commits) {
          if (seenCommits.has(commit.sha)) continue;
          seenCommits.add(commit.sha);
          const message = storedMessage(commit);
          const keys = keysIn(message);
          if (keys.length === 0) continue;
          if (!fits(keys)) {
            // The rest of this push is read from the Git host, a bounded page at a time.
            truncated = true;
            break;
          }
          plan.commits.push({
            repository_id: repositoryId,
            sha: commit.sha,
            message,
            author_name: bounded(commit.authorName, 255),
            author_email: commit.authorEmail.length > 255 ? '' : commit.authorEmail,
            authored_at: commit.authoredAt,
            url: storedUrl(commit.url),
            files_changed: commit.filesChanged,
          });
          link(keys, 'commit', commit.sha, commit.authoredAt);
        }
        if (truncated && event.headSha) plan.truncatedPushes.push({ branch: event.branch, before: event.before, headSha: event.headSha });
        break;
      }
      case 'branch-created':
        branch(event.branch, event.branchUrl, event.headSha);
        break;
      case 'branch-deleted':
        plan.deletedBranches.push(event.branch);
        break;
      case 'pull-request': {
        const pull = event.pullRequest;
        const texts = pullRequestTexts(pull);
        const row: PullRequestTable = {
          repository_id: repositoryId,
          number: pull.number,
          title: texts.title,
          state: pull.state,
          source_branch: texts.sourceBranch,
          destination_branch: bounded(pull.destinationBranch, 255),
          author_name: bounded(pull.authorName, 255),
          updated_at: pull.updatedAt,
          url: storedUrl(pull.url),
        };
        if (pull.reviewers) {
          plan.reviewerLists.push({
            number: pull.number,
            complete: pull.reviewers.complete,
            rows: reviewerRows(repositoryId, pull.number, pull.reviewers.people),
          });
        }
        const keys = keysIn(pullRequestText(texts));
        if (keys.length === 0) {
          plan.unkeyedPullRequests.push(row);
          break;
        }
        if (!fits(keys)) break;
        plan.pullRequests.push(row);
        link(keys, 'pull_request', String(pull.number), pull.updatedAt);
        break;
      }
      case 'pull-request-reviews':
        plan.reviews.push(...reviewerRows(repositoryId, event.number, reviewsThatCount(event.reviews)));
        break;
      case 'build':
        plan.builds.push({ row: buildRow(repositoryId, event.build), keys: inScopeKeys(keysIn(branchText(event.build.branch))) });
        break;
      case 'deployment':
        plan.deployments.push({ row: deploymentRow(repositoryId, event.deployment), keys: inScopeKeys(keysIn(branchText(event.deployment.ref))) });
        break;
    }
  }
  // A branch deleted in the same delivery after being pushed to stays deleted.
  const deleted = new Set(plan.deletedBranches);
  plan.branches = plan.branches.filter((row) => !deleted.has(row.name));
  plan.links = plan.links.filter((row) => !(row.item_kind === 'branch' && deleted.has(row.item_key)));
  return plan;
}

/** Reviewer rows as stored: one per person (the first listing wins), at most MAX_REVIEWERS_PER_PULL_REQUEST, names bounded. */
function reviewerRows(repositoryId: string, number: number, people: Array<Review & { requested?: boolean }>): PullRequestReviewerTable[] {
  const rows = new Map<string, PullRequestReviewerTable>();
  for (const person of people) {
    if (rows.size >= MAX_REVIEWERS_PER_PULL_REQUEST) break;
    if (!person.reviewerId || person.reviewerId.length > MAX_REVIEWER_ID || rows.has(person.reviewerId)) continue;
    rows.set(person.reviewerId, {
      repository_id: repositoryId,
      pull_request_number: number,
      reviewer_id: person.reviewerId,
      name: bounded(person.name, MAX_REVIEWER_NAME),
      requested: person.requested ? 1 : 0,
      state: person.state,
      precedence: reviewPrecedence(person),
    });
  }
  return [...rows.values()];
}
