import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Form, { CheckboxField, ErrorMessage as FieldError, Field, FormFooter, FormHeader, HelperMessage } from '@atlaskit/form';
import { RadioGroup } from '@atlaskit/radio';
import TextField from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
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
];

const required = (message: string) => (value?: string) => (value && value.trim() ? undefined : message);

/** "Link a Bitbucket or GitHub account": validated here for quick feedback, and again on the back end. */
export function LinkAccountForm({ onCreated, onCancel }: { onCreated: (account: ResolverAnswer<'createAccount'>) => void; onCancel: () => void }) {
  const [provider, setProvider] = useState<Provider>('github');
  const [failure, setFailure] = useState<ResolverCallError | null>(null);

  const submit = async (values: Values) => {
    setFailure(null);
    try {
      const created = await callResolver('createAccount', {
        provider: values.provider,
        name: values.name.trim(),
        ...(values.provider === 'github-enterprise' ? { hostUrl: values.hostUrl?.trim() ?? '' } : {}),
        ...(values.oauthClientId?.trim() ? { oauthClientId: values.oauthClientId.trim() } : {}),
        ...(values.oauthClientSecret ? { oauthClientSecret: values.oauthClientSecret } : {}),
        settings: { autoLinkNewRepositories: values.autoLinkNewRepositories, smartCommits: values.smartCommits },
      });
      onCreated(created);
      return undefined;
    } catch (error) {
      const failed = toCallError(error, 'The account could not be saved. Try again.');
      // Back-end validation names the field first ("hostUrl: ..."); show it on that field.
      const field = /^(\w+): (.*)$/.exec(failed.message);
      if (failed.code === 'invalid_input' && field) return { [field[1]!]: field[2]! };
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
            <FormHeader title="Link a Bitbucket or GitHub account" description="Required fields are marked with an asterisk." />
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
              <Field<string> name="hostUrl" label="Host URL" isRequired validate={required('Enter the address of your GitHub Enterprise server.')}>
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
            <Field<string>
              name="name"
              label={provider === 'bitbucket-cloud' ? 'Workspace' : 'Organisation or user'}
              isRequired
              defaultValue=""
              validate={required('Enter the account name as it appears in its URLs.')}
            >
              {({ fieldProps, error }) => (
                <>
                  <TextField {...fieldProps} testId="field-name" placeholder={provider === 'bitbucket-cloud' ? 'acme' : 'octo-org'} />
                  {error ? <FieldError>{error}</FieldError> : <HelperMessage>As in {provider === 'bitbucket-cloud' ? 'bitbucket.org/acme' : 'github.com/octo-org'}.</HelperMessage>}
                </>
              )}
            </Field>
            <Field<string> name="oauthClientId" label="OAuth key (client id)" defaultValue="">
              {({ fieldProps, error }) => (
                <>
                  <TextField {...fieldProps} testId="field-oauthClientId" autoComplete="off" />
                  {error ? <FieldError>{error}</FieldError> : <HelperMessage>Optional if you will use an access token instead of OAuth.</HelperMessage>}
                </>
              )}
            </Field>
            <Field<string> name="oauthClientSecret" label="OAuth secret" defaultValue="">
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
              <div style={{ display: 'flex', gap: token('space.100') }}>
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
