import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import { relativeTime } from '../../shared/relative-time';
import type { DevelopmentSummary } from './panel-answers';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "3 commits · 1 branch · 2 pull requests [1 OPEN] [1 MERGED]", then when it last changed. */
export function DevelopmentSummaryLine({ summary }: { summary: DevelopmentSummary }) {
  const { pullRequests } = summary;
  return (
    <div data-testid="panel-summary" style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100'), alignItems: 'center', color: token('color.text') }}>
      <span>{plural(summary.commits, 'commit', 'commits')}</span>
      <span aria-hidden>·</span>
      <span>{plural(summary.branches, 'branch', 'branches')}</span>
      <span aria-hidden>·</span>
      <span>{plural(pullRequests.total, 'pull request', 'pull requests')}</span>
      {pullRequests.open > 0 && <Lozenge appearance="inprogress">{pullRequests.open} open</Lozenge>}
      {pullRequests.merged > 0 && <Lozenge appearance="success">{pullRequests.merged} merged</Lozenge>}
      {pullRequests.declined > 0 && <Lozenge appearance="removed">{pullRequests.declined} declined</Lozenge>}
      {summary.lastUpdated !== null && <span style={{ color: token('color.text.subtlest') }}>updated {relativeTime(summary.lastUpdated)}</span>}
    </div>
  );
}
