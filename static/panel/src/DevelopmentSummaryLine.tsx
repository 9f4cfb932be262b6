import Lozenge from '@atlaskit/lozenge/lozenge';
import { token } from '@atlaskit/tokens';
import { Moment } from '../../shared/Moment';
import { countOf } from '../../shared/plural';
import { countOfKind } from './kind-words';
import type { DevelopmentSummary } from './panel-answers';

const fixed = { flex: 'none' } as const;

/** "3 commits · 1 branch · 2 pull requests [1 OPEN] [1 MERGED]", then when it last changed. */
export function DevelopmentSummaryLine({ summary }: { summary: DevelopmentSummary }) {
  const { pullRequests } = summary;
  return (
    <div data-testid="panel-summary" style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100'), alignItems: 'center', color: token('color.text') }}>
      <span>{countOfKind('commit', summary.commits)}</span>
      <span aria-hidden>·</span>
      <span>{countOfKind('branch', summary.branches)}</span>
      <span aria-hidden>·</span>
      <span>{countOfKind('pull_request', pullRequests.total)}</span>
      {pullRequests.open > 0 && (
        <span style={fixed}>
          <Lozenge appearance="inprogress">{pullRequests.open} open</Lozenge>
        </span>
      )}
      {pullRequests.merged > 0 && (
        <span style={fixed}>
          <Lozenge appearance="success">{pullRequests.merged} merged</Lozenge>
        </span>
      )}
      {pullRequests.declined > 0 && (
        <span style={fixed}>
          <Lozenge appearance="removed">{pullRequests.declined} declined</Lozenge>
        </span>
      )}
      {summary.failingBuilds > 0 && (
        <span style={fixed} data-testid="summary-failing-builds">
          <Lozenge appearance="removed">{countOf(summary.failingBuilds, 'failing build', 'failing builds')}</Lozenge>
        </span>
      )}
      {summary.deployedTo !== null && (
        <span style={fixed} data-testid="summary-deployed-to">
          <Lozenge appearance="success">in {summary.deployedTo === 'unmapped' ? 'an environment' : summary.deployedTo}</Lozenge>
        </span>
      )}
      {summary.lastUpdated !== null && (
        <span style={{ color: token('color.text.subtle') }}>
          updated <Moment time={summary.lastUpdated} />
        </span>
      )}
    </div>
  );
}
