/**
 * Which Jira projects a repository's work may appear on: null for all (the default), or a set of keys
 * an admin chose. Stored as a JSON array in `repository.allowed_project_keys`.
 */
export type ProjectScope = ReadonlySet<string> | null;

export function parseProjectScope(stored: string | null | undefined): ProjectScope {
  if (!stored) return null;
  try {
    const keys = JSON.parse(stored) as unknown;
    return Array.isArray(keys) ? new Set(keys.filter((key): key is string => typeof key === 'string')) : null;
  } catch {
    return null;
  }
}

export function inScope(scope: ProjectScope, projectKey: string): boolean {
  return scope === null || scope.has(projectKey);
}
