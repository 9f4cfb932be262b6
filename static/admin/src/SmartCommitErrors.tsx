import Heading from '@atlaskit/heading';
import type { AccountDetails } from './account-sections';

/** The smart commit commands that failed lately, across the account's repositories. */
export function SmartCommitErrors({ repositories }: { repositories: AccountDetails['repositories'] }) {
  const errors = repositories.flatMap((repository) => repository.smartCommitErrors.map((error) => ({ ...error, repository: repository.fullName })));
  if (errors.length === 0) return null;
  return (
    <div data-testid="smart-commit-errors">
      <Heading size="small" as="h4">
        Smart commit errors
      </Heading>
      <ul>
        {errors.map((error) => (
          <li key={`${error.repositoryId}-${error.sha}-${error.issueKey}-${error.command}`}>
            <code>{error.sha.slice(0, 7)}</code> in {error.repository}
            {error.issueKey && ` · ${error.issueKey}`} {error.command && <code>{error.command}</code>}: {error.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
