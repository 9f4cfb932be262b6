import Lozenge from '@atlaskit/lozenge/lozenge';
import { token } from '@atlaskit/tokens';
import { ExternalLink } from '../../shared/ExternalLink';
import { Moment } from '../../shared/Moment';
import type { DeploymentView } from './panel-answers';
import { itemList, sectionHeading } from './SummarySection';
import { visuallyHidden } from '../../shared/visually-hidden';

const APPEARANCE = { successful: 'success', failed: 'removed', rolled_back: 'removed', in_progress: 'inprogress', pending: 'new', cancelled: 'moved', unknown: 'default' } as const;
const STATE_WORDS = {
  successful: 'deployed',
  failed: 'failed',
  rolled_back: 'rolled back',
  in_progress: 'deploying',
  pending: 'pending',
  cancelled: 'cancelled',
  unknown: 'unknown',
} as const;
const TYPE_WORDS = { production: 'Production', staging: 'Staging', testing: 'Testing', development: 'Development', unmapped: 'Other' } as const;

/** Where the work was deployed: the latest deployment to each environment, furthest first. */
export function DeploymentsSection({ deployments }: { deployments: DeploymentView[] }) {
  if (deployments.length === 0) return null;
  return (
    <section data-testid="section-deployments" aria-labelledby="heading-deployments" style={{ marginTop: token('space.200') }}>
      <h3 style={sectionHeading} id="heading-deployments">
        Deployments ({deployments.length})
      </h3>
      <ul style={itemList}>
        {deployments.map((deployment) => (
          <li
            key={`${deployment.repository}/${deployment.environmentName}`}
            data-testid="deployment-row"
            style={{ display: 'grid', gap: token('space.050'), padding: `${token('space.100')} 0`, borderBottom: `1px solid ${token('color.border')}`, minWidth: 0 }}
          >
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.100'), alignItems: 'baseline', minWidth: 0 }}>
              <span style={{ flex: 'none' }}>
                <Lozenge appearance={APPEARANCE[deployment.state]}>{STATE_WORDS[deployment.state]}</Lozenge>
              </span>
              <ExternalLink href={deployment.url}>
                <span style={{ overflowWrap: 'anywhere' }}>{deployment.environmentName}</span>
                <span style={visuallyHidden}> in {deployment.repository}</span>
              </ExternalLink>
              {/* The type only when the name does not say it already ("production" is Production). */}
              {deployment.environmentName.toLowerCase() !== deployment.environmentType && (
                <span style={{ color: token('color.text.subtle') }}>{TYPE_WORDS[deployment.environmentType]}</span>
              )}
            </div>
            <div style={{ color: token('color.text.subtle'), font: token('font.body.small') }}>
              {deployment.pipeline} · <Moment time={deployment.time} /> · {deployment.repository}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
