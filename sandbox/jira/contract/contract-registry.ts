/**
 * Where contract mismatches of the sandbox's Jira wait for the test that caused them to fail. It lives on
 * `globalThis` under a registered symbol, so the Jest setup file and the modules a test imports share it
 * whatever their module instances, and it has no imports, so installing it costs a test file nothing.
 *
 * Recording (rather than only throwing inside the handler) is what makes a mismatch fail its test for
 * sure: the app may catch an exception or a 500, retry, and record "Jira unavailable" as an expected
 * outcome, but it cannot reach this list, which `test/support/jira-contract-setup.ts` checks after each test.
 */
export interface JiraContractMismatch {
  /** `GET /rest/api/3/issue/{issueIdOrKey}`, or the method and path when no operation matches. */
  operation: string;
  direction: 'request' | 'response';
  /** The exchange as sent: `GET /rest/api/3/issue/DEMO-1?fields=summary → 200`. */
  exchange: string;
  /** Every problem, one line each, with Ajv's instance and schema paths. */
  problems: string[];
  /** The whole report, ready to print. */
  message: string;
}

const REGISTRY = Symbol.for('jira-dvcs-link.jira-contract-mismatches');
type WithRegistry = typeof globalThis & { [REGISTRY]?: JiraContractMismatch[] };

/** Turns recording on for this test file (the Jest setup file calls it). */
export function installJiraContractRegistry(): JiraContractMismatch[] {
  const global = globalThis as WithRegistry;
  return (global[REGISTRY] ??= []);
}

/** The registry, when a test run installed one. */
export function jiraContractRegistry(): JiraContractMismatch[] | undefined {
  return (globalThis as WithRegistry)[REGISTRY];
}

/** Removes and returns what was recorded: for tests that make a mismatch on purpose and assert on it. */
export function takeJiraContractMismatches(): JiraContractMismatch[] {
  return jiraContractRegistry()?.splice(0) ?? [];
}
