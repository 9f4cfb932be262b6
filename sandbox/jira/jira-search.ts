import { readManifestModules } from '../manifest-modules';
import { errorJson, issueJson } from './jira-representations';
import { badRequest, type Reply, type Route } from './jira-route';
import type { JiraSite, SiteIssue } from './jira-site';
import type { JiraPrincipal } from '../../src/local/local-jira';

/**
 * Enough of JQL for what the app's README promises: `project = KEY`, `project in (A, B)`, and comparisons
 * on indexed issue properties, by `issue.property[key].path` or by the alias the manifest's
 * `jira:entityProperty` module declares, joined with AND. Anything else is refused the way Jira refuses
 * a clause it cannot parse, so a test never passes on a query real Jira would reject.
 */
interface IndexedValue {
  propertyKey: string;
  path: string;
  type: string;
}

let indexed: { byAlias: Map<string, IndexedValue>; byPath: Map<string, IndexedValue> } | undefined;
function indexedValues() {
  if (indexed) return indexed;
  const byAlias = new Map<string, IndexedValue>();
  const byPath = new Map<string, IndexedValue>();
  for (const module of readManifestModules().entityProperties.filter((candidate) => candidate.entityType === 'issue')) {
    for (const value of module.values) {
      const entry = { propertyKey: module.propertyKey, path: value.path, type: value.type };
      byPath.set(`${module.propertyKey}\n${value.path}`, entry);
      if (value.searchAlias) byAlias.set(value.searchAlias.toLowerCase(), entry);
    }
  }
  return (indexed = { byAlias, byPath });
}

type Predicate = (issue: SiteIssue) => boolean;
const OPERATORS: Record<string, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
};

function unquote(value: string): string {
  return value.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
}

function readPath(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((current, part) => (current && typeof current === 'object' ? (current as Record<string, unknown>)[part] : undefined), value);
}

function comparable(type: string, value: unknown): number | string | undefined {
  // Jira indexes scalar values only: nothing at the path, or an object there, is not searchable.
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  if (type === 'number') return typeof value === 'number' ? value : Number.isFinite(Number(value)) ? Number(value) : undefined;
  if (type === 'date') {
    const time = Date.parse(String(value));
    return Number.isNaN(time) ? undefined : time;
  }
  return String(value);
}

/** Splits `A-1` or `(A-1, "A-2")` into upper-case keys. */
function valueList(operator: string, text: string): string[] {
  return operator === '='
    ? [unquote(text.trim()).toUpperCase()]
    : text
        .trim()
        .replace(/^\(|\)$/g, '')
        .split(',')
        .map((key) => unquote(key.trim()).toUpperCase());
}

function clause(text: string, site: JiraSite, principal: JiraPrincipal): Predicate | string | string[] {
  const issueKey = /^(issuekey|key|id|issue)\s*(=|in)\s*(.+)$/i.exec(text);
  if (issueKey) {
    const keys = valueList(issueKey[2]!, issueKey[3]!);
    // Jira refuses the whole query when a key names no issue the user can see, once per such key.
    const missing = keys.filter((key) => {
      const issue = site.issue(key);
      return !issue || !site.canBrowse(principal, issue.projectKey);
    });
    if (missing.length > 0) return missing.map((key) => `An issue with key '${key}' does not exist for field '${issueKey[1]!.toLowerCase()}'.`);
    return (issue) => keys.includes(issue.key) || keys.includes(issue.id);
  }
  const project = /^project\s*(=|in)\s*(.+)$/i.exec(text);
  if (project) {
    const keys = valueList(project[1]!, project[2]!);
    return (issue) => keys.includes(issue.projectKey);
  }
  const comparison = /^(issue\.property\[([^\]]+)\]\.([\w.]+)|[\w.-]+)\s*(!=|>=|<=|=|>|<)\s*(.+)$/i.exec(text);
  if (!comparison) return `Error in the JQL Query: cannot parse '${text}'.`;
  const { byAlias, byPath } = indexedValues();
  const target = comparison[2] ? byPath.get(`${unquote(comparison[2])}\n${comparison[3]}`) : byAlias.get(comparison[1]!.toLowerCase());
  if (!target) return `Field '${comparison[1]}' does not exist or you do not have permission to view it.`;
  const operator = OPERATORS[comparison[4]!]!;
  const wanted = comparable(target.type, unquote(comparison[5]!.trim()));
  if (wanted === undefined) return `The value '${comparison[5]}' is not valid for '${comparison[1]}'.`;
  return (issue) => {
    const actual = comparable(target.type, readPath(issue.properties.get(target.propertyKey), target.path));
    if (actual === undefined) return false;
    return typeof actual === 'number' && typeof wanted === 'number'
      ? operator(actual, wanted)
      : comparison[4] === '='
        ? actual === wanted
        : comparison[4] === '!='
          ? actual !== wanted
          : false;
  };
}

function search(site: JiraSite, principal: JiraPrincipal, jql: string, maxResults: number, pageToken?: string): Reply {
  const [where = ''] = jql.split(/\s+order\s+by\s+/i);
  const predicates: Predicate[] = [];
  for (const part of where.trim() ? where.split(/\s+and\s+/i) : []) {
    const predicate = clause(part.trim(), site, principal);
    if (typeof predicate === 'string') return badRequest(predicate);
    if (Array.isArray(predicate)) return { status: 400, body: errorJson(...predicate) };
    predicates.push(predicate);
  }
  const start = pageToken ? Number(Buffer.from(pageToken, 'base64url').toString()) || 0 : 0;
  const matching = [...site.issues.values()]
    .filter((issue) => site.canBrowse(principal, issue.projectKey) && predicates.every((predicate) => predicate(issue)))
    .sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
  const issues = matching.slice(start, start + maxResults).map((issue) => issueJson(site, issue));
  const isLast = start + maxResults >= matching.length;
  return { status: 200, body: { issues, isLast, ...(isLast ? {} : { nextPageToken: Buffer.from(String(start + maxResults)).toString('base64url') }) } };
}

export const searchRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/rest\/api\/3\/search\/jql$/,
    handle: ({ site, principal, query }) =>
      search(site, principal, query.get('jql') ?? '', Math.min(5000, Number(query.get('maxResults') ?? 50) || 50), query.get('nextPageToken') ?? undefined),
  },
  {
    method: 'POST',
    pattern: /^\/rest\/api\/3\/search\/jql$/,
    handle: ({ site, principal, body }) => {
      const request = (body ?? {}) as { jql?: string; maxResults?: number; nextPageToken?: string };
      return search(site, principal, request.jql ?? '', Math.min(5000, request.maxResults ?? 50), request.nextPageToken);
    },
  },
];
