import Button from '@atlaskit/button/default/button';
import { Checkbox } from '@atlaskit/checkbox';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';

/**
 * Which Jira projects a repository's commits, branches and pull requests may appear on. "All projects"
 * is the default; choosing some re-links the stored work without fetching it again.
 */
export function ProjectScopeEditor({
  repositoryName,
  projects,
  current,
  disabled,
  onSave,
}: {
  repositoryName: string;
  projects: Array<{ key: string; name: string }>;
  current: string[] | null;
  disabled: boolean;
  onSave: (projectKeys: string[] | null) => Promise<void>;
}) {
  const [editing, setEditing] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(new Set(current ?? []));
  const [all, setAll] = useState(current === null);
  if (!editing) {
    return (
      <span>
        <span data-testid={`scope-${repositoryName}`}>{current === null ? 'All projects' : current.join(', ')}</span>{' '}
        <Button
          spacing="compact"
          appearance="subtle"
          isDisabled={disabled}
          onClick={() => setEditing(true)}
          testId={`edit-scope-${repositoryName}`}
          aria-label={`Change the projects ${repositoryName} is shown on`}
        >
          Change
        </Button>
      </span>
    );
  }
  return (
    <div role="group" aria-label={`Projects ${repositoryName} is shown on`} style={{ display: 'grid', gap: token('space.050') }} data-testid={`scope-editor-${repositoryName}`}>
      <Checkbox label="All projects" isChecked={all} onChange={(event) => setAll(event.currentTarget.checked)} />
      {!all &&
        projects.map((project) => (
          <Checkbox
            key={project.key}
            label={`${project.name} (${project.key})`}
            isChecked={chosen.has(project.key)}
            onChange={(event) => {
              const checked = event.currentTarget.checked;
              setChosen((previous) => {
                const next = new Set(previous);
                if (checked) next.add(project.key);
                else next.delete(project.key);
                return next;
              });
            }}
          />
        ))}
      <div style={{ display: 'flex', gap: token('space.050') }}>
        <Button
          spacing="compact"
          appearance="primary"
          isDisabled={disabled || (!all && chosen.size === 0)}
          onClick={() => void onSave(all ? null : [...chosen]).then(() => setEditing(false))}
          testId={`save-scope-${repositoryName}`}
          aria-label={`Save the projects of ${repositoryName}`}
        >
          Save
        </Button>
        <Button spacing="compact" appearance="subtle" onClick={() => setEditing(false)} aria-label={`Cancel changing the projects of ${repositoryName}`}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
