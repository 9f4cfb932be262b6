import { token } from '@atlaskit/tokens';
import { useId } from 'react';
import type { Reviewer } from './panel-answers';
import { visuallyHidden } from '../../shared/visually-hidden';

/**
 * How each standing reads: a mark that does not rely on colour alone, and words for everything but an
 * approval, whose tick says it (and says "approved" to a screen reader). Names only, never avatars:
 * dev-info-items.ts says why.
 */
const STANDING: Record<Reviewer['state'], { mark: string; words: string; color: string }> = {
  APPROVED: { mark: '✓', words: 'approved', color: token('color.text.success') },
  CHANGES_REQUESTED: { mark: '✕', words: 'changes requested', color: token('color.text.danger') },
  COMMENTED: { mark: '•', words: 'commented', color: token('color.text.subtle') },
  PENDING: { mark: '○', words: 'pending', color: token('color.text.subtle') },
};

const list = { display: 'flex', flexWrap: 'wrap', gap: `${token('space.025')} ${token('space.100')}`, listStyle: 'none', margin: 0, padding: 0, minWidth: 0 } as const;

/** A pull request's reviewers and where each stands: "✓ alice", "bob (changes requested)", "carol (pending)". */
export function ReviewerList({ reviewers }: { reviewers: Reviewer[] }) {
  const labelId = useId();
  if (reviewers.length === 0) return null;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.075'), alignItems: 'baseline', font: token('font.body.small'), color: token('color.text.subtle') }}>
      <span id={labelId}>Reviewers</span>
      <ul style={list} aria-labelledby={labelId} data-testid="reviewers">
        {reviewers.map((reviewer) => {
          const standing = STANDING[reviewer.state];
          return (
            <li key={reviewer.name} data-testid="reviewer" data-state={reviewer.state} title={`${reviewer.name}: ${standing.words}`}>
              <span aria-hidden style={{ color: standing.color, fontWeight: token('font.weight.bold') }}>
                {standing.mark}
              </span>{' '}
              <span style={{ color: token('color.text') }}>{reviewer.name}</span>
              {reviewer.state === 'APPROVED' ? <span style={visuallyHidden}> (approved)</span> : <span> ({standing.words})</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
