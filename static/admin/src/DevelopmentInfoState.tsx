import SectionMessage from '@atlaskit/section-message';
import type { AccountDetails } from './account-sections';

/** How far Jira's own Development panel has caught up with this account's work. */
export function DevelopmentInfoState({ developmentInfo }: { developmentInfo: AccountDetails['developmentInfo'] }) {
  return (
    <div data-testid="mirror-state">
      {developmentInfo.failing > 0 ? (
        <SectionMessage appearance="warning" title={`${developmentInfo.failing} item(s) not accepted by Jira yet`}>
          <p>{developmentInfo.lastError}</p>
          <p>The app retries with growing pauses; nothing is lost meanwhile.</p>
        </SectionMessage>
      ) : developmentInfo.pending > 0 ? (
        `${developmentInfo.pending} item(s) waiting to be sent to Jira.`
      ) : (
        'Everything is in Jira.'
      )}
    </div>
  );
}
