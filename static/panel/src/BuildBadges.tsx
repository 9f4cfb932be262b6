import Lozenge from '@atlaskit/lozenge/lozenge';
import { token } from '@atlaskit/tokens';
import { createContext, useContext } from 'react';
import { ExternalLink } from '../../shared/ExternalLink';
import { formatDateTime } from '../../shared/format-date';
import { useLocaleFormatsPrepared } from '../../shared/use-locale-formats';
import type { BuildView } from './panel-answers';
import { visuallyHidden } from '../../shared/visually-hidden';

/** The panel's latest builds (one per pipeline and branch), for the rows of branches and pull requests to find theirs. */
export const BuildsContext = createContext<BuildView[]>([]);

const APPEARANCE = { successful: 'success', failed: 'removed', in_progress: 'inprogress', pending: 'new', cancelled: 'moved', unknown: 'default' } as const;
const WORDS = { successful: 'passed', failed: 'failed', in_progress: 'running', pending: 'pending', cancelled: 'cancelled', unknown: 'unknown' } as const;
/** Pipelines shown per row: a branch with more shows its newest few. */
const SHOWN = 3;

/**
 * The latest build of each pipeline on a branch (or for a pull request, by its number or source branch):
 * "CI passed", "Lint failed", each linking to the run. `where` tells a screen reader which row's build it is
 * (a branch and its pull request show the same builds).
 */
export function BuildBadges({ repository, branch, pullRequest, where }: { repository: string; branch: string; pullRequest?: number; where: string }) {
  const builds = useContext(BuildsContext).filter(
    (build) => build.repository === repository && (build.branch === branch || (pullRequest !== undefined && build.pullRequests.includes(pullRequest))),
  );
  const fullDates = useLocaleFormatsPrepared();
  if (builds.length === 0) return null;
  return (
    <span data-testid="build-badges" style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100'), alignItems: 'baseline' }}>
      {builds.slice(0, SHOWN).map((build) => (
        <span
          key={build.name}
          data-testid="build-badge"
          style={{ flex: 'none' }}
          title={`${build.name} ${WORDS[build.state]} on ${build.shortSha}${fullDates ? `, ${formatDateTime(build.time)}` : ''}`}
        >
          <ExternalLink href={build.url}>
            <Lozenge appearance={APPEARANCE[build.state]}>
              {build.name} {WORDS[build.state]}
            </Lozenge>
            <span style={visuallyHidden}> on {where}</span>
          </ExternalLink>
        </span>
      ))}
    </span>
  );
}
