import Button from '@atlaskit/button/new';
import Toggle from '@atlaskit/toggle';
import { token } from '@atlaskit/tokens';
import { relativeTime } from '../../shared/relative-time';
import type { AccountSectionProps } from './account-sections';
import { ProjectScopeEditor } from './ProjectScopeEditor';
import { IN_PROGRESS, SYNC_LABELS } from './sync-status';
import { SyncProgress } from './SyncProgress';

const cell = { paddingRight: token('space.200') } as const;
const heading = { textAlign: 'left' } as const;

/** The linked repositories: each one's webhook, sync state, projects, smart commits, and a way to sync it again. */
export function LinkedRepositoriesTable({ account, actions }: AccountSectionProps) {
  if (account.repositories.length === 0) return null;
  return (
    <table data-testid="linked-repositories" style={{ borderCollapse: 'collapse' }}>
      <thead>
        <tr>
          <th style={heading}>Linked repository</th>
          <th style={heading}>Webhook</th>
          <th style={heading}>Sync</th>
          <th style={heading}>Shown on</th>
          <th style={heading}>Smart commits</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {account.repositories.map((repository) => (
          <tr key={repository.id}>
            <td style={cell}>{repository.fullName}</td>
            <td style={cell}>{repository.webhook === 'app' ? 'added by the app' : 'add by hand'}</td>
            <td data-testid={`sync-${repository.fullName}`}>
              {SYNC_LABELS[repository.syncStatus] ?? repository.syncStatus}
              {repository.syncStatus === 'syncing' && <SyncProgress progress={repository.progress} />}
              {repository.lastSyncAt !== null && ` · last ${relativeTime(repository.lastSyncAt)}`}
              {repository.lastError && <span style={{ color: token('color.text.danger') }}> · {repository.lastError}</span>}
            </td>
            <td style={cell}>
              <ProjectScopeEditor
                repositoryName={repository.fullName}
                projects={account.projects}
                current={repository.projectKeys}
                disabled={actions.busy}
                onSave={(projectKeys) => actions.act('setRepositoryProjects', { accountId: account.id, repositoryId: repository.id, projectKeys })}
              />
            </td>
            <td style={cell}>
              <Toggle
                id={`smart-commits-${repository.id}`}
                label={`Smart commits in ${repository.fullName}`}
                isChecked={repository.smartCommits}
                isDisabled={actions.busy || !account.settings.smartCommits}
                onChange={() => void actions.act('setRepositorySmartCommits', { accountId: account.id, repositoryId: repository.id, enabled: !repository.smartCommits })}
                testId={`smart-commits-${repository.fullName}`}
              />
            </td>
            <td style={{ display: 'flex', gap: token('space.050') }}>
              <Button
                spacing="compact"
                isDisabled={actions.busy || IN_PROGRESS.has(repository.syncStatus)}
                onClick={() => void actions.act('requestSync', { accountId: account.id, repositoryId: repository.id, mode: 'now' })}
                testId={`sync-now-${repository.fullName}`}
              >
                Sync now
              </Button>
              <Button
                spacing="compact"
                isDisabled={actions.busy || IN_PROGRESS.has(repository.syncStatus)}
                onClick={() => void actions.act('requestSync', { accountId: account.id, repositoryId: repository.id, mode: 'full' })}
              >
                Full resync
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
