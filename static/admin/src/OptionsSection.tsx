import Toggle from '@atlaskit/toggle';
import { token } from '@atlaskit/tokens';
import type { ResolverPayload } from '../../../src/resolvers/resolver-contract';
import { AccountSection } from './AccountSection';
import type { AccountSectionProps } from './account-sections';
import { DevelopmentInfoState } from './DevelopmentInfoState';
import { OAuthKeyEditor } from './OAuthKeyEditor';

const option = { display: 'flex', gap: token('space.100'), alignItems: 'center' } as const;

/** A switch the update payload accepts, so a toggle cannot send a setting the back end would refuse. */
type Setting = keyof NonNullable<ResolverPayload<'updateAccount'>['settings']>;

/** The account's switches (auto-linking, smart commits, branch creation, Jira's Development panel) and its OAuth key. */
export function OptionsSection({ account, actions }: AccountSectionProps) {
  const { settings } = account;
  const toggle = (setting: Setting) => void actions.act('updateAccount', { accountId: account.id, settings: { [setting]: !settings[setting] } });
  return (
    <AccountSection title="Options">
      <label style={option}>
        <Toggle isChecked={settings.autoLinkNewRepositories} onChange={() => toggle('autoLinkNewRepositories')} label="Auto-link new repositories" />
        Auto-link new repositories
      </label>
      <label style={option}>
        <Toggle isChecked={settings.smartCommits} onChange={() => toggle('smartCommits')} label="Smart commits" testId="toggle-smart-commits" />
        Smart commits
      </label>
      <label style={option}>
        <Toggle
          isChecked={settings.smartCommitsOnlyWhenAuthorPushes}
          isDisabled={!settings.smartCommits}
          onChange={() => toggle('smartCommitsOnlyWhenAuthorPushes')}
          label="Only when the pusher is the commit's author"
          testId="toggle-author-pushes"
        />
        Run smart commits only when the person who pushed is the commit's author
      </label>
      <label style={option}>
        <Toggle isChecked={settings.allowBranchCreation} onChange={() => toggle('allowBranchCreation')} label="Create branches from issues" testId="toggle-branch-creation" />
        Let people who see development tools create branches from an issue
      </label>
      <label style={option}>
        <Toggle isChecked={settings.mirrorDevelopmentInfo} onChange={() => toggle('mirrorDevelopmentInfo')} label="Show in Jira's Development panel" testId="toggle-mirror" />
        Also show this account's work in Jira's own Development panel, Development field and <code>development[...]</code> JQL
      </label>
      {(settings.mirrorDevelopmentInfo || account.developmentInfo.pending > 0) && <DevelopmentInfoState developmentInfo={account.developmentInfo} />}
      <OAuthKeyEditor
        clientId={account.oauthClientId}
        secretSet={account.secrets.oauthClientSecret}
        disabled={actions.busy}
        onSave={(changes) => actions.act('updateAccount', { accountId: account.id, ...changes }, () => actions.notify('OAuth key and secret saved.'))}
      />
    </AccountSection>
  );
}
