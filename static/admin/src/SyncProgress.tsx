import ProgressBar from '@atlaskit/progress-bar';
import { token } from '@atlaskit/tokens';
import type { AccountDetails } from './account-sections';

const PHASE_LABELS: Record<string, string> = { branches: 'reading branches', 'pull-requests': 'reading pull requests', commits: 'reading commits' };

/** How far the reading of one repository's history has got. */
export function SyncProgress({ progress }: { progress: AccountDetails['repositories'][number]['progress'] }) {
  const fraction = progress.total ? Math.min(1, progress.done / progress.total) : undefined;
  return (
    <div style={{ minWidth: 200 }}>
      <ProgressBar value={fraction ?? 0} isIndeterminate={fraction === undefined} ariaLabel="Sync progress" />
      <span style={{ color: token('color.text.subtle') }}>
        {PHASE_LABELS[progress.phase ?? ''] ?? 'starting'}: {progress.done}
        {progress.total ? ` of ${progress.total}` : ''} items
      </span>
    </div>
  );
}
