import Button from '@atlaskit/button/default/button';
import { Checkbox } from '@atlaskit/checkbox';
import Form, { CheckboxField, ErrorMessage as FieldError, Field, FormFooter, FormHeader, HelperMessage } from '@atlaskit/form';
import { RadioGroup } from '@atlaskit/radio';
import TextField from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import { ACCOUNT_FIELD_LABELS, accountNameLabel, hostUrlLabel } from '../../../src/accounts/account-field-labels';
import { oauthClientProblem } from '../../../src/accounts/oauth-client-format';
import { adminPayloadFields } from '../../../src/resolvers/admin-payload-fields';
import type { ResolverAnswer, ResolverPayload } from '../../../src/resolvers/resolver-contract';
import { callResolver, toCallError, type ResolverCallError } from '../../shared/call-resolver';
import { ErrorMessage } from '../../shared/ErrorMessage';

type Provider = ResolverPayload<'createAccount'>['provider'];

interface Values {
  provider: Provider;
  hostUrl?: string;
  name: string;
  oauthClientId?: string;
  oauthClientSecret?: string;
  autoLinkNewRepositories: boolean;
  smartCommits: boolean;
}

const HOSTS = [
  { label: 'GitHub', value: 'github' },
  { label: 'GitHub Enterprise Server', value: 'github-enterprise' },
  { label: 'Bitbucket Cloud', value: 'bitbucket-cloud' },
  { label: 'GitLab (gitlab.com or self-managed)', value: 'gitlab' },
  { label: 'Bitbucket Data Center', value: 'bitbucket-data-center' },
];

const required = (message: string) => (value?: string) => (value && value.trim() ? undefined : message);

/** The back end's words for each field of this host's form, so the page and the back end say the same. */
const wordsFor = (provider: Provider) => adminPayloadFields({ provider });

/** "Link a Git account": validated here for quick feedback, and again on the back end. */
export function LinkAccountForm({ onCreated, onCancel }: { onCreated: (account: ResolverAnswer<'createAccount'>) => void; onCancel: () => void }) {
  const [provider, setProvider] = useState<Provider>('github');
  const [failure, setFailure] = useState<ResolverCallError | null>(null);

  const submit = async (values: Values) => {
    setFailure(null);
    const oauth = oauthClientProblem(values.provider, { key: values.oauthClientId?.trim(), secret: values.oauthClientSecret?.trim() });
    if (oauth) return { [oauth.field]: oauth.message };
    try {
      const created = await callResolver('createAccount', {
        provider: values.provider,
        name: values.name.trim(),
        ...(values.provider === 'github-enterprise' || values.provider === 'bitbucket-data-center' ? { hostUrl: values.hostUrl?.trim() ?? '' } : {}),
        ...(values.provider === 'gitlab' && values.hostUrl?.trim() ? { hostUrl: values.hostUrl.trim() } : {}),
        ...(values.oauthClientId?.trim() ? { oauthClientId: values.oauthClientId.trim() } : {}),
        ...(values.oauthClientSecret?.trim() ? { oauthClientSecret: values.oauthClientSecret.trim() } : {}),
        settings: { autoLinkNewRepositories: values.autoLinkNewRepositories, smartCommits: values.smartCommits },
      });
      onCreated(created);
      return undefined;
    } catch (error) {
      const failed = toCallError(error, 'The account could not be saved. Try again.');
      // A message about one field shows beside it.
      if (failed.code === 'invalid_input' && failed.field) return { [failed.field]: failed.message };
      setFailure(failed);
      return undefined;
    }
  };

  return (
    <div style={{ maxWidth: 560 }} data-testid="link-account-form">
      <Form<Values> onSubmit={submit}>
        {({ formProps, submitting }) => (
          // The fields check themselves (with messages in words); the browser's own required-field bubbles would hide those.
          <form {...formProps} noValidate>
            <FormHeader title="Link a Git account" description="Required fields are marked with an asterisk." />
            {failure && <ErrorMessage error={failure} />}
            <Field<string> name="provider" label="Host" defaultValue="github" isRequired>
              {({ fieldProps }) => (
                <RadioGroup
                  {...fieldProps}
                  options={HOSTS}
                  onChange={(event) => {
                    fieldProps.onChange(event.currentTarget.value);
                    setProvider(event.currentTarget.value as Provider);
                  }}
                />
              )}
            </Field>
            {provider === 'github-enterprise' && (
              <Field<string> name="hostUrl" label={hostUrlLabel(provider)} isRequired validate={required(wordsFor(provider).hostUrl!.empty)}>
                {({ fieldProps, error }) => (
                  <>
                    <TextField {...fieldProps} placeholder="https://github.example.com" testId="field-hostUrl" />
                    {error ? (
                      <FieldError>{error}</FieldError>
                    ) : (
                      <HelperMessage>
                        The address of your GitHub Enterprise server, as people open it in a browser: not Jira's address and not github.com. It must be reachable from the internet
                        over https.
                      </HelperMessage>
                    )}
                  </>
                )}
              </Field>
            )}
            {provider === 'bitbucket-data-center' && (
              <Field<string> name="hostUrl" label={hostUrlLabel(provider)} isRequired validate={required(wordsFor(provider).hostUrl!.empty)}>
                {({ fieldProps, error }) => (
                  <>
                    <TextField {...fieldProps} placeholder="https://bitbucket.example.com" testId="field-hostUrl" />
                    {error ? (
                      <FieldError>{error}</FieldError>
                    ) : (
                      <HelperMessage>
                        The https address of your Bitbucket Data Center server, as people open it in a browser, with its context path (such as /bitbucket) if it has one.
                      </HelperMessage>
                    )}
                  </>
                )}
              </Field>
            )}
            {provider === 'gitlab' && (
              <Field<string> name="hostUrl" label={hostUrlLabel(provider)} defaultValue="">
                {({ fieldProps, error }) => (
                  <>
                    <TextField {...fieldProps} placeholder="https://gitlab.example.com" testId="field-hostUrl" />
                    {error ? (
                      <FieldError>{error}</FieldError>
                    ) : (
                      <HelperMessage>Leave empty for gitlab.com; for a self-managed server, its https address as people open it in a browser.</HelperMessage>
                    )}
                  </>
                )}
              </Field>
            )}
            <Field<string> name="name" label={accountNameLabel(provider)} isRequired defaultValue="" validate={required(wordsFor(provider).name!.empty)}>
              {({ fieldProps, error }) => (
                <>
                  <TextField
                    {...fieldProps}
                    testId="field-name"
                    placeholder={provider === 'bitbucket-cloud' ? 'acme' : provider === 'gitlab' ? 'acme/platform' : provider === 'bitbucket-data-center' ? 'ACME' : 'octo-org'}
                  />
                  {error ? (
                    <FieldError>{error}</FieldError>
                  ) : (
                    <HelperMessage>
                      As in{' '}
                      {provider === 'bitbucket-cloud'
                        ? 'bitbucket.org/acme'
                        : provider === 'gitlab'
                          ? 'gitlab.com/acme/platform (a subgroup is its full path)'
                          : provider === 'bitbucket-data-center'
                            ? 'bitbucket.example.com/projects/ACME (the project key)'
                            : 'github.com/octo-org'}
                      .
                    </HelperMessage>
                  )}
                </>
              )}
            </Field>
            <Field<string> name="oauthClientId" label={ACCOUNT_FIELD_LABELS.oauthClientId} defaultValue="">
              {({ fieldProps, error }) => (
                <>
                  <TextField {...fieldProps} testId="field-oauthClientId" autoComplete="off" />
                  {error ? <FieldError>{error}</FieldError> : <HelperMessage>Optional if you will use an access token instead of OAuth.</HelperMessage>}
                </>
              )}
            </Field>
            <Field<string> name="oauthClientSecret" label={ACCOUNT_FIELD_LABELS.oauthClientSecret} defaultValue="">
              {({ fieldProps, error }) => (
                <>
                  <TextField {...fieldProps} type="password" testId="field-oauthClientSecret" autoComplete="new-password" />
                  {error ? <FieldError>{error}</FieldError> : <HelperMessage>Stored in Forge's secret storage; it is never shown again.</HelperMessage>}
                </>
              )}
            </Field>
            <CheckboxField name="autoLinkNewRepositories" defaultIsChecked>
              {({ fieldProps }) => <Checkbox {...fieldProps} label="Auto-link new repositories" />}
            </CheckboxField>
            <CheckboxField name="smartCommits" defaultIsChecked>
              {({ fieldProps }) => <Checkbox {...fieldProps} label="Enable smart commits" />}
            </CheckboxField>
            <FormFooter>
              <div style={{ display: 'flex', gap: token('space.100'), flexWrap: 'wrap' }}>
                <Button appearance="subtle" onClick={onCancel}>
                  Cancel
                </Button>
                <Button type="submit" appearance="primary" isDisabled={submitting} testId="link-account-submit">
                  {submitting ? 'Saving…' : 'Link account'}
                </Button>
              </div>
            </FormFooter>
          </form>
        )}
      </Form>
    </div>
  );
}
