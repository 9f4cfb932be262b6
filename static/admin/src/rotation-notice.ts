import type { ResolverAnswer } from '../../../src/resolvers/resolver-contract';

/** What a regeneration did, in a sentence or two. */
export function rotationNotice(rotation: ResolverAnswer<'regenerateWebhookSecret'>): string {
  const until = new Date(rotation.previousAcceptedUntil).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const updated =
    rotation.updated.length === 0
      ? 'No webhook was updated by the app.'
      : `Updated ${rotation.updated.length === 1 ? 'the webhook' : `${rotation.updated.length} webhooks`} the app created.`;
  const left = rotation.notUpdated.map((hook) => `${hook.fullName}: ${hook.reason}`).join(' ');
  return `New secret saved. ${updated} ${left} The old secret is accepted until ${until}.`.replace(/\s+/g, ' ').trim();
}
