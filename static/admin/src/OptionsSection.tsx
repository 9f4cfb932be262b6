import Toggle from '@atlaskit/toggle';
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import type { ResolverPayload } from '../../../src/resolvers/resolver-contract';
import { AccountSection } from './AccountSection';
import type { AccountSectionProps } from './account-sections';
import { DevelopmentInfoState } from './DevelopmentInfoState';

const option = { display: 'flex', gap: token('space.100'), alignItems: 'center' } as const;

/** A switch the update payload accepts, so a toggle cannot send a setting the back end would refuse. */
type Setting = keyof NonNullable<ResolverPayload<'updateAccount'>['settings']>;

/** The account's switches: auto-linking, smart commits, branch creation, Jira's Development panel. */
export function OptionsSection({ account, actions }: AccountSectionProps) {
  const { settings } = account;
  const toggle = (setting: Setting) => void actions.act('updateAccount', { accountId: account.id, settings: { [setting]: !settings[setting] } });
  // Each switch is named by the words beside it: one label, so what a screen reader says is what the page shows.
  const renderOption = (setting: Setting, testId: string, label: ReactNode, disabled = false) => (
    <div style={option}>
      <span style={{ flexShrink: 0 }}>
        <Toggle id={`option-${setting}`} isChecked={settings[setting]} isDisabled={disabled || actions.busy} onChange={() => toggle(setting)} testId={testId} />
      </span>
      <label htmlFor={`option-${setting}`}>{label}</label>
    </div>
  );
  return (
    <AccountSection title="Options">
      {renderOption('autoLinkNewRepositories', 'toggle-auto-link', 'Auto-link new repositories')}
      {renderOption('smartCommits', 'toggle-smart-commits', 'Smart commits')}
      {renderOption('smartCommitsOnlyWhenAuthorPushes', 'toggle-author-pushes', 'Run smart commits only when the person who pushed is the commit’s author', !settings.smartCommits)}
      {renderOption('allowBranchCreation', 'toggle-branch-creation', 'Let people who see development tools create branches from an issue')}
      {renderOption(
        'mirrorDevelopmentInfo',
        'toggle-mirror',
        <>
          Also show this account’s work in Jira’s own Development panel, Development field and <code>development[...]</code> JQL
        </>,
      )}
      <DevelopmentInfoState mirroring={settings.mirrorDevelopmentInfo} developmentInfo={account.developmentInfo} />
    </AccountSection>
  );
}
