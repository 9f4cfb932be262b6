import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { JiraRequestHandler } from '../../../src/local/local-jira';
import { errorJson } from '../jira-representations';
import { jiraContractRegistry, type JiraContractMismatch } from './contract-registry';
import { OpenApiContract, type ContractOperation, type ContractProblem, type OpenApiDocument } from './openapi-contract';

/**
 * The sandbox's Jira held to Jira's published contract: every request the app sends is checked against the
 * operation Atlassian's OpenAPI description declares for it, and every answer the sandbox gives against the
 * operation's response for that status. The descriptions are `fixtures/jira-openapi/` of the shared
 * folder (`../shared`, or where DVCS_SHARED points, as in test/support/shared-fixtures.ts):
 * `jira-platform.v3.json` (REST v3) and `jira-software.v3.json` (`/rest/devinfo/0.10/...`), 2024-03.
 */
const JIRA_OPENAPI_FILES = { platform: 'jira-platform.v3.json', software: 'jira-software.v3.json' } as const;

function jiraOpenApiPath(file: string): string {
  const path = join(resolve(process.env.DVCS_SHARED ?? '../shared'), 'fixtures', 'jira-openapi', file);
  if (!existsSync(path)) throw new Error(`Jira's OpenAPI description ${path} is missing: clone the repository beside shared/ or set DVCS_SHARED.`);
  return path;
}

/**
 * Where the published description is itself wrong about Jira, so strictly that no correct exchange could
 * pass: each replaces one component schema, with why. Kept as short as possible; everything else is as published.
 */
const JIRA_DESCRIPTION_CORRECTIONS: Array<{ file: string; schema: string; replacement: object; reason: string }> = [
  {
    file: JIRA_OPENAPI_FILES.platform,
    schema: 'JsonNode',
    replacement: { description: 'Any JSON value.' },
    reason:
      "Generated from the getters of Jackson's JsonNode class (`array`, `bigDecimal`, `fieldNames`, … with additionalProperties: false), not from what Jira takes: an entity property value is any JSON (POST /rest/api/3/issue/properties/multi).",
  },
];

const readDescription = (file: string) => () => {
  const document = JSON.parse(readFileSync(jiraOpenApiPath(file), 'utf8')) as OpenApiDocument;
  for (const correction of JIRA_DESCRIPTION_CORRECTIONS.filter((candidate) => candidate.file === file)) {
    const schemas = document.components?.schemas ?? {};
    if (!(correction.schema in schemas)) throw new Error(`${file} has no component ${correction.schema} to correct: remove it from JIRA_DESCRIPTION_CORRECTIONS.`);
    schemas[correction.schema] = correction.replacement;
  }
  return document;
};

/**
 * Operations the app uses that the 2024-03 descriptions do not have, each with why. Nothing else passes
 * without a matching operation. Each carries the operation as Atlassian documents it today, written by hand
 * from the REST v3 reference (schemas reuse the platform description's components), so requests and answers
 * are still checked; when the descriptions are refreshed, an entry that they now hold must go.
 */
export const UNDOCUMENTED_JIRA_OPERATIONS: Array<{ method: 'GET' | 'POST' | 'PUT' | 'DELETE'; template: string; reason: string; operation: object }> = (() => {
  const searchParameters = {
    jql: { type: 'string' },
    nextPageToken: { type: 'string' },
    maxResults: { type: 'integer', format: 'int32', default: 50 },
    fields: { type: 'array', items: { type: 'string' } },
    expand: { type: 'string' },
    properties: { type: 'array', items: { type: 'string' } },
    fieldsByKeys: { type: 'boolean', default: false },
    failFast: { type: 'boolean', default: false },
    reconcileIssues: { type: 'array', items: { type: 'integer', format: 'int64' } },
  };
  const results = {
    type: 'object',
    additionalProperties: false,
    properties: {
      isLast: { type: 'boolean', readOnly: true },
      issues: { type: 'array', items: { $ref: '#/components/schemas/IssueBean' }, readOnly: true },
      names: { type: 'object', additionalProperties: { type: 'string' }, readOnly: true },
      nextPageToken: { type: 'string', readOnly: true },
      schema: { type: 'object', additionalProperties: { $ref: '#/components/schemas/JsonTypeBean' }, readOnly: true },
    },
  };
  const errors = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorCollection' } } } };
  const responses = { '200': { content: { 'application/json': { schema: results } } }, '400': errors, '401': errors };
  const reason = "Jira's enhanced JQL search, added after 2024-03; it replaced /rest/api/3/search, which Jira Cloud has removed.";
  return [
    {
      method: 'GET',
      template: '/rest/api/3/search/jql',
      reason,
      operation: { parameters: Object.entries(searchParameters).map(([name, schema]) => ({ name, in: 'query', schema })), responses },
    },
    {
      method: 'POST',
      template: '/rest/api/3/search/jql',
      reason,
      operation: {
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties: searchParameters } } } },
        responses,
      },
    },
  ];
})();

function undocumentedOperations(): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const entry of UNDOCUMENTED_JIRA_OPERATIONS) (paths[entry.template] ??= {})[entry.method.toLowerCase()] = entry.operation;
  return { paths };
}

let contract: OpenApiContract | undefined;

/** One contract per process (per Jest test file), built on first use: the platform description is 2 MB. */
export function jiraContract(): OpenApiContract {
  return (contract ??= new OpenApiContract(
    [
      { name: JIRA_OPENAPI_FILES.platform, load: readDescription(JIRA_OPENAPI_FILES.platform) },
      { name: JIRA_OPENAPI_FILES.software, load: readDescription(JIRA_OPENAPI_FILES.software) },
      { name: 'UNDOCUMENTED_JIRA_OPERATIONS', load: undocumentedOperations, componentsOf: JIRA_OPENAPI_FILES.platform },
    ],
    {
      closeUndeclaredProperties: true,
      // "One or more query params must be supplied to specify Properties to delete by" (jira-software.v3.json).
      freeQueryOperations: ['DELETE /rest/builds/0.1/bulkByProperties', 'DELETE /rest/deployments/0.1/bulkByProperties', 'DELETE /rest/devinfo/0.10/bulkByProperties'],
    },
  ));
}

/**
 * - `record`: tests. A mismatch goes to the registry and fails the test that caused it (the Jest setup file
 *   checks after each test); a request Jira's schema refuses is answered 400 as Jira would, without
 *   reaching the model.
 * - `strict`: the call throws a JiraContractError naming the operation, the direction and Ajv's paths.
 * - `warn`: the mismatch is logged and the exchange goes on unchanged.
 * - `off`: no checks.
 * The sandbox picks it from SANDBOX_JIRA_CONTRACT; without it, `record` when a test run installed the
 * registry, otherwise `off`.
 */
export type JiraContractMode = 'off' | 'record' | 'warn' | 'strict';

export function jiraContractMode(explicit?: JiraContractMode): JiraContractMode {
  if (explicit) return explicit;
  const fromEnv = process.env.SANDBOX_JIRA_CONTRACT;
  if (fromEnv) {
    if (fromEnv === 'off' || fromEnv === 'record' || fromEnv === 'warn' || fromEnv === 'strict') return fromEnv;
    throw new Error(`SANDBOX_JIRA_CONTRACT must be off, warn, strict or record, not ${JSON.stringify(fromEnv)}.`);
  }
  return jiraContractRegistry() ? 'record' : 'off';
}

export class JiraContractError extends Error {
  constructor(readonly mismatch: JiraContractMismatch) {
    super(mismatch.message);
    this.name = 'JiraContractError';
  }
}

function describeProblem(problem: ContractProblem): string {
  return `${problem.at}: ${problem.message}${problem.schemaPath ? ` [schema ${problem.schemaPath}]` : ''}`;
}

function mismatch(operation: string, source: string | undefined, direction: 'request' | 'response', exchange: string, problems: string[]): JiraContractMismatch {
  const against = source ? ` in ${source}` : '';
  return {
    operation,
    direction,
    exchange,
    problems,
    message: `Jira contract: the ${direction} of ${operation}${against} does not match Jira's published description.\n  exchange: ${exchange}\n${problems.map((line) => `  - ${line}`).join('\n')}`,
  };
}

/** Checks one request: the matched operation, or the mismatch that refuses it. */
export function checkJiraRequest(
  method: string,
  path: string,
  body: unknown,
): { operation: ContractOperation; mismatch?: JiraContractMismatch; status?: number } | { operation?: undefined; mismatch: JiraContractMismatch; status: number } {
  const url = new URL(path, 'http://jira.invalid');
  const exchange = `${method} ${path}`;
  const found = jiraContract().match(method, url.pathname);
  if (found.kind === 'unknown-path') {
    return {
      mismatch: mismatch(`${method} ${url.pathname}`, undefined, 'request', exchange, [
        `path: no operation of ${JIRA_OPENAPI_FILES.platform} or ${JIRA_OPENAPI_FILES.software} matches it, and it is not in UNDOCUMENTED_JIRA_OPERATIONS`,
      ]),
      status: 404,
    };
  }
  if (found.kind === 'unknown-method') {
    return {
      mismatch: mismatch(`${method} ${found.template}`, undefined, 'request', exchange, [`method: ${found.template} has only ${found.methods.join(', ')}`]),
      status: 405,
    };
  }
  const problems = jiraContract().checkRequest(found.operation, { pathParams: found.pathParams, query: url.searchParams, body });
  if (problems.length === 0) return { operation: found.operation };
  return {
    operation: found.operation,
    mismatch: mismatch(
      found.operation.label,
      found.operation.source,
      'request',
      `${exchange}${body === undefined ? '' : ` ${JSON.stringify(body).slice(0, 500)}`}`,
      problems.map(describeProblem),
    ),
    status: 400,
  };
}

/** Checks one answer against the operation it answers. */
export function checkJiraResponse(
  operation: ContractOperation,
  method: string,
  path: string,
  answer: { status: number; body: unknown; headers?: Record<string, string> },
): JiraContractMismatch | undefined {
  const problems = jiraContract().checkResponse(operation, answer);
  if (problems.length === 0) return undefined;
  const body = answer.body === undefined ? '' : ` ${JSON.stringify(answer.body).slice(0, 500)}`;
  return mismatch(operation.label, operation.source, 'response', `${method} ${path} → ${answer.status}${body}`, problems.map(describeProblem));
}

/**
 * Wraps the sandbox's Jira so that each exchange is checked against Jira's published contract, in the given
 * mode. A 303 with no body, and a `headers` field, pass through untouched.
 */
export function contractCheckedJira(
  handle: JiraRequestHandler,
  mode: JiraContractMode = jiraContractMode(),
  log: (message: string) => void = (message) => console.error(message),
): JiraRequestHandler {
  if (mode === 'off') return handle;
  const registry = jiraContractRegistry();
  if (mode === 'record' && !registry) {
    throw new Error('The Jira contract check records mismatches for Jest, but no registry is installed: add test/support/jira-contract-setup.ts to setupFilesAfterEnv.');
  }
  const report = (found: JiraContractMismatch) => {
    if (mode === 'record') registry!.push(found);
    else if (mode === 'warn') log(found.message);
    else throw new JiraContractError(found);
  };
  return async (request) => {
    const checked = checkJiraRequest(request.method, request.path, request.body);
    if (checked.mismatch) {
      report(checked.mismatch);
      // Jira refuses what its schema refuses; in `warn` mode the model still answers, as before.
      if (mode === 'record') return { status: checked.status ?? 400, body: errorJson(...checked.mismatch.problems) };
    }
    const answer = await handle(request);
    if (checked.operation) {
      const found = checkJiraResponse(checked.operation, request.method, request.path, answer);
      if (found) report(found);
    }
    return answer;
  };
}
