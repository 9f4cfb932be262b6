import ProgressBar from '@atlaskit/progress-bar';
import { token } from '@atlaskit/tokens';
import { englishNumber, nounFor } from '../../shared/plural';
import type { AccountDetails } from './account-sections';

const PHASE_LABELS: Record<string, string> = {
  branches: 'reading branches',
  'pull-requests': 'reading pull requests',
  commits: 'reading commits',
  builds: 'reading the latest builds',
};

/** How far the reading of one repository's history has got. */
export function SyncProgress({ repositoryName, progress }: { repositoryName: string; progress: AccountDetails['repositories'][number]['progress'] }) {
  const fraction = progress.total ? Math.min(1, progress.done / progress.total) : undefined;
  const total = progress.total ?? progress.done;
  return (
    <div style={{ minWidth: 0, maxWidth: 320, flex: '1 1 12rem' }}>
      <ProgressBar value={fraction ?? 0} isIndeterminate={fraction === undefined} ariaLabel={`Sync progress of ${repositoryName}`} />
      <span style={{ color: token('color.text.subtle') }}>
        {PHASE_LABELS[progress.phase ?? ''] ?? 'starting'}: {englishNumber(progress.done)}
        {progress.total ? ` of ${englishNumber(progress.total)}` : ''} {nounFor(total, 'item', 'items')}
      </span>
    </div>
  );
}
