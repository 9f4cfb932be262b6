import Button from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import type { PanelAccess } from '../../../src/resolvers/panel-resolvers';
import { useResolver } from '../../shared/use-resolver';
import { DevelopmentSummaryLine } from './DevelopmentSummaryLine';

/** The Development panel: who may see it is decided by the resolver, which sends nothing to others. */
export function DevelopmentPanel() {
  const { value, reload } = useResolver<PanelAccess>('getDevelopmentSummary');

  if (value.state === 'loading') {
    return (
      <div data-testid="panel-loading" style={{ padding: 8 }}>
        <Spinner size="medium" label="Loading development information" />
      </div>
    );
  }
  if (value.state === 'failed') {
    return (
      <SectionMessage appearance="error" title="Development information could not be loaded" actions={[<Button key="retry" onClick={reload}>Try again</Button>]}>
        <p data-testid="panel-error">{value.error.message}</p>
      </SectionMessage>
    );
  }
  const access = value.data;
  if (access.access === 'denied') {
    return (
      <SectionMessage appearance="information" title="No access to development information">
        <p data-testid="panel-denied">{access.message}</p>
      </SectionMessage>
    );
  }
  const { summary } = access;
  if (summary.commits + summary.branches + summary.pullRequests.total === 0) {
    return (
      <div data-testid="panel-empty">
        <EmptyState
          headingLevel={3}
          width="narrow"
          header="No development work yet"
          description={`Commits, branches and pull requests appear here when their message, name or title mentions ${access.issueKey}. For example: git commit -m "${access.issueKey} Fix the login redirect".`}
        />
      </div>
    );
  }
  return <DevelopmentSummaryLine summary={summary} />;
}
