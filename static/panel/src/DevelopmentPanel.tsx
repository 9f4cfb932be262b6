import Button from '@atlaskit/button/default/button';
import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import { useEffect, useRef, useState } from 'react';
import { onDemand } from '../../shared/on-demand';
import { useResolver } from '../../shared/use-resolver';
import { BuildsContext } from './BuildBadges';
import { CreateBranch } from './CreateBranch';
import { DeploymentsSection } from './DeploymentsSection';
import { DevelopmentSummaryLine } from './DevelopmentSummaryLine';
import type { FullListProps } from './FullList';
import type { DevItemKind, GrantedPanel } from './panel-answers';
import type { PanelFailureProps } from './PanelNotices';
import { sectionHeading, SummarySection } from './SummarySection';

// What the first view seldom or never shows loads on demand (shared/on-demand.tsx), each with a plain stand-in.
const PanelFailure = onDemand(
  () => import('./PanelNotices'),
  'PanelFailure',
  ({ message, onRetry }: PanelFailureProps) => (
    <div>
      <p data-testid="panel-error">Development information could not be loaded: {message}</p>
      <Button onClick={onRetry}>Try again</Button>
    </div>
  ),
);
const PanelDenied = onDemand(
  () => import('./PanelNotices'),
  'PanelDenied',
  ({ message }: { message: string }) => <p data-testid="panel-denied">{message}</p>,
);
const FullList = onDemand(
  () => import('./FullList'),
  'FullList',
  (_props: FullListProps) => <Spinner size="medium" label="Loading the list" />,
);

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
  if (value.state === 'failed') return <PanelFailure message={value.error.message} onRetry={reload} />;
  const panel = value.data;
  if (panel.access === 'denied') return <PanelDenied message={panel.message} />;
  const { summary } = panel;
  if (summary.commits + summary.branches + summary.pullRequests.total === 0) {
    return (
      <div data-testid="panel-empty">
        <CreateBranch onCreated={reload} />
        <div style={{ maxWidth: 464, margin: `${token('space.300')} auto`, textAlign: 'center', color: token('color.text') }}>
          <h3 style={sectionHeading}>No development work yet</h3>
          <p>
            Commits, branches and pull requests appear here when their message, name or title mentions {panel.issueKey}. For example:{' '}
            <code style={{ fontFamily: token('font.family.code') }}>git commit -m &quot;{panel.issueKey} Fix the login redirect&quot;</code>.
          </p>
        </div>
      </div>
    );
  }
  return <GrantedView panel={panel} reload={reload} />;
}

const KINDS: Array<{ kind: DevItemKind; total: (summary: GrantedPanel['summary']) => number; newest: (panel: GrantedPanel) => GrantedPanel['commits'] }> = [
  { kind: 'commit', total: (summary) => summary.commits, newest: (panel) => panel.commits },
  { kind: 'branch', total: (summary) => summary.branches, newest: (panel) => panel.branches },
  { kind: 'pull_request', total: (summary) => summary.pullRequests.total, newest: (panel) => panel.pullRequests },
];

/**
 * The counts and each kind's newest items first, as Jira's own Development panel shows them; a kind's full,
 * filterable list one click away, and back again to where the reader was.
 */
function GrantedView({ panel, reload }: { panel: GrantedPanel; reload: () => void }) {
  const [open, setOpen] = useState<DevItemKind | null>(null);
  const [cameFrom, setCameFrom] = useState<DevItemKind | null>(null);
  const showAll = useRef<Partial<Record<DevItemKind, HTMLButtonElement | null>>>({});
  useEffect(() => {
    if (open === null && cameFrom) showAll.current[cameFrom]?.focus();
  }, [open, cameFrom]);

  const opened = KINDS.find((entry) => entry.kind === open);
  return (
    <BuildsContext.Provider value={panel.builds}>
      {!opened && <CreateBranch onCreated={reload} />}
      <DevelopmentSummaryLine summary={panel.summary} />
      {opened ? (
        <div style={{ marginTop: token('space.200') }}>
          <FullList
            kind={opened.kind}
            total={opened.total(panel.summary)}
            repositories={panel.repositories}
            onBack={() => {
              setCameFrom(opened.kind);
              setOpen(null);
            }}
          />
        </div>
      ) : (
        KINDS.map(({ kind, total, newest }) => (
          <SummarySection
            key={kind}
            kind={kind}
            total={total(panel.summary)}
            newest={newest(panel)}
            onShowAll={() => {
              FullList.preload();
              setOpen(kind);
            }}
            ref={(button) => {
              showAll.current[kind] = button;
            }}
          />
        ))
      )}
      {!opened && <DeploymentsSection deployments={panel.deployments} />}
    </BuildsContext.Provider>
  );
}
