import { token } from '@atlaskit/tokens';
import { relativeTime } from '../../shared/relative-time';
import type { AccountDetails } from './account-sections';

type Repository = AccountDetails['repositories'][number];

/**
 * Whether build and deployment events arrive for a repository: when the last of each was seen, or, if none
 * has been, which webhook events to enable on the host (webhooks the app adds ask for them already).
 */
export function BuildEventsLine({ how, repository }: { how: AccountDetails['buildEventsToEnable']; repository: Repository }) {
  // A host whose webhook sends no builds (its builds are read hourly) has nothing to say here.
  if (!how.builds) return null;
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
