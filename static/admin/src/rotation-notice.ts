import type { ResolverAnswer } from '../../../src/resolvers/resolver-contract';
import { formatTime } from '../../shared/format-date';
import { countOf } from '../../shared/plural';

/** What a regeneration did, in a sentence or two. */
export function rotationNotice(rotation: ResolverAnswer<'regenerateWebhookSecret'>): string {
  const until = formatTime(rotation.previousAcceptedUntil);
  const updated =
    rotation.updated.length === 0
      ? 'No webhook was updated by the app.'
      : `Updated ${rotation.updated.length === 1 ? 'the webhook' : countOf(rotation.updated.length, 'webhook', 'webhooks')} the app created.`;
  const left = rotation.notUpdated.map((hook) => `${hook.fullName}: ${hook.reason}`).join(' ');
  return `New secret saved. ${updated} ${left} The old secret is accepted until ${until}.`.replace(/\s+/g, ' ').trim();
}
