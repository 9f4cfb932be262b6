import Button from '@atlaskit/button/default/button';
import SectionMessage from '@atlaskit/section-message/section-message';
import TextField from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { ResolverAnswer } from '../../../src/resolvers/resolver-contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { ExternalLink } from '../../shared/ExternalLink';
import { useResolverAction } from '../../shared/use-resolver-action';
import { fieldStyle, selectStyle } from './form-styles';

export interface CreateBranchStepsProps {
  options: ResolverAnswer<'getBranchOptions'>;
  onCancel: () => void;
  onCreated: () => void;
}

/** After "Create branch": the form (or why it is switched off), then the branch made. */
export function CreateBranchSteps({ options, onCancel, onCreated }: CreateBranchStepsProps) {
  const first = options.repositories[0];
  const [repositoryId, setRepositoryId] = useState(first?.repositoryId ?? '');
  const [from, setFrom] = useState(first?.branches[0] ?? 'main');
  const [name, setName] = useState(options.suggestedName);
  const [created, setCreated] = useState<ResolverAnswer<'createBranch'> | null>(null);
  const { run, busy, error } = useResolverAction();
  const repository = options.repositories.find((candidate) => candidate.repositoryId === repositoryId);

  if (created) {
    return (
      <SectionMessage
        appearance="success"
        title="Branch created"
        actions={[
          <Button key="done" onClick={onCreated} testId="branch-created-done">
            Show it in the panel
          </Button>,
        ]}
      >
        <p data-testid="branch-created">
          <ExternalLink href={created.url}>{created.name}</ExternalLink> is ready. Check it out with <code>git fetch && git switch {created.name}</code>.
        </p>
      </SectionMessage>
    );
  }
  if (!options.allowed) {
    return (
      <SectionMessage appearance="information" title="Creating branches is switched off">
        <p data-testid="create-branch-off">{options.message}</p>
      </SectionMessage>
    );
  }
  return (
    <form
      data-testid="create-branch-form"
      style={{ display: 'grid', gap: token('space.100'), marginBottom: token('space.200'), maxWidth: 480 }}
      onSubmit={(event) => {
        event.preventDefault();
        void run('createBranch', { repositoryId, from, name: name.trim() }, setCreated);
      }}
    >
      <label style={fieldStyle}>
        Repository
        <select
          style={selectStyle}
          value={repositoryId}
          onChange={(event) => {
            setRepositoryId(event.currentTarget.value);
            setFrom(options.repositories.find((candidate) => candidate.repositoryId === event.currentTarget.value)?.branches[0] ?? 'main');
          }}
          data-testid="branch-repository"
        >
          {options.repositories.map((candidate) => (
            <option key={candidate.repositoryId} value={candidate.repositoryId}>
              {candidate.fullName} ({candidate.providerName})
            </option>
          ))}
        </select>
      </label>
      <label style={fieldStyle}>
        Start from
        {repository && repository.branches.length > 0 ? (
          <select style={selectStyle} value={from} onChange={(event) => setFrom(event.currentTarget.value)} data-testid="branch-from">
            {repository.branches.map((branch) => (
              <option key={branch}>{branch}</option>
            ))}
          </select>
        ) : (
          <TextField value={from} onChange={(event) => setFrom(event.currentTarget.value)} testId="branch-from" aria-label="Start from" />
        )}
      </label>
      <label style={fieldStyle}>
        Branch name
        <TextField value={name} onChange={(event) => setName(event.currentTarget.value)} maxLength={250} testId="branch-name" aria-label="Branch name" />
      </label>
      {error && <ErrorMessage error={error} />}
      <div style={{ display: 'flex', gap: token('space.100') }}>
        <Button type="submit" appearance="primary" isDisabled={busy || !name.trim() || !from.trim()} testId="create-branch-submit">
          Create branch
        </Button>
        <Button onClick={onCancel} isDisabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
