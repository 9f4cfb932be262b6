import type { ResolverAnswer } from '../../../src/resolvers/resolver-contract';
import { countOf } from '../../shared/plural';

type AccountStatus = ResolverAnswer<'getAccount'>['status'];
type RepositoryResults = ResolverAnswer<'getAccount'>['repositoryResults'];
type Appearance = 'success' | 'moved' | 'removed' | 'inprogress' | 'default';

const LABELS: Record<AccountStatus, { label: string; appearance: Appearance }> = {
  connected: { label: 'Connected', appearance: 'success' },
  syncing: { label: 'Syncing', appearance: 'inprogress' },
  'webhooks-only': { label: 'Webhooks only', appearance: 'default' },
  'needs-authorisation': { label: 'Needs authorisation', appearance: 'moved' },
  'invalid-credentials': { label: 'Invalid credentials', appearance: 'removed' },
  unreachable: { label: 'Host unreachable', appearance: 'removed' },
  'rate-limited': { label: 'Rate limited', appearance: 'moved' },
  'sync-failing': { label: 'Sync failing', appearance: 'removed' },
};

/** The account's status lozenge: while history is read, how far it has got ("Syncing 1 of 2"). */
export function statusLozenge(status: AccountStatus, results: RepositoryResults): { label: string; appearance: Appearance } {
  if (status === 'syncing') return { label: `Syncing ${results.linked - results.inProgress} of ${results.linked}`, appearance: 'inprogress' };
  return LABELS[status];
}

/** One sentence under the status: why it is what it is, and what to do when something is wrong. */
export function statusSummary(status: AccountStatus, results: RepositoryResults, providerName: string): string {
  const failure = results.latestError ? ` ${results.latestError.fullName}: ${results.latestError.message}` : '';
  const repositories = countOf(results.linked, 'linked repository', 'linked repositories');
  switch (status) {
    case 'needs-authorisation':
      return 'Authorise the account with OAuth, or save an access token, to pick its repositories.';
    case 'webhooks-only':
      return `Its ${repositories} ${results.linked === 1 ? 'is' : 'are'} kept up to date by the webhooks ${providerName} delivers. Authorise the account, or save an access token, to read ${results.linked === 1 ? 'its' : 'their'} history and to use Sync now.`;
    case 'invalid-credentials':
      return `${providerName} refused the account's credential. Authorise the account again, or save a new access token.`;
    case 'unreachable':
      return `${providerName} could not be reached the last time the app called it.${failure}`;
    case 'rate-limited':
      return `${providerName} is rate-limiting this account. Syncing continues by itself when the limit resets.`;
    case 'sync-failing':
      return `The last sync of ${results.failed} of ${repositories} failed.${failure}`;
    case 'syncing':
      return `Reading history: ${results.linked - results.inProgress} of ${repositories} done.`;
    default:
      return results.linked === 0
        ? 'Authorised. Pick the repositories to link below.'
        : `Authorised; the last sync of ${results.linked === 1 ? 'its linked repository' : `all ${repositories}`} worked.`;
  }
}
