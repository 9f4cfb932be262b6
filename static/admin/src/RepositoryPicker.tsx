import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import TextField from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useEffect, useMemo, useState } from 'react';
import type { ResolverAnswer } from '../../../src/resolvers/resolver-contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { useResolverAction } from '../../shared/use-resolver-action';

/**
 * The account's repositories from the Git host, a page at a time, each with a checkbox. Saving links the
 * ticked ones (the app adds their webhooks where it may) and unlinks the unticked ones that were linked.
 */
export function RepositoryPicker({ accountId, onSaved }: { accountId: string; onSaved: () => void }) {
  const [repositories, setRepositories] = useState<ResolverAnswer<'listRemoteRepositories'>['repositories']>([]);
  const [wanted, setWanted] = useState<Record<string, boolean>>({});
  const [next, setNext] = useState<string | null>(null);
  // The first page is asked for only after the first paint; until it has answered, the list is loading.
  const [firstAnswered, setFirstAnswered] = useState(false);
  const [filter, setFilter] = useState('');
  const [results, setResults] = useState<ResolverAnswer<'setRepositoryLinks'>['results'] | null>(null);
  const { run, isRunning, error } = useResolverAction();
  const loading = !firstAnswered || isRunning('listRemoteRepositories');
  const saving = isRunning('setRepositoryLinks');

  const load = (cursor: string | null) =>
    run(
      'listRemoteRepositories',
      { accountId, cursor },
      (page) => {
        setRepositories((shown) => [...(cursor ? shown : []), ...page.repositories]);
        setWanted((current) => ({ ...Object.fromEntries(page.repositories.map((repository) => [repository.providerRepoId, repository.linked])), ...current }));
        setNext(page.next);
      },
      'The repositories could not be loaded.',
    );
  useEffect(() => {
    void load(null).then(() => setFirstAnswered(true));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [accountId]);

  const visible = useMemo(() => repositories.filter((repository) => repository.fullName.toLowerCase().includes(filter.trim().toLowerCase())), [repositories, filter]);
  const changes = repositories.filter((repository) => (wanted[repository.providerRepoId] ?? false) !== repository.linked);
  const allVisibleTicked = visible.length > 0 && visible.every((repository) => wanted[repository.providerRepoId]);

  const save = () =>
    run(
      'setRepositoryLinks',
      { accountId, changes: changes.map(({ providerRepoId, fullName, url }) => ({ providerRepoId, fullName, url, linked: wanted[providerRepoId] ?? false })) },
      (answer) => {
        setResults(answer.results);
        setRepositories((shown) => shown.map((repository) => ({ ...repository, linked: wanted[repository.providerRepoId] ?? false })));
        onSaved();
      },
      'The changes could not be saved.',
    );

  return (
    <div data-testid="repository-picker" style={{ display: 'grid', gap: token('space.150') }}>
      {error && <ErrorMessage error={error} />}
      <div style={{ display: 'flex', gap: token('space.150'), alignItems: 'center' }}>
        <div style={{ flex: 1 }}>
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
          onChange={() => setWanted((current) => ({ ...current, ...Object.fromEntries(visible.map((repository) => [repository.providerRepoId, !allVisibleTicked])) }))}
          testId="select-all"
        />
      </div>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: 360, overflowY: 'auto', border: `1px solid ${token('color.border')}`, borderRadius: 3 }}>
        {visible.map((repository) => (
          <li key={repository.providerRepoId} style={{ padding: `${token('space.050')} ${token('space.100')}`, borderBottom: `1px solid ${token('color.border')}` }}>
            <Checkbox
              label={`${repository.fullName}${repository.linked ? (repository.webhook === 'app' ? ' · linked, webhook added by the app' : ' · linked, webhook added by hand') : ''}`}
              isChecked={wanted[repository.providerRepoId] ?? false}
              onChange={(event) => {
                const checked = event.currentTarget.checked;
                setWanted((current) => ({ ...current, [repository.providerRepoId]: checked }));
              }}
              testId={`repository-${repository.fullName}`}
            />
          </li>
        ))}
        {!loading && visible.length === 0 && <li style={{ padding: token('space.100') }}>No repositories match.</li>}
      </ul>
      <div style={{ display: 'flex', gap: token('space.100'), alignItems: 'center' }}>
        {loading && <Spinner size="small" label="Loading repositories" />}
        {next && !loading && <Button onClick={() => void load(next)}>Load more repositories</Button>}
        <Button appearance="primary" onClick={() => void save()} isDisabled={saving || changes.length === 0} testId="save-repositories">
          {saving ? 'Saving…' : changes.length === 0 ? 'No changes' : `Save ${changes.length} change${changes.length === 1 ? '' : 's'}`}
        </Button>
      </div>
      {results && (
        <SectionMessage appearance={results.some((result) => result.message) ? 'warning' : 'success'} title="Repositories updated">
          <ul data-testid="link-results">
            {results.map((result) => (
              <li key={result.fullName}>
                {result.fullName}: {result.linked ? 'linked' : 'unlinked'}
                {result.webhook === 'created' && ', webhook added'}
                {result.webhook === 'removed' && ', webhook removed'}
                {result.webhook === 'manual' && ', add the webhook by hand'}
                {result.message && ` — ${result.message}`}
              </li>
            ))}
          </ul>
          {results.some((result) => result.linked) && <p>History is being fetched in the background; progress shows on each repository.</p>}
        </SectionMessage>
      )}
    </div>
  );
}
