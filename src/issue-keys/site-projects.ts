import { route } from '../ports/jira';
import type { Ports } from '../ports/ports';

/** The site's projects, for choosing a repository's scope. */
export async function siteProjects(ports: Ports): Promise<Array<{ key: string; name: string }>> {
  const response = await ports.jira.asApp().requestJira(route`/rest/api/3/project/search?maxResults=100`);
  if (!response.ok) return [];
  const body = (await response.json()) as { values?: Array<{ key: string; name: string }> };
  return (body.values ?? []).map((project) => ({ key: project.key, name: project.name }));
}
