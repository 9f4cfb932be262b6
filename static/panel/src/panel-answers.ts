import type { ResolverAnswer } from '../../../src/resolvers/resolver-contract';

/** The shapes the panel draws, as the panel's resolvers answer them (resolver-contract.ts). */
type GrantedPanel = Extract<ResolverAnswer<'getDevelopmentPanel'>, { access: 'granted' }>;
export type DevelopmentSummary = GrantedPanel['summary'];
export type ItemPage = GrantedPanel['commits'];
export type DevItem = ItemPage['items'][number];
export type DevItemOfKind<K extends DevItem['kind']> = Extract<DevItem, { kind: K }>;
