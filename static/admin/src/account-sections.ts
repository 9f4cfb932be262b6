import type { ResolverAnswer, ResolverName, ResolverPayload } from '../../../src/resolvers/resolver-contract';

export type AccountDetails = ResolverAnswer<'getAccount'>;

/**
 * What the sections of one account's page share: while any change runs, `busy` holds every button on the
 * page; its failure, and the notices sections give, show once at the top; and after each change the account
 * is read again, so every section shows what the change did.
 */
export interface AccountActions {
  act: <N extends ResolverName>(name: N, payload: ResolverPayload<N>, after?: (answer: ResolverAnswer<N>) => void | Promise<void>) => Promise<void>;
  busy: boolean;
  notify: (notice: string) => void;
  /** Reads the account again, for changes a section makes with its own calls (to show their errors beside its fields). */
  reload: () => void;
}

export interface AccountSectionProps {
  account: AccountDetails;
  actions: AccountActions;
}
