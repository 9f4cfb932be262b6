import Button from '@atlaskit/button/default/button';
import { token } from '@atlaskit/tokens';
import { forwardRef } from 'react';
import { itemKey, ItemRow } from './ItemRows';
import { countOfKind, KIND_WORDS } from './kind-words';
import type { DevItemKind, ItemPage } from './panel-answers';

export const itemList = { listStyle: 'none', margin: 0, padding: 0 } as const;
/** Atlaskit's xsmall heading, on a plain element so that it can take focus. */
export const sectionHeading = { font: token('font.heading.xsmall'), color: token('color.text'), margin: 0 } as const;

/** One kind in the summary: its count, its newest items, and the full list one click away. */
export const SummarySection = forwardRef<HTMLButtonElement, { kind: DevItemKind; total: number; newest: ItemPage; onShowAll: () => void }>(function SummarySection(
  { kind, total, newest, onShowAll },
  showAll,
) {
  if (total === 0) return null;
  const words = KIND_WORDS[kind];
  return (
    <section data-testid={`section-${kind}`} aria-labelledby={`heading-${kind}`} style={{ marginTop: token('space.200') }}>
      <h3 style={sectionHeading} id={`heading-${kind}`}>
        {words.title} ({total})
      </h3>
      <ul style={itemList}>
        {newest.items.map((item) => (
          <ItemRow key={itemKey(item)} item={item} />
        ))}
      </ul>
      {total > newest.items.length && (
        <div style={{ marginTop: token('space.100') }}>
          <Button ref={showAll} appearance="subtle" spacing="compact" onClick={onShowAll} testId={`show-all-${kind}`}>
            Show all {countOfKind(kind, total)}
          </Button>
        </div>
      )}
    </section>
  );
});
