import Button from '@atlaskit/button/default/button';
import { Checkbox } from '@atlaskit/checkbox';
import SectionMessage from '@atlaskit/section-message/section-message';
import Spinner from '@atlaskit/spinner';
import TextField from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useEffect, useMemo, useState } from 'react';
import type { ResolverAnswer } from '../../../src/resolvers/resolver-contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { countOf } from '../../shared/plural';
import { useResolverAction } from '../../shared/use-resolver-action';
import type { AccountSectionProps } from './account-sections';
import { linkResultText } from './link-results-notice';
import { IN_PROGRESS } from './sync-status';
import { UnlinkConfirmation } from './UnlinkConfirmation';

type RemoteRepository = ResolverAnswer<'listRemoteRepositories'>['repositories'][number];

/**
 * The account's repositories from the Git host, a page at a time, each with a checkbox. Saving links the
 * ticked ones (the app adds their webhooks where it may) and, after a confirmation that says what leaves the
 * issues, unlinks the unticked ones that were linked. How each linked repository's webhook and sync stand is
 * shown once, in the list of linked repositories above, from the account's stored state.
 */
export function RepositoryPicker({ account, actions }: AccountSectionProps) {
  const accountId = account.id;
  const [repositories, setRepositories] = useState<RemoteRepository[]>([]);
  const [wanted, setWanted] = useState<Record<string, boolean>>({});
  const [next, setNext] = useState<string | null>(null);
  // The first page is asked for only after the first paint; until it has answered, the list is loading.
  const [firstAnswered, setFirstAnswered] = useState(false);
  const [filter, setFilter] = useState('');
  const [results, setResults] = useState<ResolverAnswer<'setRepositoryLinks'>['results'] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { run, isRunning, error } = useResolverAction();
  const loading = !firstAnswered || isRunning('listRemoteRepositories');
  const saving = isRunning('setRepositoryLinks');

  const load = (cursor: string | null) =>
    run(
      'listRemoteRepositories',
      { accountId, cursor },
      (page) => {
        setRepositories((shown) => [...(cursor ? shown : []), ...page.repositories]);
        setNext(page.next);
      },
      'The repositories could not be loaded.',
    );
  useEffect(() => {
    void load(null).then(() => setFirstAnswered(true));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [accountId]);

  // Which are linked comes from the account as stored (also after a row's Unlink), not from this list's first answer.
  const linkedIds = new Set(account.repositories.map((repository) => repository.providerRepoId));
  const isLinked = (repository: RemoteRepository) => linkedIds.has(repository.providerRepoId);
  const wantedOf = (repository: RemoteRepository) => wanted[repository.providerRepoId] ?? isLinked(repository);
  const visible = useMemo(() => repositories.filter((repository) => repository.fullName.toLowerCase().includes(filter.trim().toLowerCase())), [repositories, filter]);
  const changes = repositories.filter((repository) => wantedOf(repository) !== isLinked(repository));
  const unlinks = account.repositories.filter((linked) => changes.some((change) => change.providerRepoId === linked.providerRepoId));
  const allVisibleTicked = visible.length > 0 && visible.every(wantedOf);
  // Whether the repositories this save linked are still reading their history, from the account's stored state.
  const linkedNow = new Set(results?.filter((result) => result.linked).map((result) => result.fullName) ?? []);
  const stillReading = account.repositories.some((repository) => linkedNow.has(repository.fullName) && IN_PROGRESS.has(repository.syncStatus));

  const save = () =>
    run(
      'setRepositoryLinks',
      {
        accountId,
        changes: changes.map((repository) => ({ providerRepoId: repository.providerRepoId, fullName: repository.fullName, url: repository.url, linked: wantedOf(repository) })),
      },
      (answer) => {
        setConfirming(false);
        setResults(answer.results);
        actions.reload();
      },
      'The changes could not be saved.',
    );

  let emptyList: string | null = null;
  if (!loading && visible.length === 0 && !error) {
    emptyList = filter.trim() ? `No repositories match “${filter.trim()}”.` : `The account’s credential can see no repositories in ${account.name}.`;
  }

  return (
    <div data-testid="repository-picker" style={{ display: 'grid', gap: token('space.150') }}>
      {error && <ErrorMessage error={error} />}
      <div style={{ display: 'flex', gap: token('space.150'), alignItems: 'center', flexWrap: 'wrap' }}>
        <div style={{ flex: '1 1 14rem', minWidth: 0 }}>
          <TextField
            placeholder="Filter repositories"
            value={filter}
            onChange={(event) => setFilter(event.currentTarget.value)}
            testId="repository-filter"
            aria-label="Filter repositories"
          />
        </div>
        <Checkbox
          label="Select all shown"
          isChecked={allVisibleTicked}
          isDisabled={visible.length === 0}
          onChange={() => setWanted((current) => ({ ...current, ...Object.fromEntries(visible.map((repository) => [repository.providerRepoId, !allVisibleTicked])) }))}
          testId="select-all"
        />
      </div>
      {(visible.length > 0 || emptyList) && (
        <ul
          aria-label={`Repositories of ${account.name}`}
          style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: 360, overflowY: 'auto', border: `1px solid ${token('color.border')}`, borderRadius: 3 }}
        >
          {visible.map((repository) => (
            <li
              key={repository.providerRepoId}
              style={{ padding: `${token('space.050')} ${token('space.100')}`, borderBottom: `1px solid ${token('color.border')}`, overflowWrap: 'anywhere' }}
            >
              <Checkbox
                label={`${repository.fullName}${isLinked(repository) ? ' · linked' : ''}`}
                isChecked={wantedOf(repository)}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  setWanted((current) => ({ ...current, [repository.providerRepoId]: checked }));
                }}
                testId={`repository-${repository.fullName}`}
              />
            </li>
          ))}
          {emptyList && (
            <li style={{ padding: token('space.100') }} data-testid="repository-list-empty">
              {emptyList}
            </li>
          )}
        </ul>
      )}
      <div style={{ display: 'flex', gap: token('space.100'), alignItems: 'center', flexWrap: 'wrap' }}>
        {loading && <Spinner size="small" label="Loading repositories" />}
        {next && !loading && <Button onClick={() => void load(next)}>Load more repositories</Button>}
        <Button
          appearance="primary"
          onClick={() => (unlinks.length > 0 ? setConfirming(true) : void save())}
          isDisabled={saving || confirming || changes.length === 0}
          testId="save-repositories"
        >
          {saving ? 'Saving…' : changes.length === 0 ? 'No changes' : `Save ${countOf(changes.length, 'change', 'changes')}`}
        </Button>
      </div>
      {confirming && <UnlinkConfirmation accountId={accountId} repositories={unlinks} busy={saving} onCancel={() => setConfirming(false)} onConfirm={() => void save()} />}
      {results && (
        <SectionMessage appearance={results.some((result) => result.message) ? 'warning' : 'success'} title="Repositories updated">
          <ul data-testid="link-results">
            {results.map((result) => (
              <li key={result.fullName}>{linkResultText(result)}</li>
            ))}
          </ul>
          {stillReading && <p data-testid="history-reading">Their history is being read in the background; progress shows on each repository above.</p>}
        </SectionMessage>
      )}
    </div>
  );
}
