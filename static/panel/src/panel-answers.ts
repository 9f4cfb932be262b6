import type { ResolverAnswer, ResolverPayload } from '../../../src/resolvers/resolver-contract';

/** The shapes the panel draws, as the panel's resolvers answer them (resolver-contract.ts). */
export type GrantedPanel = Extract<ResolverAnswer<'getDevelopmentPanel'>, { access: 'granted' }>;
export type DevelopmentSummary = GrantedPanel['summary'];
export type ItemPage = GrantedPanel['commits'];
export type DevItem = ItemPage['items'][number];
export type DevItemKind = DevItem['kind'];
export type DevItemOfKind<K extends DevItemKind> = Extract<DevItem, { kind: K }>;
export type Reviewer = DevItemOfKind<'pull_request'>['reviewers'][number];
export type PanelRepository = GrantedPanel['repositories'][number];
export type ListFilter = Omit<ResolverPayload<'getDevelopmentItems'>, 'kind' | 'cursor'>;
export type BuildView = GrantedPanel['builds'][number];
export type DeploymentView = GrantedPanel['deployments'][number];
