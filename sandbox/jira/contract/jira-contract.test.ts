import type { JiraRequestHandler } from '../../../src/local/local-jira';
import { takeJiraContractMismatches } from './contract-registry';
import { checkJiraRequest, checkJiraResponse, contractCheckedJira, JiraContractError, jiraContract, UNDOCUMENTED_JIRA_OPERATIONS } from './jira-contract';
import { javaPattern, OpenApiContract, type OpenApiDocument } from './openapi-contract';

/** The validator itself: it must refuse what Jira's description refuses, or it proves nothing. */
describe("the contract check against Jira's published OpenAPI description", () => {
  afterEach(() => {
    // Mismatches made on purpose below are asserted on, not left for the setup file to fail the test with.
    takeJiraContractMismatches();
  });

  const problemsOf = (method: string, path: string, body?: unknown) => {
    const checked = checkJiraRequest(method, path, body);
    return checked.mismatch?.problems ?? [];
  };

  describe('requests', () => {
    it('accepts the requests the app sends', () => {
      expect(problemsOf('GET', '/rest/api/3/mypermissions?issueKey=DEMO-1&permissions=VIEW_DEV_TOOLS')).toEqual([]);
      expect(problemsOf('GET', '/rest/api/3/issue/DEMO-1?fields=project')).toEqual([]);
      expect(problemsOf('POST', '/rest/api/3/permissions/check', { accountId: 'a', projectPermissions: [{ issues: [10100], permissions: ['ADD_COMMENTS'] }] })).toEqual([]);
      expect(
        problemsOf('POST', '/rest/api/3/issue/DEMO-1/worklog', { timeSpent: '1h', started: '2026-11-01T10:00:00.000+0000', comment: { type: 'doc', version: 1, content: [] } }),
      ).toEqual([]);
      expect(problemsOf('DELETE', '/rest/devinfo/0.10/repository/42/pull_request/7')).toEqual([]);
    });

    it('refuses a body of the wrong type, naming the operation, the direction and the path in the body', () => {
      const checked = checkJiraRequest('POST', '/rest/api/3/permissions/check', { projectPermissions: [{ issues: ['10100'], permissions: ['ADD_COMMENTS'] }] });
      expect(checked.status).toBe(400);
      expect(checked.mismatch).toMatchObject({ operation: 'POST /rest/api/3/permissions/check', direction: 'request' });
      expect(checked.mismatch!.problems).toEqual(['body/projectPermissions/0/issues/0: must be integer [schema #/properties/issues/items/type]']);
      expect(checked.mismatch!.message).toContain('the request of POST /rest/api/3/permissions/check in jira-platform.v3.json');
    });

    it('refuses unknown and mistyped query parameters, and path parameters outside their enum', () => {
      expect(problemsOf('GET', '/rest/api/3/project/search?startAt=0&maxResult=100')).toEqual([
        'query.maxResult: is not a parameter of this operation [schema #/additionalProperties]',
      ]);
      expect(problemsOf('GET', '/rest/api/3/project/search?startAt=first')).toEqual(['query.startAt: must be integer [schema #/properties/startAt/type]']);
      expect(problemsOf('GET', '/rest/api/3/mypermissions?permissions=A&permissions=B')).toEqual(['query.permissions: is given 2 times but is not an array']);
      expect(problemsOf('DELETE', '/rest/devinfo/0.10/repository/42/tag/7')).toEqual([
        'path.entityType: must be equal to one of the allowed values (["commit","branch","pull_request"]) [schema #/properties/entityType/enum]',
      ]);
    });

    it('refuses readOnly properties in a request, a missing required body, and a body where none is taken', () => {
      expect(problemsOf('POST', '/rest/api/3/issue/DEMO-1/worklog', { timeSpent: '1h', id: '1' })).toEqual([
        'body/id: is readOnly in the description: Jira ignores it in a request [schema #/properties/id/x-contract-forbidden]',
      ]);
      expect(problemsOf('PUT', '/rest/api/3/issue/DEMO-1/properties/dvcs-link.summary')).toEqual(['body: is required by the operation but was not sent']);
      expect(problemsOf('GET', '/rest/api/3/issue/DEMO-1', { fields: ['summary'] })).toEqual(['body: was sent, but the operation takes no body']);
    });

    it('matches a literal path segment before a template, and knows the methods of each path', () => {
      const multi = jiraContract().match('POST', '/rest/api/3/issue/properties/multi');
      expect(multi).toMatchObject({ kind: 'operation', operation: { template: '/rest/api/3/issue/properties/multi' } });
      const property = jiraContract().match('PUT', '/rest/api/3/issue/DEMO-1/properties/multi');
      expect(property).toMatchObject({
        kind: 'operation',
        operation: { template: '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}' },
        pathParams: { issueIdOrKey: 'DEMO-1', propertyKey: 'multi' },
      });
      expect(checkJiraRequest('GET', '/rest/api/3/issue/properties/multi', undefined)).toMatchObject({
        status: 405,
        mismatch: { problems: ['method: /rest/api/3/issue/properties/multi has only POST'] },
      });
    });

    it('refuses a path that matches no operation, and lets through only the allow-listed undocumented ones', () => {
      expect(checkJiraRequest('GET', '/rest/api/3/issue/DEMO-1/devinfo', undefined)).toMatchObject({
        status: 404,
        mismatch: { direction: 'request', operation: 'GET /rest/api/3/issue/DEMO-1/devinfo' },
      });
      expect(checkJiraRequest('GET', '/rest/api/3/search/jql?jql=project%20%3D%20DEMO&maxResults=10', undefined).mismatch).toBeUndefined();
      expect(problemsOf('POST', '/rest/api/3/search/jql', { jql: 'project = DEMO', startAt: 0 })).toEqual([
        "body: must NOT have additional properties ('startAt') [schema #/additionalProperties]",
      ]);
      expect(UNDOCUMENTED_JIRA_OPERATIONS.map((entry) => `${entry.method} ${entry.template}`)).toEqual(['GET /rest/api/3/search/jql', 'POST /rest/api/3/search/jql']);
      for (const entry of UNDOCUMENTED_JIRA_OPERATIONS) expect(entry.reason.length).toBeGreaterThan(20);
    });
  });

  describe('answers', () => {
    const operation = (method: string, path: string) => {
      const checked = checkJiraRequest(method, path, undefined);
      if (!checked.operation) throw new Error(`${method} ${path} matches no operation`);
      return checked.operation;
    };

    it('accepts an answer of the documented shape', () => {
      const mypermissions = operation('GET', '/rest/api/3/mypermissions?permissions=ADMINISTER');
      expect(
        checkJiraResponse(mypermissions, 'GET', '/rest/api/3/mypermissions', {
          status: 200,
          body: { permissions: { ADMINISTER: { key: 'ADMINISTER', type: 'GLOBAL', havePermission: true } } },
        }),
      ).toBeUndefined();
    });

    it('refuses a wrong type, an undocumented field and a value outside an enum', () => {
      const mypermissions = operation('GET', '/rest/api/3/mypermissions?permissions=ADMINISTER');
      const found = checkJiraResponse(mypermissions, 'GET', '/rest/api/3/mypermissions?permissions=ADMINISTER', {
        status: 200,
        body: { permissions: { ADMINISTER: { key: 'ADMINISTER', type: 'SITE', havePermission: 'yes' } }, extra: true },
      });
      expect(found).toMatchObject({ operation: 'GET /rest/api/3/mypermissions', direction: 'response' });
      expect(found!.problems).toEqual(
        expect.arrayContaining([
          "body: must NOT have additional properties ('extra') [schema #/additionalProperties]",
          expect.stringMatching(/^body\/permissions\/ADMINISTER\/type: must be equal to one of the allowed values \(\["GLOBAL","PROJECT"\]\)/),
          expect.stringMatching(/^body\/permissions\/ADMINISTER\/havePermission: must be boolean/),
        ]),
      );
      expect(found!.message).toContain('GET /rest/api/3/mypermissions?permissions=ADMINISTER → 200');
    });

    it('refuses a status the operation does not document, a body where none is documented, and a missing one', () => {
      const comment = operation('POST', '/rest/api/3/issue/DEMO-1/comment');
      expect(checkJiraResponse(comment, 'POST', '/x', { status: 403, body: { errorMessages: ['no'], errors: {} } })!.problems).toEqual([
        'status: 403 is not a status the operation documents (201, 400, 401, 404)',
      ]);
      expect(checkJiraResponse(comment, 'POST', '/x', { status: 201, body: undefined })!.problems).toEqual(['body: is missing: 201 documents a JSON body']);
      const deleted = operation('DELETE', '/rest/devinfo/0.10/repository/42');
      expect(checkJiraResponse(deleted, 'DELETE', '/x', { status: 202, body: { ok: true } })!.problems).toEqual(['body: was sent, but 202 documents no body']);
      expect(checkJiraResponse(deleted, 'DELETE', '/x', { status: 202, body: undefined })).toBeUndefined();
    });

    it('takes a 303 with a Location header and no body, and refuses one without Location', () => {
      const multi = operation('POST', '/rest/api/3/issue/properties/multi');
      expect(checkJiraResponse(multi, 'POST', '/x', { status: 303, body: undefined, headers: { Location: '/rest/api/3/task/1' } })).toBeUndefined();
      expect(checkJiraResponse(multi, 'POST', '/x', { status: 303, body: undefined })!.problems).toEqual(['header Location: is required with HTTP 303']);
    });
  });

  describe('wrapped around a handler', () => {
    const answering = (answer: Awaited<ReturnType<JiraRequestHandler>>): JiraRequestHandler & { calls: number } => {
      const handler = Object.assign(
        async () => {
          handler.calls += 1;
          return answer;
        },
        { calls: 0 },
      );
      return handler;
    };
    const app = { kind: 'app' } as const;

    it('records a wrong answer for the test to fail on, and still returns it', async () => {
      const handler = answering({ status: 200, body: { permissions: { ADMINISTER: { havePermission: 'yes' } } } });
      const answer = await contractCheckedJira(handler, 'record')({ principal: app, method: 'GET', path: '/rest/api/3/mypermissions?permissions=ADMINISTER', body: undefined });
      expect(answer.status).toBe(200);
      const recorded = takeJiraContractMismatches();
      expect(recorded).toHaveLength(1);
      expect(recorded[0]).toMatchObject({
        operation: 'GET /rest/api/3/mypermissions',
        direction: 'response',
        problems: [expect.stringContaining('body/permissions/ADMINISTER/havePermission: must be boolean')],
      });
    });

    it('records a wrong request and answers 400 without asking the model', async () => {
      const handler = answering({ status: 200, body: {} });
      const answer = await contractCheckedJira(
        handler,
        'record',
      )({ principal: app, method: 'POST', path: '/rest/api/3/permissions/check', body: { projectPermissions: 'ADD_COMMENTS' } });
      expect(answer).toEqual({ status: 400, body: { errorMessages: [expect.stringContaining('body/projectPermissions: must be array')], errors: {} } });
      expect(handler.calls).toBe(0);
      expect(takeJiraContractMismatches()).toEqual([expect.objectContaining({ direction: 'request', operation: 'POST /rest/api/3/permissions/check' })]);
    });

    it('passes a 303 and its headers through untouched', async () => {
      const redirect = { status: 303, body: undefined, headers: { Location: 'http://localhost:8080/rest/api/3/task/10001' } };
      const answer = await contractCheckedJira(
        answering(redirect),
        'record',
      )({
        principal: app,
        method: 'POST',
        path: '/rest/api/3/issue/properties/multi',
        body: { issues: [{ issueID: 10100, properties: { 'dvcs-link.summary': { commits: 1 } } }] },
      });
      expect(answer).toBe(redirect);
      expect(takeJiraContractMismatches()).toEqual([]);
    });

    it('throws in strict mode, naming the operation, the direction and the schema path', async () => {
      const handler = answering({ status: 200, body: { defaultUnit: 'fortnight', timeFormat: 'pretty', workingDaysPerWeek: 5, workingHoursPerDay: 8 } });
      const call = contractCheckedJira(handler, 'strict')({ principal: app, method: 'GET', path: '/rest/api/3/configuration/timetracking/options', body: undefined });
      await expect(call).rejects.toThrow(JiraContractError);
      await expect(
        contractCheckedJira(handler, 'strict')({ principal: app, method: 'GET', path: '/rest/api/3/configuration/timetracking/options', body: undefined }),
      ).rejects.toThrow(
        /response of GET \/rest\/api\/3\/configuration\/timetracking\/options[\s\S]*body\/defaultUnit: must be equal to one of the allowed values[\s\S]*\[schema #\/properties\/defaultUnit\/enum\]/,
      );
    });
  });

  describe('the OpenAPI 3.0 dialect', () => {
    const document: OpenApiDocument = {
      paths: {
        '/things/{id}': {
          put: {
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', format: 'int64' } }],
            requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
            responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
          },
          get: {
            parameters: [
              { name: 'id', in: 'path', required: true, schema: { type: 'integer', format: 'int64' } },
              { name: 'colour', in: 'query', schema: { $ref: '#/components/schemas/Colour' } },
            ],
            responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
          },
        },
      },
      components: {
        schemas: {
          Colour: { type: 'string', enum: ['red', 'blue'] },
          Thing: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'name', 'secret'],
            properties: {
              id: { type: 'string', readOnly: true },
              name: { type: 'string', nullable: true, example: 'x' },
              colour: { allOf: [{ $ref: '#/components/schemas/Colour' }], nullable: true },
              secret: { type: 'string', writeOnly: true },
              created: { type: 'string', format: 'date-time' },
              key: { type: 'string', pattern: '^\\p{L}[\\p{L}\\p{Digit}_]+-\\p{Digit}+$' },
            },
          },
        },
      },
    };
    const contract = new OpenApiContract([{ name: 'things', load: () => document }]);
    const found = contract.match('PUT', '/things/12');
    if (found.kind !== 'operation') throw new Error('no match');
    const request = (body: unknown, id = '12') =>
      contract.checkRequest(found.operation, { pathParams: { id }, query: new URLSearchParams(), body }).map((problem) => `${problem.at}: ${problem.message}`);
    const response = (body: unknown) => contract.checkResponse(found.operation, { status: 200, body }).map((problem) => `${problem.at}: ${problem.message}`);

    it('does not require readOnly properties in requests, nor writeOnly ones in answers, and refuses them there', () => {
      expect(request({ name: 'a', secret: 's' })).toEqual([]);
      expect(request({ name: 'a' })).toEqual(["body: must have required property 'secret'"]);
      expect(request({ id: '1', name: 'a', secret: 's' })).toEqual(['body/id: is readOnly in the description: Jira ignores it in a request']);
      expect(response({ id: '1', name: 'a' })).toEqual([]);
      expect(response({ name: 'a' })).toEqual(["body: must have required property 'id'"]);
      expect(response({ id: '1', name: 'a', secret: 's' })).toEqual(['body/secret: is writeOnly in the description: Jira never sends it']);
    });

    it('takes null where nullable says so, and only there', () => {
      expect(response({ id: '1', name: null, colour: null })).toEqual([]);
      expect(response({ id: null, name: 'a' })).toEqual(['body/id: must be string']);
    });

    it('resolves a component in query parameters after a body reached it first', () => {
      expect(request({ name: 'a', secret: 's', colour: 'red' })).toEqual([]);
      const get = contract.match('GET', '/things/12');
      if (get.kind !== 'operation') throw new Error('no match');
      const query = (text: string) =>
        contract.checkRequest(get.operation, { pathParams: { id: '12' }, query: new URLSearchParams(text), body: undefined }).map((problem) => `${problem.at}: ${problem.message}`);
      expect(query('colour=red')).toEqual([]);
      expect(query('colour=green')).toEqual(['query.colour: must be equal to one of the allowed values (["red","blue"])']);
    });

    it('enforces additionalProperties: false in answers as well as requests', () => {
      expect(response({ id: '1', name: 'a', invented: 1 })).toEqual(["body: must NOT have additional properties ('invented')"]);
      expect(request({ name: 'a', secret: 's', invented: 1 })).toEqual(["body: must NOT have additional properties ('invented')"]);
    });

    it('closes objects that leave additionalProperties unspecified only when asked to, and says so', () => {
      const open: OpenApiDocument = {
        paths: {
          '/error': { get: { responses: { '400': { content: { 'application/json': { schema: { type: 'object', properties: { errorMessages: { type: 'array' } } } } } } } } },
        },
      };
      const check = (closeUndeclaredProperties: boolean) => {
        const strict = new OpenApiContract([{ name: 'open', load: () => open }], { closeUndeclaredProperties });
        const matched = strict.match('GET', '/error');
        if (matched.kind !== 'operation') throw new Error('no match');
        return strict.checkResponse(matched.operation, { status: 400, body: { errorMessages: [], errors: {} } }).map((problem) => `${problem.at}: ${problem.message}`);
      };
      expect(check(false)).toEqual([]);
      expect(check(true)).toEqual(["body: must NOT have additional properties ('errors'; the description declares no such property and leaves additionalProperties unspecified)"]);
    });

    it("checks formats, Jira's date-times with +0000, path parameter types and Java patterns", () => {
      expect(response({ id: '1', name: 'a', created: '2021-01-17T12:34:00.000+0000' })).toEqual([]);
      expect(response({ id: '1', name: 'a', created: '2026-11-01T10:00:00.000Z' })).toEqual([]);
      expect(response({ id: '1', name: 'a', created: '17/01/2021' })).toEqual(['body/created: must match format "date-time"']);
      expect(request({ name: 'a', secret: 's' }, 'twelve')).toEqual(['path.id: must be integer']);
      expect(response({ id: '1', name: 'a', key: 'DEMO-12' })).toEqual([]);
      expect(response({ id: '1', name: 'a', key: 'DEMO-x' })).toEqual([expect.stringMatching(/^body\/key: must match pattern/)]);
      expect(javaPattern('^\\p{L}[\\p{L}\\p{Digit}_]{1,255}-\\p{Digit}{1,255}$')).toBe('^\\p{L}[\\p{L}0-9_]{1,255}-[0-9]{1,255}$');
    });
  });
});
