import type { ResolverAnswer } from '../../../src/resolvers/resolver-contract';

type LinkResult = ResolverAnswer<'setRepositoryLinks'>['results'][number];

/** One repository's change, in a phrase: "octo/repo-001: linked, webhook added". */
export function linkResultText(result: LinkResult): string {
  const webhook =
    result.webhook === 'created'
      ? ', webhook added'
      : result.webhook === 'removed'
        ? ', webhook removed'
        : result.webhook === 'manual' && result.linked
          ? ', add the webhook by hand'
          : '';
  return `${result.fullName}: ${result.linked ? 'linked' : 'unlinked'}${webhook}${result.message ? ` — ${result.message}` : ''}`;
}

/** What a change of links did, for the page's notice. */
export function linkResultsNotice(results: LinkResult[]): string {
  return results.map(linkResultText).join('. ') + '.';
}
