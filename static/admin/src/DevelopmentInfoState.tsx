import SectionMessage from '@atlaskit/section-message/section-message';
import { countOf } from '../../shared/plural';
import type { AccountDetails } from './account-sections';

/**
 * How far Jira's own Development panel has caught up with this account's work. With the copy switched off,
 * nothing is waiting to be sent (what is queued is dropped), only removals from Jira, if any are left.
 */
export function DevelopmentInfoState({ mirroring, developmentInfo }: { mirroring: boolean; developmentInfo: AccountDetails['developmentInfo'] }) {
  const { toSend, toRemove, failing, lastError } = developmentInfo;
  const removing = toRemove > 0 ? `Removing ${countOf(toRemove, 'repository', 'repositories')} from Jira’s Development panel.` : null;
  if (!mirroring) return removing ? <div data-testid="mirror-state">{removing}</div> : null;
  return (
    <div data-testid="mirror-state">
      {failing > 0 ? (
        <SectionMessage appearance="warning" title={`Jira has not accepted ${countOf(failing, 'item', 'items')} yet`}>
          <p>{lastError}</p>
          <p>The app retries with growing pauses; nothing is lost meanwhile.</p>
        </SectionMessage>
      ) : toSend > 0 ? (
        `${countOf(toSend, 'item', 'items')} waiting to be sent to Jira.${removing ? ` ${removing}` : ''}`
      ) : (
        (removing ?? 'Everything is in Jira.')
      )}
    </div>
  );
}
