import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

/**
 * Checks HTTP exchanges against OpenAPI 3.0 descriptions: which operation a request is (path template and
 * method), whether its path and query parameters and its JSON body are what the operation declares, and
 * whether an answer is one the operation documents (its status, and its JSON body against the schema).
 *
 * Matching: the path is split on `/` and compared segment by segment with each template of the same length;
 * a `{parameter}` takes one whole, non-empty segment (decoded). When several templates match, the one with a
 * literal where the others have a parameter, at the first place they differ, wins (OpenAPI: concrete paths
 * first), so `/issue/properties/multi` is not `/issue/{issueIdOrKey}/properties/{propertyKey}`. Then the
 * method: a path that matches but lacks the method is a mismatch, not a search for another template.
 * Parameters: path and query values are validated as one object each, coerced from their strings (Ajv
 * `coerceTypes: 'array'`); a query parameter the operation does not declare, or a non-array one given
 * twice, is a mismatch. Header parameters are not checked (the platform signs requests).
 * Answers: the status must be documented (exactly, or `2XX`, or `default`); a documented status without
 * content must carry no body when it is a success (a 303 or 202 has none); a refusal without documented
 * content may carry any body; a redirect must carry `Location`.
 *
 * How the OpenAPI 3.0 schema dialect becomes JSON Schema for Ajv:
 * - `$ref: '#/components/schemas/X'` points at X converted for one direction (request, response; readOnly
 *   and writeOnly mean different things in each) and added to Ajv under its own id, only when reached.
 * - `nullable: true` adds `null` to the schema's `type` (and to its `enum`); without a `type`, a null
 *   alternative (`anyOf`).
 * - `readOnly` properties are never required in a request, and sending one is a mismatch ("SHOULD NOT be
 *   sent as part of the request": Jira ignores it, so the caller believes it set something it did not).
 *   `writeOnly` properties are never required in an answer, and answering one is a mismatch.
 * - `additionalProperties: false` is enforced in both directions. In answers that means the model may
 *   only send fields Jira documents: a test must not pass on a field real Jira is not promised to send.
 *   With `closeUndeclaredProperties`, an object that declares properties but leaves `additionalProperties`
 *   out (OpenAPI: "allowed") is closed too, in both directions; `additionalProperties: true` stays open.
 * - Formats are checked (int32 range, int64 integers, uri, uuid, date, date-time). `date-time` also accepts
 *   Jira's own serialisation with an offset without a colon (`2021-01-17T12:34:00.000+0000`), which is what
 *   Jira sends and what it asks for in worklogs.
 * - Annotations Ajv does not know (`example`, `xml`, `discriminator`, `x-…`) are dropped.
 *
 * Schemas are compiled lazily, once per operation and direction, and cached: the descriptions are large.
 */
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> };
}

export interface OpenApiSource {
  /** A short name, used in messages and as the id of its components in Ajv. */
  name: string;
  load(): OpenApiDocument;
  /** Resolve `#/components/schemas/…` in this source's paths against another source's components. */
  componentsOf?: string;
}

type Direction = 'request' | 'response';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: unknown;
}

interface OperationObject {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }>; headers?: Record<string, { required?: boolean }> }>;
}

export interface ContractOperation {
  /** Which description declares it. */
  source: string;
  method: string;
  template: string;
  /** `GET /rest/api/3/issue/{issueIdOrKey}`: how messages name the operation. */
  label: string;
  operation: OperationObject;
}

export type MatchResult =
  | { kind: 'operation'; operation: ContractOperation; pathParams: Record<string, string> }
  | { kind: 'unknown-path' }
  | { kind: 'unknown-method'; template: string; methods: string[] };

export interface ContractProblem {
  direction: Direction;
  /** Where in the exchange: `path.issueIdOrKey`, `query`, `body/fields/assignee`, `status`, `header Location`. */
  at: string;
  message: string;
  /** Ajv's schema path, when Ajv found it. */
  schemaPath?: string;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const DROPPED_KEYWORDS = new Set(['example', 'examples', 'xml', 'discriminator', 'externalDocs']);
const COMPONENT_REF = /^#\/components\/schemas\/(.+)$/;
const CONTRACT_BASE = 'https://openapi-contract.invalid';
/** Keyword that always fails with its own message: a readOnly property in a request, writeOnly in an answer. */
const FORBIDDEN = 'x-contract-forbidden';
/** Marks an object the description left open (no additionalProperties) that the check closed. */
const CLOSED = 'x-contract-closed';

/** An offset with or without a colon: RFC 3339 and Jira's `+0000`. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function absoluteUri(value: string): boolean {
  try {
    return /^[a-z][a-z0-9+.-]*:/i.test(value) && !!new URL(value);
  } catch {
    return false;
  }
}

/**
 * The descriptions' patterns are Java regular expressions: Java's `\p{Digit}` is the POSIX class [0-9],
 * which JavaScript does not know. Everything else they use means the same in both.
 */
export function javaPattern(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index]!;
    if (char === '\\') {
      if (pattern.startsWith('\\p{Digit}', index)) {
        out += inClass ? '0-9' : '[0-9]';
        index += '\\p{Digit}'.length - 1;
      } else {
        out += pattern.slice(index, index + 2);
        index += 1;
      }
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    out += char;
  }
  return out;
}

const javaRegExp = Object.assign((source: string, flags: string) => new RegExp(javaPattern(source), flags), { code: 'new RegExp' });

function newAjv(options: { coerce: boolean; allErrors: boolean }): Ajv {
  const ajv = new Ajv({
    strict: false,
    allErrors: options.allErrors,
    // The report names the schema an error came from (to tell a closed object from a published `false`).
    verbose: options.allErrors,
    logger: false,
    coerceTypes: options.coerce ? 'array' : false,
    validateSchema: false,
    inlineRefs: false,
    code: { regExp: javaRegExp },
  });
  ajv.addFormat('int32', { type: 'number', validate: (value: number) => Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isInteger(value) });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('date-time', (value: string) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))));
  ajv.addFormat('date', DATE);
  ajv.addFormat('uuid', UUID);
  ajv.addFormat('byte', BASE64);
  ajv.addFormat('binary', () => true);
  for (const name of ['uri', 'url', 'URL']) ajv.addFormat(name, absoluteUri);
  ajv.addKeyword({
    keyword: FORBIDDEN,
    schemaType: 'string',
    errors: true,
    validate: function forbidden(reason: string) {
      (forbidden as unknown as { errors: Partial<ErrorObject>[] }).errors = [{ keyword: FORBIDDEN, message: reason, params: {} }];
      return false;
    },
  });
  return ajv;
}

/**
 * OpenAPI 3.0 schema → JSON Schema for one direction. `refTo` names the Ajv id of a component in the same
 * direction, so `$ref`s land in the right copy. With `closeUndeclared`, an object schema that declares
 * properties but says nothing of others (`additionalProperties` absent, which OpenAPI reads as "allowed")
 * takes only its declared properties.
 */
function toJsonSchema(node: unknown, direction: Direction, refTo: (component: string) => string, closeUndeclared = false): unknown {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, direction, refTo, closeUndeclared));
  if (!node || typeof node !== 'object') return node;
  const source = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (DROPPED_KEYWORDS.has(key) || key.startsWith('x-') || key === 'nullable') continue;
    if (key === '$ref') {
      const match = typeof value === 'string' ? COMPONENT_REF.exec(value) : null;
      if (!match) throw new Error(`Unsupported $ref ${String(value)}: only #/components/schemas/… is handled.`);
      out.$ref = refTo(match[1]!);
      continue;
    }
    if (key === 'properties' && value && typeof value === 'object') {
      const properties: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(value as Record<string, unknown>)) {
        const flags = (property ?? {}) as { readOnly?: boolean; writeOnly?: boolean };
        if (direction === 'request' && flags.readOnly === true) {
          properties[name] = { [FORBIDDEN]: 'is readOnly in the description: Jira ignores it in a request' };
        } else if (direction === 'response' && flags.writeOnly === true) {
          properties[name] = { [FORBIDDEN]: 'is writeOnly in the description: Jira never sends it' };
        } else properties[name] = toJsonSchema(property, direction, refTo, closeUndeclared);
      }
      out.properties = properties;
      continue;
    }
    out[key] = toJsonSchema(value, direction, refTo, closeUndeclared);
  }
  // Properties that cannot appear in this direction cannot be required in it either.
  if (Array.isArray(out.required) && out.properties) {
    const properties = source.properties as Record<string, { readOnly?: boolean; writeOnly?: boolean } | undefined>;
    out.required = (out.required as string[]).filter((name) => {
      const flags = properties[name] ?? {};
      return direction === 'request' ? flags.readOnly !== true : flags.writeOnly !== true;
    });
    if ((out.required as string[]).length === 0) delete out.required;
  }
  if (closeUndeclared && source.properties && !('additionalProperties' in source)) {
    out.additionalProperties = false;
    out[CLOSED] = true;
  }
  if (source.nullable !== true) return out;
  if (typeof out.type === 'string') {
    return { ...out, type: [out.type, 'null'], ...(Array.isArray(out.enum) ? { enum: [...(out.enum as unknown[]), null] } : {}) };
  }
  return { anyOf: [out, { type: 'null' }] };
}

interface PathEntry {
  source: OpenApiSource;
  template: string;
  /** `null` for a templated segment, the literal otherwise. */
  segments: Array<{ literal: string } | { parameter: string }>;
  item: Record<string, unknown>;
}

/** A template with a literal where another has a parameter is the more specific (OpenAPI: concrete paths first). */
function moreSpecific(a: PathEntry, b: PathEntry): number {
  for (let index = 0; index < a.segments.length; index += 1) {
    const aLiteral = 'literal' in a.segments[index]!;
    const bLiteral = 'literal' in b.segments[index]!;
    if (aLiteral !== bLiteral) return aLiteral ? -1 : 1;
  }
  return 0;
}

function formatErrors(direction: Direction, prefix: string, errors: ErrorObject[] | null | undefined): ContractProblem[] {
  return (errors ?? []).map((error) => {
    const closed = error.keyword === 'additionalProperties' && error.parentSchema?.[CLOSED] === true;
    const detail =
      error.keyword === 'additionalProperties'
        ? ` ('${String((error.params as { additionalProperty?: string }).additionalProperty)}'${closed ? '; the description declares no such property and leaves additionalProperties unspecified' : ''})`
        : error.keyword === 'enum'
          ? ` (${JSON.stringify((error.params as { allowedValues?: unknown[] }).allowedValues)})`
          : '';
    return { direction, at: `${prefix}${error.instancePath}`, message: `${error.message ?? error.keyword}${detail}`, schemaPath: error.schemaPath };
  });
}

function jsonContent(content: Record<string, { schema?: unknown }> | undefined): { schema?: unknown } | undefined {
  if (!content) return undefined;
  return content['application/json'] ?? content['*/*'] ?? Object.entries(content).find(([type]) => /[/+]json\b/.test(type))?.[1];
}

/** A schema that accepts every value (`{}`, or only annotations). */
function acceptsAnything(schema: unknown): boolean {
  if (schema === true || schema === undefined) return true;
  if (!schema || typeof schema !== 'object') return false;
  return Object.keys(schema).every((key) => ['description', 'title', 'example', 'examples', 'default', 'deprecated'].includes(key) || key.startsWith('x-'));
}

export class OpenApiContract {
  private paths: Map<number, PathEntry[]> | undefined;
  private readonly documents = new Map<string, OpenApiDocument>();
  /** Bodies: first error only, then all errors for the report. Parameters: coerced from their strings. */
  private readonly fast = newAjv({ coerce: false, allErrors: false });
  private readonly full = newAjv({ coerce: false, allErrors: true });
  private readonly parameters = newAjv({ coerce: true, allErrors: true });
  /** Component ids each Ajv instance already holds. */
  private readonly added = new Map<Ajv, Set<string>>();
  private readonly compiled = new Map<string, { fast: ValidateFunction; full?: ValidateFunction; converted: object }>();
  private readonly parameterValidators = new Map<string, ValidateFunction>();

  /**
   * `closeUndeclaredProperties`: read an object schema without `additionalProperties` as closed, in both
   * directions: a request field the description does not declare is one Jira ignores, an answer's is one the
   * model invented.
   * `freeQueryOperations`: operations (`DELETE /rest/builds/0.1/bulkByProperties`) whose description says in
   * words that any query parameter is allowed (properties to match), which their parameter list cannot say:
   * there an undeclared query parameter is accepted as a string.
   */
  constructor(
    private readonly sources: OpenApiSource[],
    private readonly options: { closeUndeclaredProperties?: boolean; freeQueryOperations?: string[] } = {},
  ) {}

  private document(source: OpenApiSource): OpenApiDocument {
    let document = this.documents.get(source.name);
    if (!document) {
      document = source.load();
      this.documents.set(source.name, document);
    }
    return document;
  }

  private index(): Map<number, PathEntry[]> {
    if (this.paths) return this.paths;
    const paths = new Map<number, PathEntry[]>();
    for (const source of this.sources) {
      for (const [template, item] of Object.entries(this.document(source).paths)) {
        const segments = template.split('/').map((segment) => {
          const parameter = /^\{([^}]+)\}$/.exec(segment);
          return parameter ? { parameter: parameter[1]! } : { literal: segment };
        });
        const entries = paths.get(segments.length) ?? [];
        entries.push({ source, template, segments, item });
        paths.set(segments.length, entries);
      }
    }
    for (const entries of paths.values()) entries.sort(moreSpecific);
    return (this.paths = paths);
  }

  /** The operation a request is: the most specific path template that matches, then its method. */
  match(method: string, pathname: string): MatchResult {
    const segments = pathname.split('/');
    for (const entry of this.index().get(segments.length) ?? []) {
      const pathParams: Record<string, string> = {};
      const matches = entry.segments.every((segment, index) => {
        const actual = segments[index]!;
        if ('literal' in segment) return segment.literal === actual;
        if (actual === '') return false;
        try {
          pathParams[segment.parameter] = decodeURIComponent(actual);
        } catch {
          pathParams[segment.parameter] = actual;
        }
        return true;
      });
      if (!matches) continue;
      const operation = entry.item[method.toLowerCase()] as OperationObject | undefined;
      if (!operation) return { kind: 'unknown-method', template: entry.template, methods: HTTP_METHODS.filter((name) => name in entry.item).map((name) => name.toUpperCase()) };
      const upper = method.toUpperCase();
      return {
        kind: 'operation',
        operation: {
          source: entry.source.name,
          method: upper,
          template: entry.template,
          label: `${upper} ${entry.template}`,
          operation: this.withPathParameters(entry, operation),
        },
        pathParams,
      };
    }
    return { kind: 'unknown-path' };
  }

  /** Parameters declared on the path item apply to each of its operations, unless the operation redeclares them. */
  private withPathParameters(entry: PathEntry, operation: OperationObject): OperationObject {
    const shared = (entry.item.parameters ?? []) as Parameter[];
    if (shared.length === 0) return operation;
    const own = operation.parameters ?? [];
    return { ...operation, parameters: [...shared.filter((parameter) => !own.some((mine) => mine.name === parameter.name && mine.in === parameter.in)), ...own] };
  }

  /** Whose components a source's `$ref`s mean. */
  private owner(sourceName: string): string {
    return this.sources.find((candidate) => candidate.name === sourceName)?.componentsOf ?? sourceName;
  }

  private refTo(owner: string, direction: Direction): (component: string) => string {
    return (component) => `${CONTRACT_BASE}/${owner}/${direction}/${encodeURIComponent(component)}.json`;
  }

  /**
   * Converts `schema` for one direction and adds to each Ajv instance the components it reaches, and only
   * those: the platform description holds 674 of them, an operation reaches a few dozen.
   */
  private prepare(sourceName: string, direction: Direction, schema: unknown, ajvs: Ajv[]): unknown {
    const owner = this.owner(sourceName);
    const refTo = this.refTo(owner, direction);
    const source = this.sources.find((candidate) => candidate.name === owner);
    const components = (source ? this.document(source).components?.schemas : undefined) ?? {};
    // Each Ajv instance holds its own components: one reached first through a body may be new to `parameters`.
    const missing = ajvs.map((ajv) => {
      let added = this.added.get(ajv);
      if (!added) this.added.set(ajv, (added = new Set()));
      return { ajv, added };
    });
    const seen = new Set<string>();
    const pending = [schema];
    while (pending.length > 0) {
      const node = pending.pop();
      if (Array.isArray(node)) pending.push(...(node as unknown[]));
      else if (node && typeof node === 'object') {
        const ref = (node as { $ref?: unknown }).$ref;
        const name = typeof ref === 'string' ? COMPONENT_REF.exec(ref)?.[1] : undefined;
        const id = name === undefined ? undefined : refTo(name);
        if (name !== undefined && id !== undefined && !seen.has(id)) {
          seen.add(id);
          if (!(name in components)) throw new Error(`${sourceName}: $ref ${String(ref)} names no component.`);
          const targets = missing.filter((entry) => !entry.added.has(id));
          if (targets.length > 0) {
            const converted = { ...(toJsonSchema(components[name], direction, refTo, this.options.closeUndeclaredProperties) as object), $id: id };
            for (const entry of targets) {
              entry.ajv.addSchema(converted);
              entry.added.add(id);
            }
          }
          pending.push(components[name]);
        }
        pending.push(...Object.values(node as Record<string, unknown>));
      }
    }
    return toJsonSchema(schema, direction, refTo, this.options.closeUndeclaredProperties);
  }

  /**
   * Validates with a first-error validator (several times faster to compile over large schemas such as
   * IssueBean), and only when that fails, with an all-errors one for the report.
   */
  private validate(key: string, sourceName: string, direction: Direction, schema: unknown, value: unknown, prefix: string): ContractProblem[] {
    let entry = this.compiled.get(key);
    if (!entry) {
      const converted = this.prepare(sourceName, direction, schema, [this.fast, this.full]) as object;
      entry = { fast: this.fast.compile(converted), converted };
      this.compiled.set(key, entry);
    }
    if (entry.fast(value)) return [];
    entry.full ??= this.full.compile(entry.converted);
    entry.full(value);
    return formatErrors(direction, prefix, entry.full.errors ?? entry.fast.errors);
  }

  /** The request's problems: parameters (path, query) and JSON body against the operation's declarations. */
  checkRequest(found: ContractOperation, request: { pathParams: Record<string, string>; query: URLSearchParams; body: unknown }): ContractProblem[] {
    const problems: ContractProblem[] = [];
    const declared = found.operation.parameters ?? [];
    const inputs = (where: 'path' | 'query') => declared.filter((parameter) => parameter.in === where);

    // Path and query parameters: one object each, validated with the types coerced from strings.
    for (const where of ['path', 'query'] as const) {
      const parameters = inputs(where);
      const values: Record<string, unknown> = {};
      if (where === 'path') Object.assign(values, request.pathParams);
      else {
        for (const name of new Set(request.query.keys())) {
          const all = request.query.getAll(name);
          const parameter = parameters.find((candidate) => candidate.name === name);
          const isArray = (parameter?.schema as { type?: string } | undefined)?.type === 'array';
          if (!isArray && all.length > 1) problems.push({ direction: 'request', at: `query.${name}`, message: `is given ${all.length} times but is not an array` });
          values[name] = isArray ? all : all[0];
        }
      }
      const key = `${found.source} ${found.label} ${where}`;
      let validate = this.parameterValidators.get(key);
      if (!validate) {
        const schema = {
          type: 'object',
          properties: Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.schema ?? {}])),
          required: parameters.filter((parameter) => parameter.required || where === 'path').map((parameter) => parameter.name),
          additionalProperties: where === 'query' && this.options.freeQueryOperations?.includes(found.label) ? { type: 'string' } : false,
        };
        validate = this.parameters.compile(this.prepare(found.source, 'request', schema, [this.parameters]) as object);
        this.parameterValidators.set(key, validate);
      }
      if (!validate(values)) {
        for (const problem of formatErrors('request', where, validate.errors)) {
          // `query` + `` must NOT have additional properties ('foo') reads better as `query.foo: is not declared`.
          const extra = /^must NOT have additional properties \('(.*)'\)$/.exec(problem.message);
          problems.push(
            extra ? { ...problem, at: `${where}.${extra[1]}`, message: 'is not a parameter of this operation' } : { ...problem, at: problem.at.replace(/^(path|query)\//, '$1.') },
          );
        }
      }
    }

    const requestBody = found.operation.requestBody;
    if (request.body === undefined) {
      if (requestBody?.required) problems.push({ direction: 'request', at: 'body', message: 'is required by the operation but was not sent' });
    } else if (!requestBody) {
      problems.push({ direction: 'request', at: 'body', message: 'was sent, but the operation takes no body' });
    } else {
      const content = jsonContent(requestBody.content);
      if (!content) problems.push({ direction: 'request', at: 'body', message: `is JSON, but the operation takes ${Object.keys(requestBody.content ?? {}).join(', ')}` });
      else if (!acceptsAnything(content.schema))
        problems.push(...this.validate(`${found.source} ${found.label} request body`, found.source, 'request', content.schema, request.body, 'body'));
    }
    return problems;
  }

  checkResponse(found: ContractOperation, answer: { status: number; body: unknown; headers?: Record<string, string> }): ContractProblem[] {
    const responses = found.operation.responses ?? {};
    const key = [String(answer.status), `${String(answer.status)[0]}XX`, `${String(answer.status)[0]}xx`, 'default'].find((candidate) => candidate in responses);
    if (!key) return [{ direction: 'response', at: 'status', message: `${answer.status} is not a status the operation documents (${Object.keys(responses).join(', ')})` }];
    const documented = responses[key]!;
    const problems: ContractProblem[] = [];
    const headers = new Map(Object.entries(answer.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      if (header.required && !headers.has(name.toLowerCase()))
        problems.push({ direction: 'response', at: `header ${name}`, message: 'is required by the operation but was not sent' });
    }
    // HTTP itself: a redirect names where to go.
    if ([301, 302, 303, 307, 308].includes(answer.status) && !headers.get('location'))
      problems.push({ direction: 'response', at: 'header Location', message: `is required with HTTP ${answer.status}` });

    const content = jsonContent(documented.content);
    if (!documented.content) {
      // No body documented. A success must then have none; for a refusal the description is silent about
      // the body (Jira sends its ErrorCollection), so any body passes.
      if (answer.status < 400 && answer.body !== undefined) problems.push({ direction: 'response', at: 'body', message: `was sent, but ${key} documents no body` });
      return problems;
    }
    if (!content) {
      if (answer.body !== undefined) problems.push({ direction: 'response', at: 'body', message: `is JSON, but ${key} documents ${Object.keys(documented.content).join(', ')}` });
      return problems;
    }
    if (acceptsAnything(content.schema)) return problems;
    if (answer.body === undefined) return [...problems, { direction: 'response', at: 'body', message: `is missing: ${key} documents a JSON body` }];
    return [...problems, ...this.validate(`${found.source} ${found.label} response ${key}`, found.source, 'response', content.schema, answer.body, 'body')];
  }
}
