import { relativeTime } from '../../shared/relative-time';
import type { AccountDetails } from './account-sections';

type Repository = AccountDetails['repositories'][number];

/**
 * How a linked repository's webhook stands, from the one place the page learns it (the account's stored
 * repositories): who added it, and whether deliveries arrive.
 */
export function webhookText(repository: Pick<Repository, 'webhook' | 'lastDeliveryAt'>, now = Date.now()): string {
  const added = repository.webhook === 'app' ? 'Added by the app' : 'Added by hand';
  if (repository.lastDeliveryAt !== null) return `${added} · last delivery ${relativeTime(repository.lastDeliveryAt, now)}`;
  return repository.webhook === 'app' ? `${added} · no delivery yet` : 'Add it by hand · no delivery yet';
}
