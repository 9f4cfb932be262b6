import { z } from 'zod';
import { accountDetails } from '../account-admin/account-details';
import { accountUrls } from '../accounts/account-urls';
import { authoriseWithClientCredentials, startAuthorisation, useAccessToken } from '../account-admin/authorise-account';
import { deleteAccount } from '../account-admin/delete-account';
import { listRemoteRepositories, setRepositoryLinks } from '../account-admin/link-repositories';
import { regenerateWebhookSecret } from '../account-admin/rotate-webhook-secret';
import { requestSync, setRepositoryProjects, setRepositorySmartCommits } from '../account-admin/repository-settings';
import { updateAccount } from '../account-admin/update-account';
import { createAccount } from '../account-admin/create-account';
import { diagnoseCommit } from '../diagnostics/diagnose-commit';
import { AppError } from '../errors/app-error';
import type { ResolverServices } from './resolver-services';
import type { Ports } from '../ports/ports';
import { checkEnterpriseHostUrl, checkResolvesPublic } from '../git-hosts/host-url';
import { httpUrl } from '../urls/http-url-schema';
import { PUBLIC_PROVIDER_HOSTS } from '../git-hosts/provider-hosts';
import { requireAdministrator } from './admin-resolvers';
import { definePayloadResolver, type PayloadSchema } from './define-resolver';

const accountId = z.string().regex(/^acc_[a-z0-9]{1,40}$/, 'Unknown account.');
const accountName = z
  .string()
  .trim()
  .min(1, 'Enter the team, organisation, workspace or user name.')
  .max(100)
  .regex(/^[\w.-]+$/, 'Use the name as it appears in the Git host’s URLs (letters, digits, - _ .).');
const clientId = z.string().trim().min(1, 'Enter the OAuth key (client id).').max(200);
const clientSecret = z.string().min(1, 'Enter the OAuth secret.').max(500);
const settings = z.strictObject({
  autoLinkNewRepositories: z.boolean().optional(),
  smartCommits: z.boolean().optional(),
  smartCommitsOnlyWhenAuthorPushes: z.boolean().optional(),
  mirrorDevelopmentInfo: z.boolean().optional(),
  allowBranchCreation: z.boolean().optional(),
});
const repository = z.strictObject({ providerRepoId: z.string().min(1).max(128), fullName: z.string().min(1).max(512), url: httpUrl.max(1024), linked: z.boolean() });

/** Every admin payload is checked here; unknown fields are refused rather than ignored. */
const adminPayloads = {
  createAccount: z.strictObject({
    provider: z.enum(['github', 'github-enterprise', 'bitbucket-cloud']),
    hostUrl: z.string().max(300).optional(),
    name: accountName,
    oauthClientId: clientId.optional(),
    oauthClientSecret: clientSecret.optional(),
    settings: settings.optional(),
  }),
  accountOnly: z.strictObject({ accountId }),
  updateAccount: z.strictObject({
    accountId,
    name: accountName.optional(),
    oauthClientId: clientId.optional(),
    oauthClientSecret: clientSecret.optional(),
    settings: settings.optional(),
  }),
  useAccessToken: z.strictObject({ accountId, token: z.string().trim().min(10, 'That does not look like an access token.').max(500) }),
  listRemoteRepositories: z.strictObject({ accountId, cursor: z.string().max(2000).nullable().optional() }),
  setRepositoryLinks: z.strictObject({ accountId, changes: z.array(repository).min(1).max(200) }),
  requestSync: z.strictObject({ accountId, repositoryId: z.string().regex(/^repo_[0-9a-f]{24}$/, 'Unknown repository.'), mode: z.enum(['now', 'full']) }),
  diagnoseCommit: z.strictObject({ query: z.string().trim().min(1, 'Paste a commit sha or message.').max(10_000) }),
  setRepositorySmartCommits: z.strictObject({
    accountId,
    repositoryId: z.string().regex(/^repo_[0-9a-f]{24}$/, 'Unknown repository.'),
    enabled: z.boolean(),
  }),
  setRepositoryProjects: z.strictObject({
    accountId,
    repositoryId: z.string().regex(/^repo_[0-9a-f]{24}$/, 'Unknown repository.'),
    projectKeys: z
      .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{1,254}$/, 'Not a project key.'))
      .min(1, 'Choose at least one project, or allow all.')
      .max(500)
      .nullable(),
  }),
};

/** An admin resolver: the caller must hold Administer Jira, checked on the back end on every call. */
function adminResolver<S extends PayloadSchema, R>(ports: Ports, name: string, schema: S, body: (input: z.output<S>) => Promise<R>) {
  return definePayloadResolver({ name, log: ports.log, check: () => requireAdministrator(ports), payload: schema }, body);
}

export function accountResolvers(ports: Ports, { projectKeys }: ResolverServices) {
  return {
    createAccount: adminResolver(ports, 'createAccount', adminPayloads.createAccount, async (input) => {
      let hostUrl = input.provider === 'bitbucket-cloud' ? PUBLIC_PROVIDER_HOSTS.bitbucket.web : PUBLIC_PROVIDER_HOSTS.github.web;
      if (input.provider === 'github-enterprise') {
        const checked = checkEnterpriseHostUrl(input.hostUrl ?? '', { allowPrivateHosts: ports.config.allowPrivateHosts });
        if (!checked.ok) throw new AppError('invalid_input', `hostUrl: ${checked.message}`, { detail: { field: 'hostUrl' } });
        if (!ports.config.allowPrivateHosts) {
          const resolved = await checkResolvesPublic(checked.url, ports.config.resolveHost);
          if (!resolved.ok) throw new AppError('invalid_input', `hostUrl: ${resolved.message}`, { detail: { field: 'hostUrl' } });
        }
        hostUrl = checked.url;
      }
      const created = await createAccount(ports, {
        provider: input.provider,
        hostUrl,
        name: input.name,
        authMethod: 'oauth',
        settings: input.settings,
        oauthClientId: input.oauthClientId,
        oauthClientSecret: input.oauthClientSecret,
      });
      // The webhook secret is shown this once, to paste into the Git host; afterwards only "set" is shown.
      return { accountId: created.id, webhookSecret: created.webhookSecret, ...(await accountUrls(ports, { id: created.id, provider: input.provider })) };
    }),
    getAccount: adminResolver(ports, 'getAccount', adminPayloads.accountOnly, (input) => accountDetails(ports, input.accountId)),
    updateAccount: adminResolver(ports, 'updateAccount', adminPayloads.updateAccount, async ({ accountId: id, ...changes }) => {
      await updateAccount(ports, id, changes);
      return accountDetails(ports, id);
    }),
    regenerateWebhookSecret: adminResolver(ports, 'regenerateWebhookSecret', adminPayloads.accountOnly, (input) => regenerateWebhookSecret(ports, input.accountId)),
    useAccessToken: adminResolver(ports, 'useAccessToken', adminPayloads.useAccessToken, (input) => useAccessToken(ports, input.accountId, input.token)),
    startAuthorisation: adminResolver(ports, 'startAuthorisation', adminPayloads.accountOnly, (input) => startAuthorisation(ports, input.accountId)),
    authoriseWithClientCredentials: adminResolver(ports, 'authoriseWithClientCredentials', adminPayloads.accountOnly, (input) =>
      authoriseWithClientCredentials(ports, input.accountId),
    ),
    listRemoteRepositories: adminResolver(ports, 'listRemoteRepositories', adminPayloads.listRemoteRepositories, (input) =>
      listRemoteRepositories(ports, input.accountId, input.cursor ?? null),
    ),
    setRepositoryLinks: adminResolver(ports, 'setRepositoryLinks', adminPayloads.setRepositoryLinks, async (input) => ({
      results: await setRepositoryLinks(ports, input.accountId, input.changes),
    })),
    deleteAccount: adminResolver(ports, 'deleteAccount', adminPayloads.accountOnly, (input) => deleteAccount(ports, input.accountId)),
    diagnoseCommit: adminResolver(ports, 'diagnoseCommit', adminPayloads.diagnoseCommit, (input) => diagnoseCommit(ports, projectKeys, input.query)),
    setRepositoryProjects: adminResolver(ports, 'setRepositoryProjects', adminPayloads.setRepositoryProjects, async (input) => {
      await setRepositoryProjects(ports, input.accountId, input.repositoryId, input.projectKeys);
      return { queued: true };
    }),
    setRepositorySmartCommits: adminResolver(ports, 'setRepositorySmartCommits', adminPayloads.setRepositorySmartCommits, async (input) => {
      await setRepositorySmartCommits(ports, input.accountId, input.repositoryId, input.enabled);
      return { saved: true };
    }),
    requestSync: adminResolver(ports, 'requestSync', adminPayloads.requestSync, async (input) => {
      await requestSync(ports, input.accountId, input.repositoryId, input.mode);
      return { queued: true };
    }),
  };
}

export const ACCOUNT_RESOLVER_NAMES = [
  'createAccount',
  'getAccount',
  'updateAccount',
  'regenerateWebhookSecret',
  'useAccessToken',
  'startAuthorisation',
  'authoriseWithClientCredentials',
  'listRemoteRepositories',
  'setRepositoryLinks',
  'deleteAccount',
  'requestSync',
  'setRepositoryProjects',
  'setRepositorySmartCommits',
  'diagnoseCommit',
] as const;
