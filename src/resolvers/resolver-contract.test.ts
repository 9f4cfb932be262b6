import type { callResolver } from '../../static/shared/call-resolver';
import { sandboxFixture } from '../../test/support/sandbox-fixture';
import type { ResolverAnswer, ResolverContract, ResolverPayload } from './resolver-contract';
import { RESOLVER_NAMES, type resolverDefinitions, type ResolverName } from './resolver-definitions';
import { composeApp } from '../app/compose-app';
import type { PanelAccess } from './panel-resolvers';

/**
 * Most of this file is checked by the compiler (npm run typecheck), not by jest: the contract is types only.
 * A resolver renamed, or a payload or an answer changed, without the front ends following, breaks the
 * build here as it does in static/.
 */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

export type ContractChecks = [
  // Forge registers exactly the resolvers that are defined, and the contract covers each one.
  Assert<Equal<keyof ReturnType<typeof resolverDefinitions>, ResolverName>>,
  Assert<Equal<keyof ResolverContract, ResolverName>>,
  // None fell through to `never`, as one whose payload is not a JSON object would.
  Assert<Equal<{ [N in ResolverName]: [ResolverContract[N]] extends [never] ? N : never }[ResolverName], never>>,
  // Payloads are what the schemas accept; resolvers that read none take none.
  Assert<Equal<ResolverPayload<'getAccount'>, { accountId: string }>>,
  Assert<Equal<ResolverPayload<'requestSync'>, { accountId: string; repositoryId: string; mode: 'now' | 'full' }>>,
  Assert<Equal<ResolverPayload<'getAdminOverview'>, undefined>>,
  Assert<Equal<ResolverPayload<'getDevelopmentPanel'>, undefined>>,
  // Answers are what the resolvers return.
  Assert<Equal<ResolverAnswer<'getDevelopmentPanel'>, PanelAccess>>,
  Assert<Equal<ResolverAnswer<'createBranch'>, { name: string; url: string }>>,
  Assert<Equal<ResolverAnswer<'requestSync'>, { queued: boolean }>>,
  Assert<Equal<ResolverAnswer<'diagnoseCommit'>['steps'][number]['outcome'], 'ok' | 'problem' | 'info'>>,
];

// @ts-expect-error: no resolver has this name
export type Unknown = ResolverAnswer<'getAccounts'>;

/** Calls as the front ends write them; compiled, never run. */
export function frontEndCalls(call: typeof callResolver) {
  const created: Promise<{ name: string; url: string }> = call('createBranch', { repositoryId: 'repo_0', from: 'main', name: 'DEMO-1-fix' });
  const overview = call('getAdminOverview');
  // @ts-expect-error: a resolver the back end does not define
  const renamed = call('getAccounts', { accountId: 'acc_1' });
  // @ts-expect-error: getAccount needs to know which account
  const missing = call('getAccount');
  // @ts-expect-error: a field the schema does not accept
  const extra = call('getAccount', { accountId: 'acc_1', name: 'octo' });
  // @ts-expect-error: a value the schema does not accept
  const wrong = call('requestSync', { accountId: 'acc_1', repositoryId: 'repo_0', mode: 'later' });
  // @ts-expect-error: the answer is not what the resolver returns
  const misread: Promise<{ steps: string[] }> = call('diagnoseCommit', { query: 'abc' });
  return [created, overview, renamed, missing, extra, wrong, misread];
}

describe('resolver contract', () => {
  it('defines a resolver for every name Forge registers, and no other', async () => {
    const fixture = await sandboxFixture();
    try {
      expect(Object.keys(composeApp(fixture.ports).resolvers).sort()).toEqual([...RESOLVER_NAMES].sort());
    } finally {
      await fixture.close();
    }
  });
});
