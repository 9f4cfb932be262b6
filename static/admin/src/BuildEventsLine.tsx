import { token } from '@atlaskit/tokens';
import { relativeTime } from '../../shared/relative-time';
import type { AccountDetails } from './account-sections';

type Repository = AccountDetails['repositories'][number];

/** What to tick in the repository's webhook for builds and deployments, on the hosts that send them. */
const HOW_TO_ENABLE: Partial<Record<AccountDetails['provider'], { builds: string; deployments: string | null }>> = {
  github: { builds: 'Check suites, Check runs, Workflow runs and Statuses', deployments: 'Deployments and Deployment statuses' },
  'github-enterprise': { builds: 'Check suites, Check runs, Workflow runs and Statuses', deployments: 'Deployments and Deployment statuses' },
  'bitbucket-cloud': { builds: 'Build status created and Build status updated', deployments: null },
};

/**
 * Whether build and deployment events arrive for a repository: when the last of each was seen, or, if none
 * has been, which webhook events to enable on the host (webhooks the app adds ask for them already).
 */
export function BuildEventsLine({ provider, repository }: { provider: AccountDetails['provider']; repository: Repository }) {
  const how = HOW_TO_ENABLE[provider];
  if (!how) return null;
  const { lastBuildAt, lastDeploymentAt } = repository.buildEvents;
  const missing = [lastBuildAt === null ? how.builds : null, lastDeploymentAt === null ? how.deployments : null].filter(Boolean);
  return (
    <span data-testid={`build-events-${repository.fullName}`} style={{ overflowWrap: 'anywhere' }}>
      <span style={{ color: token('color.text.subtle') }}>Builds:</span> {lastBuildAt === null ? 'none seen yet' : `last ${relativeTime(lastBuildAt)}`}
      {how.deployments && (
        <>
          {' · '}
          <span style={{ color: token('color.text.subtle') }}>Deployments:</span> {lastDeploymentAt === null ? 'none seen yet' : `last ${relativeTime(lastDeploymentAt)}`}
        </>
      )}
      {missing.length > 0 && repository.webhook === 'manual' && (
        <span style={{ color: token('color.text.subtle') }}> · if they run, tick {missing.join(' and ')} in the webhook</span>
      )}
    </span>
  );
}
