import { installJiraContractRegistry } from '../../sandbox/jira/contract/contract-registry';

/**
 * Installed for every test file by jest.config.cjs (`setupFilesAfterEnv`): turns on the contract check of
 * the sandbox's Jira (sandbox/jira/contract/jira-contract.ts) and fails the test during which a request or
 * an answer did not match Jira's published OpenAPI description, whatever the app did with it.
 */
const registry = installJiraContractRegistry();

function failOnMismatches(when: string) {
  const found = registry.splice(0);
  if (found.length === 0) return;
  throw new Error(
    `${found.length} exchange(s) with the sandbox's Jira ${when} do not match Jira's published OpenAPI description:\n\n${found.map((mismatch) => mismatch.message).join('\n\n')}`,
  );
}

beforeEach(() => failOnMismatches('before this test (in a beforeAll hook, or after the previous test ended)'));
afterEach(() => failOnMismatches('during this test'));
afterAll(() => failOnMismatches('after the last test'));
