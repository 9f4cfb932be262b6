import Button from '@atlaskit/button/default/button';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import { AccountSection } from './AccountSection';
import type { AccountSectionProps } from './account-sections';
import { CopyField } from './CopyField';
import { RegenerateSecretDialog } from './RegenerateSecretDialog';
import { rotationNotice } from './rotation-notice';

/**
 * What to paste into the Git host: the callback and webhook URLs, the webhook secret (in full only right
 * after it was made) and the permissions to grant.
 */
export function SetupValuesSection({ account, actions, createdSecret }: AccountSectionProps & { createdSecret?: string }) {
  const [webhookSecret, setWebhookSecret] = useState(createdSecret);
  const [regenerating, setRegenerating] = useState(false);
  const isBitbucket = account.provider === 'bitbucket-cloud';
  return (
    <AccountSection title={`Set up in ${account.providerName}`} testId="setup-values">
      <CopyField
        label="OAuth callback URL"
        value={account.callbackUrl}
        testId="setup-callbackUrl"
        help={`Paste into the ${isBitbucket ? 'OAuth consumer' : account.provider === 'gitlab' ? 'GitLab application (scope api)' : account.provider === 'bitbucket-data-center' ? 'incoming application link (OAuth 2.0)' : 'OAuth app'} as its callback URL.`}
      />
      <CopyField
        label="Webhook URL"
        value={account.webhookUrl}
        testId="setup-webhookUrl"
        help={
          isBitbucket
            ? 'Triggers: repository push; pull request created, updated, merged, declined, approved, approval removed, changes request created and removed; build status created and updated.'
            : account.provider === 'gitlab'
              ? 'Secret token = the webhook secret; triggers: push events, tag push events, merge request events, pipeline events, deployment events.'
              : account.provider === 'bitbucket-data-center'
                ? 'Secret = the webhook secret; events: repository push, pull request opened, source branch updated, modified, merged, declined, deleted.'
                : 'Content type application/json; events: pushes, branch or tag creation and deletion, pull requests, pull request reviews, check suites, check runs, workflow runs, statuses, deployments, deployment statuses.'
        }
      />
      {webhookSecret ? (
        <CopyField
          label="Webhook secret (shown once)"
          value={webhookSecret}
          testId="setup-webhookSecret"
          help="Copy it now: Jira will not show it again. Regenerate it if it is lost."
        />
      ) : (
        <div style={{ display: 'flex', gap: token('space.100'), alignItems: 'center' }}>
          <strong>Webhook secret</strong> <span data-testid="webhook-secret-set">•••• set</span>
        </div>
      )}
      {regenerating ? (
        <RegenerateSecretDialog
          managedWebhooks={account.repositories.filter((repository) => repository.webhook === 'app').length}
          handAddedWebhooks={account.repositories.filter((repository) => repository.webhook !== 'app').length}
          busy={actions.busy}
          onCancel={() => setRegenerating(false)}
          onConfirm={() =>
            void actions.act('regenerateWebhookSecret', { accountId: account.id }, (rotation) => {
              setRegenerating(false);
              setWebhookSecret(rotation.webhookSecret);
              actions.notify(rotationNotice(rotation));
            })
          }
        />
      ) : (
        <div>
          <Button onClick={() => setRegenerating(true)} isDisabled={actions.busy} testId="regenerate-secret">
            Regenerate webhook secret
          </Button>
        </div>
      )}
      <div>
        <strong>Grant at least:</strong> <span data-testid="required-permissions">{account.requiredPermissions.join(', ')}</span>
      </div>
    </AccountSection>
  );
}
