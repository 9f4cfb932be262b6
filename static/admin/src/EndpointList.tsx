import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { AdminOverview } from '../../../src/resolvers/admin-resolvers';

const ENDPOINTS: Array<{ key: keyof AdminOverview['endpoints']; label: string; help: string }> = [
  { key: 'oauthCallbackUrl', label: 'OAuth callback URL', help: 'Paste into your OAuth app or consumer as its callback (redirect) URL.' },
  { key: 'githubWebhookUrl', label: 'GitHub webhook URL', help: 'Payload URL for GitHub and GitHub Enterprise webhooks (content type application/json).' },
  { key: 'bitbucketWebhookUrl', label: 'Bitbucket webhook URL', help: 'URL for Bitbucket Cloud webhooks (repository push and pull request events).' },
];

/** The exact addresses to paste into GitHub or Bitbucket, each with a copy button. */
export function EndpointList({ endpoints }: { endpoints: AdminOverview['endpoints'] }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = (key: string, text: string) => {
    navigator.clipboard.writeText(text).then(
      () => setCopied(key),
      () => setCopied(null),
    );
  };
  return (
    <section data-testid="admin-endpoints" style={{ display: 'grid', gap: token('space.200') }}>
      <Heading size="medium" as="h2">Addresses for your Git host</Heading>
      {ENDPOINTS.map(({ key, label, help }) => (
        <div key={key} style={{ display: 'grid', gap: token('space.050') }}>
          <strong>{label}</strong>
          <div style={{ display: 'flex', gap: token('space.100'), alignItems: 'center' }}>
            <code data-testid={`endpoint-${key}`} style={{ padding: token('space.050'), background: token('color.background.neutral'), borderRadius: 3, overflowWrap: 'anywhere' }}>
              {endpoints[key]}
            </code>
            <Button onClick={() => copy(key, endpoints[key])}>{copied === key ? 'Copied' : 'Copy'}</Button>
          </div>
          <span style={{ color: token('color.text.subtle') }}>{help}</span>
        </div>
      ))}
    </section>
  );
}
