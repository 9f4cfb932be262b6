import type { Ports } from '../ports/ports';
import { ACCOUNT_RESOLVER_NAMES, accountResolvers } from './account-resolvers';
import { getAdminOverview } from './admin-resolvers';
import { createBranch, getBranchOptions, getDevelopmentItems, getDevelopmentPanel } from './panel-resolvers';
import type { ResolverHandler } from './resolver-request';
import type { ResolverServices } from './resolver-services';

/**
 * Every resolver the front ends may `invoke`, by name. Forge needs the names when the module loads (before
 * any ports exist), so they are listed here and the record below must match them exactly.
 */
export const RESOLVER_NAMES = ['getDevelopmentPanel', 'getDevelopmentItems', 'getBranchOptions', 'createBranch', 'getAdminOverview', ...ACCOUNT_RESOLVER_NAMES] as const;
export type ResolverName = (typeof RESOLVER_NAMES)[number];

/** Each resolver keeps its own payload and answer types: resolver-contract.ts reads the front ends' contract from them. */
export function resolverDefinitions(ports: Ports, services: ResolverServices) {
  return {
    getDevelopmentPanel: getDevelopmentPanel(ports),
    getDevelopmentItems: getDevelopmentItems(ports),
    getBranchOptions: getBranchOptions(ports),
    createBranch: createBranch(ports, services),
    getAdminOverview: getAdminOverview(ports),
    ...accountResolvers(ports, services),
  } satisfies Record<ResolverName, ResolverHandler>;
}

export function isResolverName(name: unknown): name is ResolverName {
  return typeof name === 'string' && (RESOLVER_NAMES as readonly string[]).includes(name);
}
