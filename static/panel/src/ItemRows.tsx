import Lozenge from '@atlaskit/lozenge/lozenge';
import { token } from '@atlaskit/tokens';
import { ExternalLink } from '../../shared/ExternalLink';
import { Moment } from '../../shared/Moment';
import type { DevItem, DevItemOfKind } from './panel-answers';
import { BuildBadges } from './BuildBadges';
import { ReviewerList } from './ReviewerList';
import { visuallyHidden } from '../../shared/visually-hidden';

const row = { display: 'grid', gap: token('space.050'), padding: `${token('space.100')} 0`, borderBottom: `1px solid ${token('color.border')}`, minWidth: 0 } as const;
const line = { display: 'flex', flexWrap: 'wrap', gap: `${token('space.025')} ${token('space.100')}`, alignItems: 'baseline', minWidth: 0 } as const;
const meta = { color: token('color.text.subtle'), font: token('font.body.small') } as const;
const mono = { fontFamily: token('font.family.code') } as const;
// A lozenge keeps its full width in a narrow panel ("OPEN", never "O…").
const fixed = { flex: 'none' } as const;
const wrapAnywhere = { overflowWrap: 'anywhere', minWidth: 0 } as const;

function CommitRow({ item }: { item: DevItemOfKind<'commit'> }) {
  return (
    <li style={row} data-testid="commit-row">
      <div style={line}>
        <ExternalLink href={item.url}>
          <code style={mono}>{item.shortSha}</code>
        </ExternalLink>
        <span style={wrapAnywhere}>{item.summary}</span>
      </div>
      <div style={meta}>
        {item.authorName} · <Moment time={item.time} /> · in{' '}
        <span data-testid="commit-repositories">
          {item.repositories.length === 1
            ? item.repositories[0]!.name
            : // The same commit in a fork or a mirror: a link to it in each.
              item.repositories.map((repository, index) => (
                <span key={repository.name}>
                  {index > 0 && ', '}
                  <ExternalLink href={repository.commitUrl}>
                    {repository.name}
                    <span style={visuallyHidden}>(commit {item.shortSha})</span>
                  </ExternalLink>
                </span>
              ))}
        </span>
      </div>
    </li>
  );
}

const STATE_APPEARANCE = { OPEN: 'inprogress', MERGED: 'success', DECLINED: 'removed' } as const;

function BranchRow({ item }: { item: DevItemOfKind<'branch'> }) {
  const pull = item.openPullRequest;
  return (
    <li style={row} data-testid="branch-row">
      <div style={{ ...line, justifyContent: 'space-between' }}>
        <ExternalLink href={item.url}>
          <span style={{ ...mono, ...wrapAnywhere }}>{item.name}</span>
        </ExternalLink>
        {pull ? (
          <span style={line} data-testid="branch-pull-request">
            <span style={fixed}>
              <Lozenge appearance="inprogress">OPEN</Lozenge>
            </span>
            <ExternalLink href={pull.url}>
              Pull request #{pull.number}
              <span style={visuallyHidden}> in {item.repository.name}</span>
            </ExternalLink>
          </span>
        ) : (
          item.createPullRequestUrl && (
            <span style={fixed} data-testid="create-pull-request">
              <ExternalLink href={item.createPullRequestUrl}>
                Create pull request
                <span style={visuallyHidden}>
                  {' '}
                  from {item.name} in {item.repository.name}
                </span>
              </ExternalLink>
            </span>
          )
        )}
      </div>
      <div style={meta}>{item.repository.name}</div>
      <BuildBadges repository={item.repository.name} branch={item.name} where={`branch ${item.name} in ${item.repository.name}`} />
    </li>
  );
}

function PullRequestRow({ item }: { item: DevItemOfKind<'pull_request'> }) {
  return (
    <li style={row} data-testid="pull-request-row">
      <div style={line}>
        <span style={fixed}>
          <Lozenge appearance={STATE_APPEARANCE[item.state]}>{item.state}</Lozenge>
        </span>
        <ExternalLink href={item.url}>
          <span style={wrapAnywhere}>{item.title}</span>
        </ExternalLink>
      </div>
      <div style={meta}>
        #{item.number} · <span style={{ ...mono, ...wrapAnywhere }}>{item.sourceBranch}</span> → <span style={{ ...mono, ...wrapAnywhere }}>{item.destinationBranch}</span> ·{' '}
        {item.authorName} · updated <Moment time={item.time} /> · {item.repository.name}
      </div>
      <BuildBadges repository={item.repository.name} branch={item.sourceBranch} pullRequest={item.number} where={`pull request #${item.number} in ${item.repository.name}`} />
      <ReviewerList reviewers={item.reviewers} />
    </li>
  );
}

export function ItemRow({ item }: { item: DevItem }) {
  if (item.kind === 'commit') return <CommitRow item={item} />;
  if (item.kind === 'branch') return <BranchRow item={item} />;
  return <PullRequestRow item={item} />;
}

/** A stable key for an item within one list. */
export const itemKey = (item: DevItem) => `${item.repository.name}/${item.kind === 'commit' ? item.sha : item.kind === 'branch' ? item.name : item.number}`;
