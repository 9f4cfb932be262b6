import Heading from '@atlaskit/heading';
import { token } from '@atlaskit/tokens';
import type { ResolverAnswer } from '../../../src/resolvers/resolver-contract';
import { CopyField } from './CopyField';

type Endpoints = ResolverAnswer<'getAdminOverview'>['endpoints'];

const ENDPOINTS: Array<{ key: keyof Endpoints; label: string; help: string }> = [
  { key: 'oauthCallbackUrl', label: 'OAuth callback URL', help: 'Each account shows its own callback URL (this address with ?account=…) to paste into its OAuth app or consumer.' },
  { key: 'githubWebhookUrl', label: 'GitHub webhook URL', help: 'Each account shows its own webhook URL (this address with ?account=…) and secret.' },
  { key: 'bitbucketWebhookUrl', label: 'Bitbucket webhook URL', help: 'Each account shows its own webhook URL (this address with ?account=…) and secret.' },
  { key: 'gitlabWebhookUrl', label: 'GitLab webhook URL', help: 'Each account shows its own webhook URL (this address with ?account=…) and secret token.' },
  {
    key: 'bitbucketDcWebhookUrl',
    label: 'Bitbucket Data Center webhook URL',
    help: 'Each account shows its own webhook URL (this address with ?account=…) and secret.',
  },
];

/** The app's webtrigger addresses; the per-account variants are on each account's page. */
export function EndpointList({ endpoints }: { endpoints: Endpoints }) {
  return (
    <section data-testid="admin-endpoints" style={{ display: 'grid', gap: token('space.200') }}>
      <Heading size="medium" as="h2">
        Addresses of this app
      </Heading>
      {ENDPOINTS.map(({ key, label, help }) => (
        <CopyField key={key} label={label} value={endpoints[key]} help={help} testId={`endpoint-${key}`} />
      ))}
    </section>
  );
}
