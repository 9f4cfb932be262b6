import Button from '@atlaskit/button/default/button';
import Toggle from '@atlaskit/toggle';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import { relativeTime } from '../../shared/relative-time';
import type { AccountDetails, AccountSectionProps } from './account-sections';
import { BuildEventsLine } from './BuildEventsLine';
import { ProjectScopeEditor } from './ProjectScopeEditor';
import { webhookText } from './repository-text';
import { linkResultsNotice } from './link-results-notice';
import { IN_PROGRESS, SYNC_LABELS } from './sync-status';
import { SyncProgress } from './SyncProgress';
import { UnlinkConfirmation } from './UnlinkConfirmation';
import { visuallyHidden } from '../../shared/visually-hidden';

type Repository = AccountDetails['repositories'][number];

const row = { display: 'flex', flexWrap: 'wrap', gap: `${token('space.100')} ${token('space.200')}`, alignItems: 'center' } as const;
const subtle = { color: token('color.text.subtle') } as const;

/**
 * The linked repositories, one block each rather than a wide table, so that nothing is cut off in a narrow
 * frame: its sync, webhook, projects and smart commits, and a way to sync it again or unlink it. Every
 * control is named after its repository, so a screen reader's list of controls says which one each is.
 */
export function LinkedRepositoriesTable({ account, actions }: AccountSectionProps) {
  const [unlinking, setUnlinking] = useState<Repository | null>(null);
  if (account.repositories.length === 0) return null;
  const canSync = account.secrets.credential;
  return (
    <ul data-testid="linked-repositories" aria-label="Linked repositories" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: token('space.100') }}>
      {account.repositories.map((repository) => {
        const busy = actions.busy || IN_PROGRESS.has(repository.syncStatus);
        return (
          <li
            key={repository.id}
            data-testid={`repository-row-${repository.fullName}`}
            style={{ display: 'grid', gap: token('space.075'), padding: token('space.100'), border: `1px solid ${token('color.border')}`, borderRadius: 3 }}
          >
            <div style={row}>
              <strong style={{ overflowWrap: 'anywhere' }}>{repository.fullName}</strong>
              <span data-testid={`sync-${repository.fullName}`} style={{ overflowWrap: 'anywhere' }}>
                {SYNC_LABELS[repository.syncStatus] ?? repository.syncStatus}
                {repository.lastSyncAt !== null && ` · last ${relativeTime(repository.lastSyncAt)}`}
                {repository.lastError && !IN_PROGRESS.has(repository.syncStatus) && <span style={{ color: token('color.text.danger') }}> · {repository.lastError}</span>}
              </span>
              {repository.syncStatus === 'syncing' && <SyncProgress repositoryName={repository.fullName} progress={repository.progress} />}
            </div>
            <div style={row}>
              <span data-testid={`webhook-${repository.fullName}`}>
                <span style={subtle}>Webhook:</span> {webhookText(repository)}
              </span>
              <BuildEventsLine how={account.buildEventsToEnable} repository={repository} />
              <span>
                <span style={subtle}>Shown on:</span>{' '}
                <ProjectScopeEditor
                  repositoryName={repository.fullName}
                  projects={account.projects}
                  current={repository.projectKeys}
                  disabled={actions.busy}
                  onSave={(projectKeys) => actions.act('setRepositoryProjects', { accountId: account.id, repositoryId: repository.id, projectKeys })}
                />
              </span>
              <span style={{ display: 'inline-flex', alignItems: 'center', gap: token('space.050') }}>
                <Toggle
                  id={`smart-commits-${repository.id}`}
                  isChecked={repository.smartCommits}
                  isDisabled={actions.busy || !account.settings.smartCommits}
                  onChange={() => void actions.act('setRepositorySmartCommits', { accountId: account.id, repositoryId: repository.id, enabled: !repository.smartCommits })}
                  testId={`smart-commits-${repository.fullName}`}
                />
                <label htmlFor={`smart-commits-${repository.id}`}>
                  Smart commits<span style={visuallyHidden}> in {repository.fullName}</span>
                </label>
              </span>
            </div>
            <div style={{ ...row, gap: token('space.100') }}>
              {canSync ? (
                <>
                  <Button
                    spacing="compact"
                    isDisabled={busy}
                    aria-label={`Sync now ${repository.fullName}`}
                    onClick={() => void actions.act('requestSync', { accountId: account.id, repositoryId: repository.id, mode: 'now' })}
                    testId={`sync-now-${repository.fullName}`}
                  >
                    Sync now
                  </Button>
                  <Button
                    spacing="compact"
                    isDisabled={busy}
                    aria-label={`Full resync ${repository.fullName}`}
                    onClick={() => void actions.act('requestSync', { accountId: account.id, repositoryId: repository.id, mode: 'full' })}
                    testId={`full-resync-${repository.fullName}`}
                  >
                    Full resync
                  </Button>
                </>
              ) : (
                <span style={subtle}>Authorise the account to sync its history; webhooks keep it up to date meanwhile.</span>
              )}
              <Button
                spacing="compact"
                appearance="subtle"
                isDisabled={actions.busy}
                aria-label={`Unlink ${repository.fullName}`}
                onClick={() => setUnlinking(repository)}
                testId={`unlink-${repository.fullName}`}
              >
                Unlink
              </Button>
            </div>
            {unlinking?.id === repository.id && (
              <UnlinkConfirmation
                accountId={account.id}
                repositories={[repository]}
                busy={actions.busy}
                onCancel={() => setUnlinking(null)}
                onConfirm={() =>
                  void actions.act(
                    'setRepositoryLinks',
                    { accountId: account.id, changes: [{ providerRepoId: repository.providerRepoId, fullName: repository.fullName, url: repository.url, linked: false }] },
                    (answer) => {
                      setUnlinking(null);
                      actions.notify(linkResultsNotice(answer.results));
                    },
                  )
                }
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}
