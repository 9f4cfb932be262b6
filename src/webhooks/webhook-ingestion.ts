import { webhookSecretKey } from '../accounts/account-ids';
import { RepositoryDirectory } from '../accounts/repository-directory';
import { hostOwnershipCheck } from '../accounts/repository-ownership';
import { previousWebhookSecret } from '../accounts/account-admin';
import { eventTexts, type DevEvent, type NormalisedDelivery } from '../dev-info/dev-event';
import { writeLinkPlan } from '../dev-info/dev-info-writer';
import { planLinks } from '../dev-info/link-plan';
import { ProjectKeyDirectory } from '../issue-keys/project-key-directory';
import type { Ports } from '../ports/ports';
import { normaliseBitbucketDelivery } from '../providers/bitbucket/bitbucket-webhook-normaliser';
import { normaliseGithubDelivery } from '../providers/github/github-webhook-normaliser';
import { PayloadError } from '../providers/payload-error';
import { headerValue, jsonResponse, type WebtriggerRequest, type WebtriggerResponse } from '../webtriggers/webtrigger-http';
import { parseSmartCommits } from '../smart-commits/parse-smart-commits';
import { queueSmartCommits, refuseSmartCommits } from '../smart-commits/run-smart-commits';
import { pushedByTheirAuthor } from '../smart-commits/pusher-check';
import { JiraSyncKick } from '../jira-sync/jira-sync-job';
import { countSignatureFailure, recordDelivery } from './delivery-log';
import { verifySha256Signature } from './signature';
import { FORGE_INVOCATION_PAYLOAD_BYTES } from '../webtriggers/webtrigger-limits';

/** Smart commits older than this (by author date) are not acted on, even when first delivered now. */
export const SMART_COMMIT_MAX_AGE_MS = Number(process.env.SMART_COMMIT_MAX_AGE_DAYS ?? 14) * 24 * 3600 * 1000;

/** What Forge lets a web trigger receive; GitHub sends up to 25 MB, so a larger push is read by reconciliation. */
export const MAX_WEBHOOK_BYTES = FORGE_INVOCATION_PAYLOAD_BYTES;

interface ProviderProfile {
  name: string;
  signatureHeader: string;
  eventHeader: string;
  deliveryHeader: string;
  normalise: (event: string, payload: unknown) => NormalisedDelivery;
}

export const GITHUB: ProviderProfile = {
  name: 'github',
  signatureHeader: 'X-Hub-Signature-256',
  eventHeader: 'X-GitHub-Event',
  deliveryHeader: 'X-GitHub-Delivery',
  normalise: normaliseGithubDelivery,
};

export const BITBUCKET: ProviderProfile = {
  name: 'bitbucket',
  signatureHeader: 'X-Hub-Signature',
  eventHeader: 'X-Event-Key',
  deliveryHeader: 'X-Request-UUID',
  normalise: normaliseBitbucketDelivery,
};

const BAD_SIGNATURE =
  "The signature does not match this account's webhook secret. Copy the webhook URL and secret again from Jira: Settings → Apps → DVCS accounts.";

/**
 * Receives one webhook delivery: checks it is really from the account's Git host, turns it into
 * development events and stores what mentions an issue. Answers are short JSON that never repeat what
 * was sent; only a signed delivery is ever parsed.
 */
export class WebhookIngestion {
  private readonly repositories: RepositoryDirectory;
  private readonly projectKeys: ProjectKeyDirectory;
  private readonly jiraSync: JiraSyncKick;

  constructor(private readonly ports: Ports) {
    this.jiraSync = new JiraSyncKick(ports);
    this.repositories = new RepositoryDirectory(ports.database, ports.clock, hostOwnershipCheck(ports));
    this.projectKeys = new ProjectKeyDirectory(() => ports.jira.asApp(), ports.clock);
  }

  async handle(profile: ProviderProfile, request: WebtriggerRequest): Promise<WebtriggerResponse> {
    if (request.method !== 'POST') return jsonResponse(405, false, 'Send webhook deliveries with POST.');
    if (Buffer.byteLength(request.body, 'utf8') > MAX_WEBHOOK_BYTES) {
      return jsonResponse(413, false, 'The payload is larger than the 5 MB Forge lets a web trigger receive; the hourly sync reads these changes from the Git host instead.');
    }
    const accountId = request.queryParameters.account?.[0];
    const secret = accountId && /^[\w-]{1,64}$/.test(accountId) ? await this.ports.secrets.get(webhookSecretKey(accountId)) : undefined;
    const signature = headerValue(request, profile.signatureHeader);
    if (!signature) {
      this.ports.log.warn('webhook without signature', { provider: profile.name, accountId });
      return jsonResponse(401, false, `The ${profile.signatureHeader} header is missing: set the webhook's secret in the Git host.`);
    }
    const verified = !!accountId && !!secret && (verifySha256Signature(secret, request.body, signature) || (await this.signedWithPreviousSecret(accountId, request.body, signature)));
    if (!verified) {
      this.ports.log.warn('webhook signature rejected', { provider: profile.name, accountId });
      // Counted per account (the URL names it; an unsigned body cannot be trusted to name a repository).
      if (accountId && secret) await countSignatureFailure(this.ports.database, accountId, this.ports.clock.now());
      return jsonResponse(401, false, BAD_SIGNATURE);
    }

    const event = headerValue(request, profile.eventHeader);
    if (!event) return jsonResponse(400, false, `The ${profile.eventHeader} header is missing.`);
    let payload: unknown;
    try {
      payload = JSON.parse(request.body);
    } catch {
      return jsonResponse(400, false, 'The body is not valid JSON. Set the webhook content type to application/json.');
    }
    let delivery: NormalisedDelivery;
    try {
      delivery = profile.normalise(event, payload);
    } catch (error) {
      if (error instanceof PayloadError) return jsonResponse(400, false, error.message);
      throw error;
    }
    if (delivery.ignored !== undefined) return jsonResponse(202, true, delivery.ignored);
    return this.store(profile, accountId, headerValue(request, profile.deliveryHeader), delivery.events);
  }

  /** Within an hour of a regeneration, deliveries signed with the previous secret still count. */
  private async signedWithPreviousSecret(accountId: string, body: string, signature: string): Promise<boolean> {
    const previous = await previousWebhookSecret(this.ports, accountId);
    return previous !== undefined && verifySha256Signature(previous, body, signature);
  }

  private async store(profile: ProviderProfile, accountId: string, deliveryId: string | undefined, events: DevEvent[]): Promise<WebtriggerResponse> {
    const repository = events[0]!.repository;
    const lookup = await this.repositories.lookup(accountId, repository);
    if (lookup.status === 'unknown-account') return jsonResponse(401, false, BAD_SIGNATURE);
    if (lookup.status === 'not-linked') {
      return jsonResponse(202, true, `${repository.fullName} is not linked in Jira, so nothing was stored. Link it under Settings → Apps → DVCS accounts.`);
    }
    if (lookup.status === 'foreign') {
      this.ports.log.warn('delivery for a repository outside the account', { provider: profile.name, accountId });
      return jsonResponse(202, true, `The Git host says ${repository.fullName} is not a repository of ${lookup.accountName}, so nothing was stored. Each account's webhook secret belongs in its own repositories.`);
    }
    if (lookup.status === 'unconfirmed') {
      return jsonResponse(202, true, `${repository.fullName} is new to Jira and the Git host could not confirm it belongs to this account (${lookup.reason}), so nothing was stored. Authorise the account, then link the repository.`);
    }
    const projectKeys = await this.projectKeys.keysFor(eventTexts(events));
    const now = this.ports.clock.now();
    const plan = planLinks(lookup.repositoryId, events, projectKeys, now, lookup.scope);
    await writeLinkPlan(this.ports.database, plan, { mirror: lookup.mirror });
    if (plan.links.length > 0 || plan.deletedBranches.length > 0) await this.jiraSync.kick();
    if (plan.truncatedPushes.length > 0) {
      await this.ports.queue.push(
        plan.truncatedPushes.map((push) => ({ body: { kind: 'fetch-push', repositoryId: lookup.repositoryId, ...push } })),
      );
    }
    if (lookup.smartCommits) {
      // Only commits first seen through a push, and recent ones: a replayed old history never acts on issues.
      const recent = plan.commits.filter((commit) => commit.message.includes('#') && now - commit.authored_at <= SMART_COMMIT_MAX_AGE_MS && parseSmartCommits(commit.message, projectKeys).length > 0);
      const { allowed, refused } = lookup.authorMustPush ? pushedByTheirAuthor(events, recent.map((commit) => commit.sha)) : { allowed: recent.map((commit) => commit.sha), refused: [] };
      await queueSmartCommits(this.ports, lookup.repositoryId, allowed);
      await refuseSmartCommits(this.ports, lookup.repositoryId, refused);
    }
    if (deliveryId) await recordDelivery(this.ports.database, { id: deliveryId, provider: profile.name, repositoryId: lookup.repositoryId, at: now });
    const issues = new Set(plan.links.map((link) => link.issue_key));
    this.ports.log.info('webhook stored', { provider: profile.name, repositoryId: lookup.repositoryId, commits: plan.commits.length, issues: issues.size });
    return jsonResponse(
      200,
      true,
      `Stored ${plan.commits.length} commit(s), ${plan.branches.length} branch(es) and ${plan.pullRequests.length} pull request(s) for ${issues.size} issue(s)` +
        (plan.truncatedPushes.length > 0 ? '; the rest of the pushed commits are being fetched.' : '.'),
    );
  }
}
