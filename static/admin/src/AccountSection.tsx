import Heading from '@atlaskit/heading';
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';

const frame = { display: 'grid', gap: token('space.150'), paddingTop: token('space.200'), borderTop: `1px solid ${token('color.border')}` } as const;

/** One part of an account's page, set off from the one above by a rule. */
export function AccountSection({ title, testId, children }: { title?: string; testId?: string; children: ReactNode }) {
  return (
    <section style={frame} data-testid={testId}>
      {title && (
        <Heading size="medium" as="h3">
          {title}
        </Heading>
      )}
      {children}
    </section>
  );
}
