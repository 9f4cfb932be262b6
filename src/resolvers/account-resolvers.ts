import { withoutTrailingSlashes } from '../urls/http-url';
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
import type { ResolverServices } from './resolver-services';
import type { Ports } from '../ports/ports';
import { checkEnterpriseHostUrl, checkResolvesPublic } from '../git-hosts/host-url';
import { httpUrl } from '../urls/http-url-schema';
import { HOST_KINDS, PROVIDERS, publicWebUrl } from '../git-hosts/provider-hosts';
import { requireAdministrator } from './admin-resolvers';
import { definePayloadResolver, type PayloadSchema } from './define-resolver';
import { accountNameLabel, hostUrlLabel } from '../accounts/account-field-labels';
import { loadAccount } from '../accounts/load-account';
import { oauthClientProblem } from '../accounts/oauth-client-format';
import { unlinkImpact } from '../account-admin/unlink-impact';
import { adminPayloadFields, fieldError } from './admin-payload-fields';

// Messages for the fields an admin types are written in admin-payload-fields.ts, in the page's words.
const accountId = z.string().regex(/^acc_[a-z0-9]{1,40}$/);
const repositoryId = z.string().regex(/^repo_[0-9a-f]{24}$/);
const accountName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  // GitLab groups nest: a subgroup is named by its path (`acme/platform`); other hosts refuse the `/`.
  .regex(/^[\w.-]+(\/[\w.-]+){0,20}$/);
// Each host's form of the key is checked after parsing (oauth-client-format.ts), knowing the host.
const clientId = z.string().trim().min(1).max(100);
const clientSecret = z.string().trim().min(1).max(500);
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
    provider: z.enum(PROVIDERS),
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
  useAccessToken: z.strictObject({
    accountId,
    token: z
      .string()
      .trim()
      .min(1)
      .min(10)
      .max(500)
      .regex(/^[\x21-\x7e]+$/),
  }),
  listRemoteRepositories: z.strictObject({ accountId, cursor: z.string().max(2000).nullable().optional() }),
  setRepositoryLinks: z.strictObject({ accountId, changes: z.array(repository).min(1).max(200) }),
  requestSync: z.strictObject({ accountId, repositoryId, mode: z.enum(['now', 'full']) }),
  getUnlinkImpact: z.strictObject({ accountId, repositoryIds: z.array(repositoryId).min(1).max(200) }),
  diagnoseCommit: z.strictObject({ query: z.string().trim().min(1).max(10_000) }),
  setRepositorySmartCommits: z.strictObject({ accountId, repositoryId, enabled: z.boolean() }),
  setRepositoryProjects: z.strictObject({
    accountId,
    repositoryId,
    projectKeys: z
      .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{1,254}$/))
      .min(1)
      .max(500)
      .nullable(),
  }),
};

/** Whether an optional server address is empty or the public service's own address (`gitlab.com`). */
function isPublicAddress(input: string | undefined, publicUrl: string): boolean {
  const text = withoutTrailingSlashes((input ?? '').trim()).toLowerCase();
  return text === '' || text === publicUrl || `https://${text}` === publicUrl;
}

/** An admin resolver: the caller must hold Administer Jira, checked on the back end on every call. */
function adminResolver<S extends PayloadSchema, R>(ports: Ports, name: string, schema: S, body: (input: z.output<S>) => Promise<R>) {
  return definePayloadResolver({ name, log: ports.log, check: () => requireAdministrator(ports), payload: schema, fields: adminPayloadFields }, body);
}

export function accountResolvers(ports: Ports, { projectKeys }: ResolverServices) {
  return {
    createAccount: adminResolver(ports, 'createAccount', adminPayloads.createAccount, async (input) => {
      const kind = HOST_KINDS[input.provider];
      if (input.name.includes('/') && input.provider !== 'gitlab') {
        throw fieldError('name', `${accountNameLabel(input.provider)}: use the name exactly as it appears in its address on the Git host (letters, digits, - _ and .).`);
      }
      const oauthProblem = oauthClientProblem(input.provider, { key: input.oauthClientId, secret: input.oauthClientSecret });
      if (oauthProblem) throw fieldError(oauthProblem.field, oauthProblem.message);
      let hostUrl = publicWebUrl(input.provider) ?? '';
      // GitLab is gitlab.com unless the admin gives a self-managed server's address.
      const ownServer = kind.location === 'address' || (kind.location === 'public-or-address' && !isPublicAddress(input.hostUrl, hostUrl));
      if (ownServer) {
        const checked = checkEnterpriseHostUrl(input.hostUrl ?? '', {
          allowPrivateHosts: ports.config.allowPrivateHosts,
          ...(input.provider === 'gitlab' ? { serverName: 'GitLab server', example: 'https://gitlab.example.com' } : {}),
          ...(input.provider === 'bitbucket-data-center' ? { serverName: 'Bitbucket Data Center server', example: 'https://bitbucket.example.com', allowContextPath: true } : {}),
        });
        if (!checked.ok) throw fieldError('hostUrl', `${hostUrlLabel(input.provider)}: ${checked.message}`);
        if (!ports.config.allowPrivateHosts) {
          const resolved = await checkResolvesPublic(checked.url, ports.config.resolveHost);
          if (!resolved.ok) throw fieldError('hostUrl', `${hostUrlLabel(input.provider)}: ${resolved.message}`);
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
      if (changes.oauthClientId !== undefined || changes.oauthClientSecret !== undefined) {
        const stored = await loadAccount(ports, id);
        const problem = oauthClientProblem(stored.provider, { key: changes.oauthClientId, secret: changes.oauthClientSecret, storedKey: stored.oauth_client_id });
        if (problem) throw fieldError(problem.field, problem.message);
      }
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
    getUnlinkImpact: adminResolver(ports, 'getUnlinkImpact', adminPayloads.getUnlinkImpact, (input) => unlinkImpact(ports, input.accountId, input.repositoryIds)),
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
  'getUnlinkImpact',
  'deleteAccount',
  'requestSync',
  'setRepositoryProjects',
  'setRepositorySmartCommits',
  'diagnoseCommit',
] as const;
