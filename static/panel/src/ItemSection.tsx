import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import { useResolverAction } from '../../shared/use-resolver-action';
import { ItemRow } from './ItemRows';
import type { DevItem, ItemPage } from './panel-answers';

/** One list (commits, branches or pull requests) with its first page, growing by "Show more". */
export function ItemSection({ title, kind, total, first }: { title: string; kind: DevItem['kind']; total: number; first: ItemPage }) {
  const [items, setItems] = useState(first.items);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [denied, setDenied] = useState<string | null>(null);
  const { run, busy: loading, error: failure } = useResolverAction();
  if (total === 0) return null;
  const error = denied ?? failure?.message;

  const showMore = async () => {
    if (!cursor) return;
    setDenied(null);
    await run(
      'getDevelopmentItems',
      { kind, cursor },
      (answer) => {
        if (answer.access === 'denied') setDenied(answer.message);
        else {
          setItems((shown) => [...shown, ...answer.page.items]);
          setCursor(answer.page.nextCursor);
        }
      },
      'Could not load more. Try again.',
    );
  };

  return (
    <section data-testid={`section-${kind}`} style={{ marginTop: token('space.200') }}>
      <Heading size="xsmall" as="h3">
        {title} ({total})
      </Heading>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {items.map((item) => (
          <ItemRow key={`${item.repository.name}/${item.kind === 'commit' ? item.sha : item.kind === 'branch' ? item.name : item.number}`} item={item} />
        ))}
      </ul>
      {error && (
        <SectionMessage appearance="error">
          <p>{error}</p>
        </SectionMessage>
      )}
      {cursor && (
        <div style={{ marginTop: token('space.100') }}>
          <Button onClick={() => void showMore()} isDisabled={loading} testId={`show-more-${kind}`}>
            {loading ? 'Loading…' : `Show more ${title.toLowerCase()}`}
          </Button>
        </div>
      )}
    </section>
  );
}
