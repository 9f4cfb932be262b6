import type { JiraPrincipal } from '../../../src/local/local-jira';
import { USERS } from '../../../test/support/sandbox-fixture';
import { jiraRestHandler } from '../jira-rest';
import { loadSeed } from '../jira-seed';
import { JiraSite } from '../jira-site';
import { takeJiraContractMismatches } from './contract-registry';
import { contractCheckedJira } from './jira-contract';

/**
 * Every route of the sandbox's Jira, asked by each kind of caller (the app, an administrator, a user with
 * fewer permissions, a user who cannot see a project, anonymous), successes and refusals alike: each
 * answer must be one Jira's published description allows for that operation and status.
 */
describe("every answer of the sandbox's Jira is one Jira's description allows", () => {
  const adf = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Fixed' }] }] };
  const commit = {
    id: 'c1',
    issueKeys: ['DEMO-1'],
    updateSequenceId: 1,
    hash: 'c1',
    message: 'DEMO-1 Fix',
    author: { name: 'Dana', email: 'dana@example.com' },
    fileCount: 1,
    url: 'https://github.com/a/b/commit/c1',
    displayId: 'c1',
    authorTimestamp: '2026-11-01T10:00:00.000Z',
  };
  const callers: Array<[string, JiraPrincipal]> = [
    ['the app', { kind: 'app' }],
    ['an administrator', { kind: 'user', accountId: USERS.admin }],
    ['a viewer', { kind: 'user', accountId: USERS.viewer }],
    ['a user of OPS only', { kind: 'user', accountId: USERS.opsOnly }],
    ['anonymous', { kind: 'user', accountId: undefined }],
  ];
  const calls: Array<[method: string, path: string, body?: unknown]> = [
    ['POST', '/rest/api/3/issue/DEMO-1/comment', { body: adf }],
    ['POST', '/rest/api/3/issue/DEMO-1/worklog', { timeSpent: '1h 30m', started: '2026-11-01T10:00:00.000+0000', comment: adf }],
    ['POST', '/rest/api/3/issue/DEMO-1/worklog', { timeSpent: 'soon' }],
    ['PUT', '/rest/api/3/issue/DEMO-1/properties/dvcs-link.summary', { commits: 1 }],
    ['GET', '/rest/api/3/myself'],
    ['GET', '/rest/api/3/mypermissions?permissions=ADMINISTER,VIEW_DEV_TOOLS'],
    ['GET', '/rest/api/3/mypermissions?issueKey=DEMO-1&permissions=VIEW_DEV_TOOLS'],
    ['GET', '/rest/api/3/mypermissions?projectKey=OPS&permissions=VIEW_DEV_TOOLS'],
    ['GET', '/rest/api/3/mypermissions?issueKey=NOPE-1&permissions=VIEW_DEV_TOOLS'],
    ['GET', '/rest/api/3/mypermissions'],
    [
      'POST',
      '/rest/api/3/permissions/check',
      { accountId: USERS.developer, globalPermissions: ['ADMINISTER'], projectPermissions: [{ permissions: ['ADD_COMMENTS'], issues: [10100], projects: [10000] }] },
    ],
    ['POST', '/rest/api/3/permissions/check', { projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], issues: [10100] }] }],
    ['GET', '/rest/api/3/project/search?startAt=0&maxResults=100'],
    ['GET', '/rest/api/3/project/search?maxResults=1'],
    ['GET', '/rest/api/3/user/search?query=dana%40example.com'],
    ['GET', `/rest/api/3/user/search?accountId=${encodeURIComponent(USERS.developer)}`],
    ['GET', '/rest/api/3/user/search'],
    ['GET', '/rest/api/3/configuration/timetracking/options'],
    ['GET', '/rest/api/3/issue/DEMO-1?fields=summary'],
    ['GET', '/rest/api/3/issue/OPS-1?fields=project'],
    ['GET', '/rest/api/3/issue/DEMO-999'],
    ['GET', '/rest/api/3/issue/DEMO-1/comment'],
    ['GET', '/rest/api/3/issue/DEMO-1/worklog'],
    ['GET', '/rest/api/3/issue/DEMO-1/transitions'],
    ['POST', '/rest/api/3/issue/DEMO-1/transitions', { transition: { id: '999' } }],
    ['GET', '/rest/api/3/issue/DEMO-1/properties'],
    ['GET', '/rest/api/3/issue/DEMO-1/properties/dvcs-link.summary'],
    ['GET', '/rest/api/3/issue/DEMO-1/properties/nope'],
    [
      'POST',
      '/rest/api/3/issue/properties/multi',
      {
        issues: [
          { issueID: 10100, properties: { 'dvcs-link.summary': { commits: 2 } } },
          { issueID: 99999, properties: { 'dvcs-link.summary': { commits: 1 } } },
        ],
      },
    ],
    ['GET', '/rest/api/3/task/99999'],
    ['GET', '/rest/api/3/search/jql?jql=project%20%3D%20DEMO&maxResults=10'],
    ['POST', '/rest/api/3/search/jql', { jql: 'project = DEMO', maxResults: 10 }],
    ['GET', '/rest/api/3/search/jql?jql=bogus%20clause'],
    [
      'POST',
      '/rest/devinfo/0.10/bulk',
      {
        repositories: [{ id: 'r1', name: 'a/b', url: 'https://github.com/a/b', updateSequenceId: 1, commits: [commit] }],
        preventTransitions: true,
        operationType: 'NORMAL',
        properties: { dvcsAccount: 'acc_1' },
        providerMetadata: { product: 'GitHub' },
      },
    ],
    // Valid for the schema, refused by Jira for the entity (its timestamp): a per-entity failure in the 202.
    [
      'POST',
      '/rest/devinfo/0.10/bulk',
      { repositories: [{ id: 'r2', name: 'a/c', url: 'https://github.com/a/c', updateSequenceId: 1, commits: [{ ...commit, authorTimestamp: 'yesterday' }] }] },
    ],
    ['POST', '/rest/devinfo/0.10/bulk', { repositories: [] }],
    ['GET', '/rest/devinfo/0.10/repository/r1'],
    ['GET', '/rest/devinfo/0.10/repository/none'],
    ['DELETE', '/rest/devinfo/0.10/repository/r1/commit/c1'],
    ['DELETE', '/rest/devinfo/0.10/repository/r1'],
    ['DELETE', '/rest/api/3/issue/DEMO-1/properties/dvcs-link.summary'],
    [
      'POST',
      '/rest/builds/0.1/bulk',
      {
        builds: [
          {
            schemaVersion: '1.0',
            pipelineId: 'r1/workflow/7',
            buildNumber: 4,
            updateSequenceNumber: 1,
            displayName: 'CI',
            url: 'https://github.com/a/b/actions/runs/1',
            state: 'failed',
            lastUpdated: '2026-11-01T10:00:00.000Z',
            issueKeys: ['DEMO-1'],
            references: [{ commit: { id: 'c'.repeat(40), repositoryUri: 'https://github.com/a/b' }, ref: { name: 'main', uri: 'https://github.com/a/b' } }],
          },
        ],
        properties: { dvcsRepository: 'r1' },
      },
    ],
    [
      'POST',
      '/rest/deployments/0.1/bulk',
      {
        deployments: [
          {
            schemaVersion: '1.0',
            deploymentSequenceNumber: 31,
            updateSequenceNumber: 1,
            issueKeys: ['DEMO-1', 'NOPE-1'],
            displayName: 'deploy to production',
            url: 'https://github.com/a/b/deployments/production',
            description: 'deploy of ccccccc',
            lastUpdated: '2026-11-01T10:00:00.000Z',
            state: 'successful',
            pipeline: { id: 'r1/deploy', displayName: 'deploy', url: 'https://github.com/a/b/deployments/production' },
            environment: { id: 'r1/production', displayName: 'production', type: 'production' },
          },
        ],
      },
    ],
    [
      'POST',
      '/rest/builds/0.1/bulk',
      {
        builds: [
          {
            pipelineId: 'r1/x',
            buildNumber: 1,
            updateSequenceNumber: 1,
            issueKeys: ['NOPE-1'],
            displayName: 'x',
            url: 'https://x.example',
            state: 'unknown',
            lastUpdated: '2026-11-01T10:00:00.000Z',
          },
        ],
      },
    ],
    ['DELETE', '/rest/builds/0.1/bulkByProperties?dvcsRepository=r1'],
    ['DELETE', '/rest/deployments/0.1/bulkByProperties?dvcsRepository=r1'],
    ['DELETE', '/rest/builds/0.1/bulkByProperties'],
  ];

  it.each(callers)('as %s', async (_name, principal) => {
    const site = new JiraSite(loadSeed(), () => new Date('2026-11-01T10:00:00.000Z'));
    const jira = contractCheckedJira(jiraRestHandler(site), 'record');
    const statuses = new Set<number>();
    for (const [method, path, body] of calls) {
      const answer = await jira({ principal, method, path, body });
      statuses.add(answer.status);
      // A 303 names the task it started: follow it, as a client does.
      const location = answer.headers?.Location ?? answer.headers?.location;
      if (answer.status === 303 && location) await jira({ principal, method: 'GET', path: new URL(location, 'http://jira.invalid').pathname, body: undefined });
    }
    expect(takeJiraContractMismatches().map((mismatch) => mismatch.message)).toEqual([]);
    // Successes and refusals were both checked.
    expect([...statuses].some((status) => status < 300)).toBe(true);
    expect([...statuses].some((status) => status >= 400)).toBe(true);
  });
});
