import { webhookSecretKey } from '../accounts/account-ids';
import { previousWebhookSecret } from '../accounts/account-secrets';
import type { RepositoryDirectory } from '../accounts/repository-directory';
import { recordEvents } from '../dev-info/record-events';
import { AppError } from '../errors/app-error';
import type { DevEvent, NormalisedDelivery } from '../git-hosts/dev-event';
import { PayloadError } from '../git-hosts/payload-error';
import { KeyScan } from '../issue-keys/key-scan';
import type { ProjectKeyDirectory } from '../issue-keys/project-key-directory';
import type { JiraCopyKick } from '../jira-copy/jira-copy-job';
import type { Ports } from '../ports/ports';
import { queueSmartCommits, refuseSmartCommits } from '../smart-commits/run-smart-commits';
import { DEFAULT_SMART_COMMIT_MAX_AGE_DAYS, selectSmartCommits } from '../smart-commits/select-smart-commits';
import { countSignatureFailure, recordDelivery } from './delivery-log';
import { verifySha256Signature } from './signature';

/** Where a delivery comes from: the host's name in the delivery log, and how its payloads read. */
export interface DeliverySource {
  name: string;
  /** Where the host names the event, for the message when it does not. */
  eventHeader: string;
  normalise: (event: string, payload: unknown) => NormalisedDelivery;
  /**
   * Whether the header proves the delivery is from the account's host: by default an HMAC-SHA256 signature of
   * the body (`sha256=<hex>`); GitLab sends the webhook's secret token itself instead.
   */
  verify?: (secret: string, body: string, header: string) => boolean;
}

/** One delivery as the web trigger received it: the account its URL names, and what the host sent. */
export interface SignedDelivery {
  accountId: string | undefined;
  body: string;
  signature: string;
  event: string | undefined;
  deliveryId: string | undefined;
}

/** What became of a verified delivery: stored, or accepted with nothing to store (and why). */
export interface DeliveryOutcome {
  stored: boolean;
  message: string;
}

const BAD_SIGNATURE = "The signature does not match this account's webhook secret. Copy the webhook URL and secret again from Jira: Settings → Apps → DVCS accounts.";

export interface IngestionServices {
  repositories: RepositoryDirectory;
  projectKeys: ProjectKeyDirectory;
  jiraCopy: JiraCopyKick;
}

/**
 * Receives one webhook delivery: checks it is really from the account's Git host, turns it into
 * development events and stores what mentions an issue. Only a signed delivery is ever parsed; a refused
 * one is an AppError whose code the web trigger turns into a status.
 */
export class WebhookIngestion {
  constructor(
    private readonly ports: Ports,
    private readonly services: IngestionServices,
  ) {}

  async receive(source: DeliverySource, delivery: SignedDelivery): Promise<DeliveryOutcome> {
    const { accountId } = delivery;
    const secret = accountId && /^[\w-]{1,64}$/.test(accountId) ? await this.ports.secrets.get(webhookSecretKey(accountId)) : undefined;
    const verify = source.verify ?? verifySha256Signature;
    const verified = !!accountId && !!secret && (verify(secret, delivery.body, delivery.signature) || (await this.signedWithPreviousSecret(accountId, delivery, verify)));
    if (!verified) {
      this.ports.log.warn('webhook signature rejected', { provider: source.name, accountId });
      // Counted per account (the URL names it; an unsigned body cannot be trusted to name a repository).
      if (accountId && secret) await countSignatureFailure(this.ports.database, accountId, this.ports.clock.now());
      throw new AppError('signature_invalid', BAD_SIGNATURE);
    }
    const { event } = delivery;
    if (!event) throw new AppError('invalid_input', `The ${source.eventHeader} header is missing.`);
    let payload: unknown;
    try {
      payload = JSON.parse(delivery.body);
    } catch (error) {
      throw new AppError('invalid_input', 'The body is not valid JSON. Set the webhook content type to application/json.', { cause: error });
    }
    let normalised: NormalisedDelivery;
    try {
      normalised = source.normalise(event, payload);
    } catch (error) {
      if (error instanceof PayloadError) throw new AppError('invalid_input', error.message);
      throw error;
    }
    if (normalised.ignored !== undefined) return { stored: false, message: normalised.ignored };
    return this.store(source, accountId, delivery.deliveryId, normalised.events);
  }

  /** Within an hour of a regeneration, deliveries signed with the previous secret still count. */
  private async signedWithPreviousSecret(accountId: string, delivery: SignedDelivery, verify: NonNullable<DeliverySource['verify']>): Promise<boolean> {
    const previous = await previousWebhookSecret(this.ports.secrets, this.ports.clock.now(), accountId);
    return previous !== undefined && verify(previous, delivery.body, delivery.signature);
  }

  private async store(source: DeliverySource, accountId: string, deliveryId: string | undefined, events: DevEvent[]): Promise<DeliveryOutcome> {
    const repository = events[0]!.repository;
    const lookup = await this.services.repositories.lookup(accountId, repository);
    if (lookup.status === 'unknown-account') throw new AppError('signature_invalid', BAD_SIGNATURE);
    if (lookup.status === 'not-linked') {
      return { stored: false, message: `${repository.fullName} is not linked in Jira, so nothing was stored. Link it under Settings → Apps → DVCS accounts.` };
    }
    if (lookup.status === 'foreign') {
      this.ports.log.warn('delivery for a repository outside the account', { provider: source.name, accountId });
      return {
        stored: false,
        message: `The Git host says ${repository.fullName} is not a repository of ${lookup.accountName}, so nothing was stored. Each account's webhook secret belongs in its own repositories.`,
      };
    }
    if (lookup.status === 'unconfirmed') {
      return {
        stored: false,
        message: `${repository.fullName} is new to Jira and the Git host could not confirm it belongs to this account (${lookup.reason}), so nothing was stored. Authorise the account, then link the repository.`,
      };
    }
    const scan = new KeyScan();
    const now = this.ports.clock.now();
    const { plan, projectKeys } = await recordEvents(this.ports, this.services.projectKeys, lookup, events, { scan });
    if (plan.links.length > 0 || plan.deletedBranches.length > 0 || plan.builds.length > 0 || plan.deployments.length > 0) await this.services.jiraCopy.kick();
    if (plan.truncatedPushes.length > 0) {
      await this.ports.queue.push(plan.truncatedPushes.map((push) => ({ body: { kind: 'fetch-push', repositoryId: lookup.repositoryId, ...push } })));
    }
    if (lookup.smartCommits) {
      const maxAgeDays = this.ports.config.smartCommitMaxAgeDays ?? DEFAULT_SMART_COMMIT_MAX_AGE_DAYS;
      const { toRun, refused } = selectSmartCommits(plan.commits, events, projectKeys, scan, { now, maxAgeDays, authorMustPush: lookup.authorMustPush });
      await queueSmartCommits(this.ports, lookup.repositoryId, toRun);
      await refuseSmartCommits(this.ports, lookup.repositoryId, refused);
    }
    if (deliveryId) await recordDelivery(this.ports.database, { id: deliveryId, provider: source.name, repositoryId: lookup.repositoryId, at: now });
    const issues = new Set(plan.links.map((link) => link.issue_key));
    this.ports.log.info('webhook stored', { provider: source.name, repositoryId: lookup.repositoryId, commits: plan.commits.length, issues: issues.size });
    return {
      stored: true,
      message:
        `Stored ${plan.commits.length} commit(s), ${plan.branches.length} branch(es) and ${plan.pullRequests.length} pull request(s) for ${issues.size} issue(s)` +
        (plan.builds.length + plan.deployments.length > 0 ? `, and read ${plan.builds.length} build(s) and ${plan.deployments.length} deployment(s)` : '') +
        (plan.truncatedPushes.length > 0 ? '; the rest of the pushed commits are being fetched.' : '.'),
    };
  }
}
