import Lozenge from '@atlaskit/lozenge';
import { token } from '@atlaskit/tokens';
import { ExternalLink } from '../../shared/ExternalLink';
import { relativeTime } from '../../shared/relative-time';
import type { DevItem, DevItemOfKind } from './panel-answers';

const row = { display: 'grid', gap: token('space.025'), padding: `${token('space.100')} 0`, borderBottom: `1px solid ${token('color.border')}` } as const;
const meta = { color: token('color.text.subtlest'), font: token('font.body.small') } as const;
const mono = { fontFamily: token('font.family.code') } as const;

function Repository({ item }: { item: DevItem }) {
  return <ExternalLink href={item.repository.url}>{item.repository.name}</ExternalLink>;
}

function CommitRow({ item }: { item: DevItemOfKind<'commit'> }) {
  return (
    <li style={row} data-testid="commit-row">
      <div style={{ display: 'flex', gap: token('space.100'), alignItems: 'baseline' }}>
        <ExternalLink href={item.url}>
          <code style={mono}>{item.shortSha}</code>
        </ExternalLink>
        <span>{item.summary}</span>
      </div>
      <div style={meta}>
        {item.authorName} · <time dateTime={new Date(item.time).toISOString()}>{relativeTime(item.time)}</time> · <Repository item={item} />
      </div>
    </li>
  );
}

function BranchRow({ item }: { item: DevItemOfKind<'branch'> }) {
  return (
    <li style={row} data-testid="branch-row">
      <div style={{ display: 'flex', gap: token('space.100'), alignItems: 'baseline', justifyContent: 'space-between' }}>
        <ExternalLink href={item.url}>
          <span style={mono}>{item.name}</span>
        </ExternalLink>
        {item.createPullRequestUrl && <ExternalLink href={item.createPullRequestUrl}>Create pull request</ExternalLink>}
      </div>
      <div style={meta}>
        <Repository item={item} />
      </div>
    </li>
  );
}

const STATE_APPEARANCE = { OPEN: 'inprogress', MERGED: 'success', DECLINED: 'removed' } as const;

function PullRequestRow({ item }: { item: DevItemOfKind<'pull_request'> }) {
  return (
    <li style={row} data-testid="pull-request-row">
      <div style={{ display: 'flex', gap: token('space.100'), alignItems: 'baseline' }}>
        <Lozenge appearance={STATE_APPEARANCE[item.state]}>{item.state}</Lozenge>
        <ExternalLink href={item.url}>{item.title}</ExternalLink>
      </div>
      <div style={meta}>
        <span style={mono}>{item.sourceBranch}</span> → <span style={mono}>{item.destinationBranch}</span> · {item.authorName} · updated{' '}
        <time dateTime={new Date(item.time).toISOString()}>{relativeTime(item.time)}</time> · <Repository item={item} />
      </div>
    </li>
  );
}

export function ItemRow({ item }: { item: DevItem }) {
  if (item.kind === 'commit') return <CommitRow item={item} />;
  if (item.kind === 'branch') return <BranchRow item={item} />;
  return <PullRequestRow item={item} />;
}
