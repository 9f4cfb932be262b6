import Button from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { useResolver } from '../../shared/use-resolver';
import { CreateBranch } from './CreateBranch';
import { DevelopmentSummaryLine } from './DevelopmentSummaryLine';
import { ItemSection } from './ItemSection';

/** The Development panel: who may see it is decided by the resolver, which sends nothing to others. */
export function DevelopmentPanel() {
  const { value, reload } = useResolver('getDevelopmentPanel');

  if (value.state === 'loading') {
    return (
      <div data-testid="panel-loading" style={{ padding: 8 }}>
        <Spinner size="medium" label="Loading development information" />
      </div>
    );
  }
  if (value.state === 'failed') {
    return (
      <SectionMessage
        appearance="error"
        title="Development information could not be loaded"
        actions={[
          <Button key="retry" onClick={reload}>
            Try again
          </Button>,
        ]}
      >
        <p data-testid="panel-error">{value.error.message}</p>
      </SectionMessage>
    );
  }
  const panel = value.data;
  if (panel.access === 'denied') {
    return (
      <SectionMessage appearance="information" title="No access to development information">
        <p data-testid="panel-denied">{panel.message}</p>
      </SectionMessage>
    );
  }
  const { summary } = panel;
  if (summary.commits + summary.branches + summary.pullRequests.total === 0) {
    return (
      <div data-testid="panel-empty">
        <CreateBranch onCreated={reload} />
        <EmptyState
          headingLevel={3}
          width="narrow"
          header="No development work yet"
          description={`Commits, branches and pull requests appear here when their message, name or title mentions ${panel.issueKey}. For example: git commit -m "${panel.issueKey} Fix the login redirect".`}
        />
      </div>
    );
  }
  return (
    <div>
      <CreateBranch onCreated={reload} />
      <DevelopmentSummaryLine summary={summary} />
      <ItemSection title="Commits" kind="commit" total={summary.commits} first={panel.commits} />
      <ItemSection title="Branches" kind="branch" total={summary.branches} first={panel.branches} />
      <ItemSection title="Pull requests" kind="pull_request" total={summary.pullRequests.total} first={panel.pullRequests} />
    </div>
  );
}
