import Button from '@atlaskit/button/default/button';
import SectionMessage from '@atlaskit/section-message/section-message';
import TextField from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { useResolverAction } from '../../shared/use-resolver-action';
import { fieldStyle, selectStyle } from './form-styles';
import { itemKey, ItemRow } from './ItemRows';
import { countOfKind, KIND_WORDS } from './kind-words';
import type { DevItem, DevItemKind, ListFilter, PanelRepository } from './panel-answers';
import { itemList, sectionHeading } from './SummarySection';

/** How long typing pauses before the list is asked for again; Enter asks at once. */
const TYPING_PAUSE_MS = 300;

/**
 * One kind's full list, narrowed on the server (repository, text, pull request state) and loaded 100 at a
 * time. Only the latest request's answer is shown, so a slow answer to an older filter never replaces a newer one.
 */
export interface FullListProps {
  kind: DevItemKind;
  total: number;
  repositories: PanelRepository[];
  onBack: () => void;
}

export function FullList({ kind, total, repositories, onBack }: FullListProps) {
  const words = KIND_WORDS[kind];
  const [repositoryId, setRepositoryId] = useState('');
  const [state, setState] = useState('');
  const [typed, setTyped] = useState('');
  const [text, setText] = useState('');
  const [items, setItems] = useState<DevItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [denied, setDenied] = useState<string | null>(null);
  const latest = useRef(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const { run, busy, error } = useResolverAction();

  const filter: ListFilter = {
    ...(repositoryId ? { repositoryId } : {}),
    ...(text ? { text } : {}),
    ...(state ? { state: state as NonNullable<ListFilter['state']> } : {}),
  };
  const filterKey = JSON.stringify(filter);
  const narrowed = filterKey !== '{}';

  const load = useCallback(
    (after: string | null) => {
      const request = (latest.current += 1);
      return run(
        'getDevelopmentItems',
        { kind, ...(JSON.parse(filterKey) as ListFilter), ...(after ? { cursor: after } : {}) },
        (answer) => {
          if (request !== latest.current) return;
          if (answer.access === 'denied') return setDenied(answer.message);
          setDenied(null);
          setItems((shown) => [...(after && shown ? shown : []), ...answer.page.items]);
          setCursor(answer.page.nextCursor);
        },
        after ? `Could not load more ${words.other}. Try again.` : `Could not load the ${words.other}. Try again.`,
      );
    },
    [kind, filterKey, run, words.other],
  );

  useEffect(() => {
    void load(null);
  }, [load]);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    const pause = setTimeout(() => setText(typed.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(pause);
  }, [typed]);

  return (
    <section data-testid={`full-list-${kind}`} aria-labelledby={`full-heading-${kind}`}>
      <Button appearance="subtle" spacing="compact" onClick={onBack} testId="back-to-summary">
        ← Back to summary
      </Button>
      <div style={{ marginTop: token('space.100') }}>
        <h3 style={sectionHeading} id={`full-heading-${kind}`} ref={heading} tabIndex={-1}>
          All {countOfKind(kind, total)}
        </h3>
      </div>
      <form
        role="search"
        aria-label={`Filter ${words.other}`}
        style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100'), alignItems: 'end', margin: `${token('space.100')} 0` }}
        onSubmit={(event) => {
          event.preventDefault();
          setText(typed.trim());
        }}
      >
        <label style={{ ...fieldStyle, flex: '1 1 12rem' }}>
          {`Find ${words.other}`}
          <TextField
            value={typed}
            maxLength={100}
            onChange={(event) => setTyped(event.currentTarget.value)}
            placeholder={kind === 'commit' ? 'Message, author or sha' : kind === 'branch' ? 'Branch name' : 'Title, branch, author or #number'}
            testId="list-filter-text"
            isCompact
          />
        </label>
        {repositories.length > 1 && (
          <label style={fieldStyle}>
            Repository
            <select style={selectStyle} value={repositoryId} onChange={(event) => setRepositoryId(event.currentTarget.value)} data-testid="list-filter-repository">
              <option value="">All repositories</option>
              {repositories.map((repository) => (
                <option key={repository.id} value={repository.id}>
                  {repository.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === 'pull_request' && (
          <label style={fieldStyle}>
            State
            <select style={selectStyle} value={state} onChange={(event) => setState(event.currentTarget.value)} data-testid="list-filter-state">
              <option value="">Any state</option>
              <option value="OPEN">Open</option>
              <option value="MERGED">Merged</option>
              <option value="DECLINED">Declined</option>
            </select>
          </label>
        )}
      </form>
      <div aria-live="polite" data-testid="list-status" style={{ color: token('color.text.subtle'), font: token('font.body.small') }}>
        {items === null
          ? `Loading ${words.other}…`
          : items.length === 0
            ? `No ${words.other} match.`
            : narrowed
              ? `${countOfKind(kind, items.length)} shown`
              : `${items.length} of ${total} shown`}
      </div>
      {items && items.length > 0 && (
        <ul style={itemList} data-testid="full-list-items">
          {items.map((item) => (
            <ItemRow key={itemKey(item)} item={item} />
          ))}
        </ul>
      )}
      {denied && (
        <SectionMessage appearance="information">
          <p>{denied}</p>
        </SectionMessage>
      )}
      {error && <ErrorMessage error={error} />}
      {cursor && (
        <div style={{ marginTop: token('space.100') }}>
          <Button onClick={() => void load(cursor)} isDisabled={busy} testId={`load-more-${kind}`}>
            {busy ? 'Loading…' : `Load more ${words.other}`}
          </Button>
        </div>
      )}
    </section>
  );
}
