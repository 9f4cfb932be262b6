import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { DevItem, DevItemKind, ItemPage } from '../../../src/dev-info/dev-info-items';
import type { ItemsAccess } from '../../../src/resolvers/panel-resolvers';
import { callResolver, ResolverCallError } from '../../shared/call-resolver';
import { ItemRow } from './ItemRows';

/** One list (commits, branches or pull requests) with its first page, growing by "Show more". */
export function ItemSection({ title, kind, total, first }: { title: string; kind: DevItemKind; total: number; first: ItemPage }) {
  const [items, setItems] = useState<DevItem[]>(first.items);
  const [cursor, setCursor] = useState(first.nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (total === 0) return null;

  const showMore = async () => {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    try {
      const answer = await callResolver<ItemsAccess>('getDevelopmentItems', { kind, cursor });
      if (answer.access === 'denied') setError(answer.message);
      else {
        setItems((shown) => [...shown, ...answer.page.items]);
        setCursor(answer.page.nextCursor);
      }
    } catch (failure) {
      setError(failure instanceof ResolverCallError ? failure.message : 'Could not load more. Try again.');
    } finally {
      setLoading(false);
    }
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
          <Button onClick={showMore} isDisabled={loading} testId={`show-more-${kind}`}>
            {loading ? 'Loading…' : `Show more ${title.toLowerCase()}`}
          </Button>
        </div>
      )}
    </section>
  );
}
