import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import TextField from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { ResolverAnswer } from '../../../src/resolvers/resolver-contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { ExternalLink } from '../../shared/ExternalLink';
import { useResolverAction } from '../../shared/use-resolver-action';

const field = { display: 'grid', gap: token('space.050') } as const;
const select = {
  font: 'inherit',
  padding: token('space.050'),
  borderRadius: 3,
  border: `1px solid ${token('color.border.input')}`,
  background: token('color.background.input'),
  color: token('color.text'),
} as const;

/**
 * "Create branch": choices come from the back end, which checks View Development Tools and the account's
 * setting again when the branch is created, so hiding the form is only a courtesy.
 */
export function CreateBranch({ onCreated }: { onCreated: () => void }) {
  const [options, setOptions] = useState<ResolverAnswer<'getBranchOptions'> | null>(null);
  const [repositoryId, setRepositoryId] = useState('');
  const [from, setFrom] = useState('');
  const [name, setName] = useState('');
  const [created, setCreated] = useState<ResolverAnswer<'createBranch'> | null>(null);
  const { run, busy, error } = useResolverAction();

  const open = () =>
    run('getBranchOptions', undefined, (loaded) => {
      setOptions(loaded);
      const first = loaded.repositories[0];
      setRepositoryId(first?.repositoryId ?? '');
      setFrom(first?.branches[0] ?? 'main');
      setName(loaded.suggestedName);
    });
  const repository = options?.repositories.find((candidate) => candidate.repositoryId === repositoryId);

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
  if (!options) {
    return (
      <div style={{ marginBottom: token('space.100') }}>
        <Button onClick={() => void open()} isDisabled={busy} testId="create-branch">
          Create branch
        </Button>
        {error && <ErrorMessage error={error} />}
      </div>
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
      <label style={field}>
        Repository
        <select
          style={select}
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
      <label style={field}>
        Start from
        {repository && repository.branches.length > 0 ? (
          <select style={select} value={from} onChange={(event) => setFrom(event.currentTarget.value)} data-testid="branch-from">
            {repository.branches.map((branch) => (
              <option key={branch}>{branch}</option>
            ))}
          </select>
        ) : (
          <TextField value={from} onChange={(event) => setFrom(event.currentTarget.value)} testId="branch-from" aria-label="Start from" />
        )}
      </label>
      <label style={field}>
        Branch name
        <TextField value={name} onChange={(event) => setName(event.currentTarget.value)} maxLength={250} testId="branch-name" aria-label="Branch name" />
      </label>
      {error && <ErrorMessage error={error} />}
      <div style={{ display: 'flex', gap: token('space.100') }}>
        <Button type="submit" appearance="primary" isDisabled={busy || !name.trim() || !from.trim()} testId="create-branch-submit">
          Create branch
        </Button>
        <Button onClick={() => setOptions(null)} isDisabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
