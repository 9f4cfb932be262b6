import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import ProgressBar from '@atlaskit/progress-bar';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import TextField from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { token } from '@atlaskit/tokens';
import { router } from '@forge/bridge';
import { useEffect, useState, type ReactNode } from 'react';
import type { accountDetails, SecretRotation } from '../../../src/accounts/account-admin';
import { callResolver, ResolverCallError } from '../../shared/call-resolver';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { relativeTime } from '../../shared/relative-time';
import { useResolver } from '../../shared/use-resolver';
import { CopyField } from './CopyField';
import { DeleteAccountDialog } from './DeleteAccountDialog';
import { ProjectScopeEditor } from './ProjectScopeEditor';
import { RegenerateSecretDialog } from './RegenerateSecretDialog';
import { RepositoryPicker } from './RepositoryPicker';
import { STATUS_LABELS } from './status-labels';

export type AccountDetails = Awaited<ReturnType<typeof accountDetails>>;

const SYNC_LABELS: Record<string, string> = {
  queued: 'History queued',
  syncing: 'Syncing',
  synced: 'Synced',
  'rate-limited': 'Rate limited, continuing after the reset',
  failed: 'Failed',
  webhook: 'Webhooks only',
};
const IN_PROGRESS = new Set(['queued', 'syncing', 'rate-limited']);
/** How often the page refreshes while a repository's history is being read. */
const PROGRESS_REFRESH_MS = 3000;

/** What a regeneration did, in a sentence or two. */
function rotationNotice(rotation: SecretRotation): string {
  const until = new Date(rotation.previousAcceptedUntil).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const updated = rotation.updated.length === 0 ? 'No webhook was updated by the app.' : `Updated ${rotation.updated.length === 1 ? 'the webhook' : `${rotation.updated.length} webhooks`} the app created.`;
  const left = rotation.notUpdated.map((hook) => `${hook.fullName}: ${hook.reason}`).join(' ');
  return `New secret saved. ${updated} ${left} The old secret is accepted until ${until}.`.replace(/\s+/g, ' ').trim();
}

const section = { display: 'grid', gap: token('space.150'), paddingTop: token('space.200'), borderTop: `1px solid ${token('color.border')}` } as const;

/** One account: what to paste into the Git host, how to authorise, options, repositories, deletion. */
export function AccountView({ accountId, webhookSecret: createdSecret, onBack, onDeleted }: { accountId: string; webhookSecret?: string; onBack: () => void; onDeleted: (message: string) => void }) {
  const { value, reload } = useResolver<AccountDetails>('getAccount', { accountId });
  const [webhookSecret, setWebhookSecret] = useState(createdSecret);
  const [token_, setToken] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ResolverCallError | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [regenerating, setRegenerating] = useState(false);

  const act = async <T,>(name: string, payload: Record<string, unknown>, after?: (result: T) => void | Promise<void>) => {
    setBusy(name);
    setError(null);
    setNotice(null);
    try {
      const result = await callResolver<T>(name, { accountId, ...payload });
      await after?.(result);
      reload();
    } catch (failure) {
      setError(failure instanceof ResolverCallError ? failure : new ResolverCallError('unknown', 'Something went wrong. Try again.'));
    } finally {
      setBusy(null);
    }
  };

  const syncing = value.state === 'ready' && value.data.repositories.some((repository) => IN_PROGRESS.has(repository.syncStatus));
  useEffect(() => {
    if (!syncing) return undefined;
    const timer = setTimeout(reload, PROGRESS_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [syncing, value, reload]);

  if (value.state === 'loading') return <Spinner size="large" label="Loading the account" />;
  if (value.state === 'failed') return <ErrorMessage error={value.error} />;
  const account = value.data;
  const status = STATUS_LABELS[account.status] ?? { label: account.status, appearance: 'default' as const };
  const isBitbucket = account.provider === 'bitbucket-cloud';

  return (
    <div data-testid="account-view" style={{ display: 'grid', gap: token('space.200'), maxWidth: 800 }}>
      <div>
        <Button appearance="subtle" onClick={onBack}>
          ← All accounts
        </Button>
      </div>
      <div style={{ display: 'flex', gap: token('space.150'), alignItems: 'center' }}>
        <Heading size="large" as="h2">
          {account.providerName} · {account.name}
        </Heading>
        <Lozenge appearance={status.appearance} testId="account-status">
          {status.label}
        </Lozenge>
      </div>
      <span style={{ color: token('color.text.subtle') }}>{account.hostUrl}</span>
      {error && <ErrorMessage error={error} />}
      {notice && (
        <SectionMessage appearance="success">
          <p data-testid="account-notice">{notice}</p>
        </SectionMessage>
      )}

      <Section title={`Set up in ${account.providerName}`} testId="setup-values">
        <CopyField label="OAuth callback URL" value={account.callbackUrl} testId="setup-callbackUrl" help={`Paste into the ${isBitbucket ? 'OAuth consumer' : 'OAuth app'} as its callback URL.`} />
        <CopyField label="Webhook URL" value={account.webhookUrl} testId="setup-webhookUrl" help={isBitbucket ? 'Repository push, and pull request created / updated / merged / declined.' : 'Content type application/json; events: pushes, branch or tag creation and deletion, pull requests.'} />
        {webhookSecret ? (
          <CopyField label="Webhook secret (shown once)" value={webhookSecret} testId="setup-webhookSecret" help="Copy it now: Jira will not show it again. Regenerate it if it is lost." />
        ) : (
          <div style={{ display: 'flex', gap: token('space.100'), alignItems: 'center' }}>
            <strong>Webhook secret</strong> <span data-testid="webhook-secret-set">•••• set</span>
          </div>
        )}
        {regenerating ? (
          <RegenerateSecretDialog
            managedWebhooks={account.repositories.filter((repository) => repository.webhook === 'app').length}
            handAddedWebhooks={account.repositories.filter((repository) => repository.webhook !== 'app').length}
            busy={busy !== null}
            onCancel={() => setRegenerating(false)}
            onConfirm={() =>
              void act<SecretRotation>('regenerateWebhookSecret', {}, (result) => {
                setRegenerating(false);
                setWebhookSecret(result.webhookSecret);
                setNotice(rotationNotice(result));
              })
            }
          />
        ) : (
          <div>
            <Button onClick={() => setRegenerating(true)} isDisabled={busy !== null} testId="regenerate-secret">
              Regenerate webhook secret
            </Button>
          </div>
        )}
        <div>
          <strong>Grant at least:</strong>{' '}
          <span data-testid="required-permissions">{account.requiredPermissions.join(', ')}</span>
        </div>
      </Section>

      <Section title="Authorise">
        <div style={{ display: 'flex', gap: token('space.100'), flexWrap: 'wrap' }}>
          <Button
            appearance="primary"
            isDisabled={busy !== null || !account.oauthClientId || !account.secrets.oauthClientSecret}
            onClick={() => void act<{ authoriseUrl: string }>('startAuthorisation', {}, (result) => router.open(result.authoriseUrl))}
          >
            Authorise with {account.providerName}
          </Button>
          {isBitbucket && (
            <Button isDisabled={busy !== null || !account.oauthClientId || !account.secrets.oauthClientSecret} onClick={() => void act('authoriseWithClientCredentials', {}, () => setNotice('Connected with the consumer’s client credentials.'))}>
              Use client credentials
            </Button>
          )}
        </div>
        {(!account.oauthClientId || !account.secrets.oauthClientSecret) && <span style={{ color: token('color.text.subtle') }}>Enter the OAuth key and secret below to authorise with OAuth.</span>}
        <div style={{ display: 'flex', gap: token('space.100'), alignItems: 'end' }}>
          <div style={{ flex: 1 }}>
            <label htmlFor="access-token">Or use an access token ({isBitbucket ? 'repository or workspace access token' : 'personal or fine-grained token'})</label>
            <TextField id="access-token" type="password" value={token_} onChange={(event) => setToken(event.currentTarget.value)} testId="access-token" autoComplete="off" />
          </div>
          <Button isDisabled={busy !== null || token_.trim().length === 0} onClick={() => void act<{ identity: string }>('useAccessToken', { token: token_.trim() }, (result) => { setToken(''); setNotice(`Token accepted: it belongs to ${result.identity}.`); })} testId="save-access-token">
            Save token
          </Button>
        </div>
        <div>
          <strong>Credential</strong> <span data-testid="credential-state">{account.secrets.credential ? '•••• set' : 'not set'}</span>
        </div>
      </Section>

      <Section title="Options">
        <label style={{ display: 'flex', gap: token('space.100'), alignItems: 'center' }}>
          <Toggle isChecked={account.settings.autoLinkNewRepositories} onChange={() => void act('updateAccount', { settings: { autoLinkNewRepositories: !account.settings.autoLinkNewRepositories } })} label="Auto-link new repositories" />
          Auto-link new repositories
        </label>
        <label style={{ display: 'flex', gap: token('space.100'), alignItems: 'center' }}>
          <Toggle isChecked={account.settings.smartCommits} onChange={() => void act('updateAccount', { settings: { smartCommits: !account.settings.smartCommits } })} label="Smart commits" testId="toggle-smart-commits" />
          Smart commits
        </label>
        <label style={{ display: 'flex', gap: token('space.100'), alignItems: 'center' }}>
          <Toggle
            isChecked={account.settings.smartCommitsOnlyWhenAuthorPushes}
            isDisabled={!account.settings.smartCommits}
            onChange={() => void act('updateAccount', { settings: { smartCommitsOnlyWhenAuthorPushes: !account.settings.smartCommitsOnlyWhenAuthorPushes } })}
            label="Only when the pusher is the commit's author"
            testId="toggle-author-pushes"
          />
          Run smart commits only when the person who pushed is the commit's author
        </label>
        <label style={{ display: 'flex', gap: token('space.100'), alignItems: 'center' }}>
          <Toggle isChecked={account.settings.allowBranchCreation} onChange={() => void act('updateAccount', { settings: { allowBranchCreation: !account.settings.allowBranchCreation } })} label="Create branches from issues" testId="toggle-branch-creation" />
          Let people who see development tools create branches from an issue
        </label>
        <label style={{ display: 'flex', gap: token('space.100'), alignItems: 'center' }}>
          <Toggle isChecked={account.settings.mirrorDevelopmentInfo} onChange={() => void act('updateAccount', { settings: { mirrorDevelopmentInfo: !account.settings.mirrorDevelopmentInfo } })} label="Show in Jira's Development panel" testId="toggle-mirror" />
          Also show this account's work in Jira's own Development panel, Development field and <code>development[...]</code> JQL
        </label>
        {(account.settings.mirrorDevelopmentInfo || account.developmentInfo.pending > 0) && (
          <div data-testid="mirror-state">
            {account.developmentInfo.failing > 0 ? (
              <SectionMessage appearance="warning" title={`${account.developmentInfo.failing} item(s) not accepted by Jira yet`}>
                <p>{account.developmentInfo.lastError}</p>
                <p>The app retries with growing pauses; nothing is lost meanwhile.</p>
              </SectionMessage>
            ) : account.developmentInfo.pending > 0 ? (
              `${account.developmentInfo.pending} item(s) waiting to be sent to Jira.`
            ) : (
              'Everything is in Jira.'
            )}
          </div>
        )}
        <OAuthKeyEditor
          clientId={account.oauthClientId}
          secretSet={account.secrets.oauthClientSecret}
          disabled={busy !== null}
          onSave={(changes) => act('updateAccount', changes, () => setNotice('OAuth key and secret saved.'))}
        />
      </Section>

      <Section title="Repositories">
        {account.repositories.length > 0 && (
          <table data-testid="linked-repositories" style={{ borderCollapse: 'collapse' }}>
            <thead>
              <tr>
                <th style={{ textAlign: 'left' }}>Linked repository</th>
                <th style={{ textAlign: 'left' }}>Webhook</th>
                <th style={{ textAlign: 'left' }}>Sync</th>
                <th style={{ textAlign: 'left' }}>Shown on</th>
                <th style={{ textAlign: 'left' }}>Smart commits</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {account.repositories.map((repository) => (
                <tr key={repository.id}>
                  <td style={{ paddingRight: token('space.200') }}>{repository.fullName}</td>
                  <td style={{ paddingRight: token('space.200') }}>{repository.webhook === 'app' ? 'added by the app' : 'add by hand'}</td>
                  <td data-testid={`sync-${repository.fullName}`}>
                    {SYNC_LABELS[repository.syncStatus] ?? repository.syncStatus}
                    {repository.syncStatus === 'syncing' && <SyncProgress progress={repository.progress} />}
                    {repository.lastSyncAt !== null && ` · last ${relativeTime(repository.lastSyncAt)}`}
                    {repository.lastError && <span style={{ color: token('color.text.danger') }}> · {repository.lastError}</span>}
                  </td>
                  <td style={{ paddingRight: token('space.200') }}>
                    <ProjectScopeEditor
                      repositoryName={repository.fullName}
                      projects={account.projects}
                      current={repository.projectKeys}
                      disabled={busy !== null}
                      onSave={(projectKeys) => act('setRepositoryProjects', { repositoryId: repository.id, projectKeys })}
                    />
                  </td>
                  <td style={{ paddingRight: token('space.200') }}>
                    <Toggle
                      id={`smart-commits-${repository.id}`}
                      label={`Smart commits in ${repository.fullName}`}
                      isChecked={repository.smartCommits}
                      isDisabled={busy !== null || !account.settings.smartCommits}
                      onChange={() => void act('setRepositorySmartCommits', { repositoryId: repository.id, enabled: !repository.smartCommits })}
                      testId={`smart-commits-${repository.fullName}`}
                    />
                  </td>
                  <td style={{ display: 'flex', gap: token('space.050') }}>
                    <Button spacing="compact" isDisabled={busy !== null || IN_PROGRESS.has(repository.syncStatus)} onClick={() => void act('requestSync', { repositoryId: repository.id, mode: 'now' })} testId={`sync-now-${repository.fullName}`}>
                      Sync now
                    </Button>
                    <Button spacing="compact" isDisabled={busy !== null || IN_PROGRESS.has(repository.syncStatus)} onClick={() => void act('requestSync', { repositoryId: repository.id, mode: 'full' })}>
                      Full resync
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <SmartCommitErrors repositories={account.repositories} />
        {account.secrets.credential ? (
          <RepositoryPicker accountId={accountId} onSaved={reload} />
        ) : (
          <span>Authorise the account, or save an access token, to pick its repositories.</span>
        )}
      </Section>

      <section style={section}>
        <div>
          <Button appearance="danger" onClick={() => setDeleting(true)} testId="delete-account">
            Delete account
          </Button>
        </div>
      </section>
      {deleting && (
        <DeleteAccountDialog
          accountName={account.name}
          repositoryCount={account.repositories.length}
          webhookCount={account.repositories.filter((repository) => repository.webhook === 'app').length}
          onCancel={() => setDeleting(false)}
          onConfirm={async () => {
            const report = await callResolver<{ repositories: number; webhooksRemoved: number; webhooksLeft: string[] }>('deleteAccount', { accountId });
            onDeleted(
              `${account.name} was deleted with its ${report.repositories} repositories' development data and its secrets; ${report.webhooksRemoved} webhook(s) removed.` +
                (report.webhooksLeft.length > 0 ? ` Remove these webhooks by hand: ${report.webhooksLeft.join(', ')}.` : ''),
            );
          }}
        />
      )}
    </div>
  );
}

const PHASE_LABELS: Record<string, string> = { branches: 'reading branches', 'pull-requests': 'reading pull requests', commits: 'reading commits' };

function SyncProgress({ progress }: { progress: AccountDetails['repositories'][number]['progress'] }) {
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

function SmartCommitErrors({ repositories }: { repositories: AccountDetails['repositories'] }) {
  const errors = repositories.flatMap((repository) => repository.smartCommitErrors.map((error) => ({ ...error, repository: repository.fullName })));
  if (errors.length === 0) return null;
  return (
    <div data-testid="smart-commit-errors">
      <Heading size="small" as="h4">
        Smart commit errors
      </Heading>
      <ul>
        {errors.map((error) => (
          <li key={`${error.repositoryId}-${error.sha}-${error.issueKey}-${error.command}`}>
            <code>{error.sha.slice(0, 7)}</code> in {error.repository}
            {error.issueKey && ` · ${error.issueKey}`} {error.command && <code>{error.command}</code>}: {error.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Section({ title, testId, children }: { title: string; testId?: string; children: ReactNode }) {
  return (
    <section style={section} data-testid={testId}>
      <Heading size="medium" as="h3">
        {title}
      </Heading>
      {children}
    </section>
  );
}

function OAuthKeyEditor({ clientId, secretSet, disabled, onSave }: { clientId: string | null; secretSet: boolean; disabled: boolean; onSave: (changes: Record<string, string>) => Promise<void> }) {
  const [id, setId] = useState(clientId ?? '');
  const [secret, setSecret] = useState('');
  return (
    <div style={{ display: 'flex', gap: token('space.100'), alignItems: 'end', flexWrap: 'wrap' }}>
      <div>
        <label htmlFor="oauth-client-id">OAuth key (client id)</label>
        <TextField id="oauth-client-id" value={id} onChange={(event) => setId(event.currentTarget.value)} autoComplete="off" />
      </div>
      <div>
        <label htmlFor="oauth-secret">OAuth secret</label>
        <TextField id="oauth-secret" type="password" value={secret} placeholder={secretSet ? '•••• set — type to replace' : ''} onChange={(event) => setSecret(event.currentTarget.value)} autoComplete="new-password" />
      </div>
      <Button isDisabled={disabled || (!secret && id === (clientId ?? ''))} onClick={() => void onSave({ ...(id ? { oauthClientId: id } : {}), ...(secret ? { oauthClientSecret: secret } : {}) }).then(() => setSecret(''))}>
        Save OAuth key
      </Button>
    </div>
  );
}
