import { token } from '@atlaskit/tokens';
import { useId, type ReactNode } from 'react';
import type { Reviewer } from './panel-answers';
import { visuallyHidden } from '../../shared/visually-hidden';

/**
 * How each standing reads: a mark that does not rely on colour alone, and words for everything but an
 * approval, whose tick says it (and says "approved" to a screen reader). Names only, never avatars:
 * dev-info-items.ts says why.
 */
const STANDING: Record<Reviewer['state'], { mark: ReactNode; words: string; color: string }> = {
  APPROVED: { mark: <polyline points="2,6.5 5,9.5 10,3" />, words: 'approved', color: token('color.text.success') },
  CHANGES_REQUESTED: { mark: <path d="M3,3 L9,9 M9,3 L3,9" />, words: 'changes requested', color: token('color.text.danger') },
  COMMENTED: { mark: <circle cx="6" cy="6" r="2" fill="currentColor" />, words: 'commented', color: token('color.text.subtle') },
  PENDING: { mark: <circle cx="6" cy="6" r="3.5" />, words: 'pending', color: token('color.text.subtle') },
};

/**
 * The standing's mark, drawn rather than a character (✓ ✕ ○): a glyph depends on the fonts of the reader's
 * machine, and where none has it the mark silently disappears, leaving an approval with no sign at all.
 */
function StandingMark({ standing }: { standing: (typeof STANDING)[Reviewer['state']] }) {
  return (
    <svg
      aria-hidden
      width="12"
      height="12"
      viewBox="0 0 12 12"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.75"
      strokeLinecap="round"
      style={{ color: standing.color, verticalAlign: '-1px' }}
    >
      {standing.mark}
    </svg>
  );
}

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
              <StandingMark standing={standing} /> <span style={{ color: token('color.text') }}>{reviewer.name}</span>
              {reviewer.state === 'APPROVED' ? <span style={visuallyHidden}> (approved)</span> : <span> ({standing.words})</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
