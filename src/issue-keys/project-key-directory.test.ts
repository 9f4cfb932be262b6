import { jiraResponse } from '../../test/support/jira-response';
import type { JiraClient } from '../ports/jira';
import { ProjectKeyDirectory } from './project-key-directory';

function fakeJira(pages: string[][]) {
  const calls: string[] = [];
  let projects = pages;
  const client: JiraClient = {
    async requestJira(endpoint) {
      const path = endpoint.path;
      calls.push(path);
      const startAt = Number(/startAt=(\d+)/.exec(path)?.[1] ?? 0);
      const all = projects.flat();
      const page = all.slice(startAt, startAt + 2);
      const body = { startAt, isLast: startAt + 2 >= all.length, values: page.map((key) => ({ key })) };
      return jiraResponse(200, body);
    },
  };
  return { client, calls, setProjects: (next: string[][]) => (projects = next) };
}

describe('ProjectKeyDirectory', () => {
  it('reads every page of projects once, then answers from memory', async () => {
    const jira = fakeJira([['DEMO', 'OPS', 'LANG']]);
    let now = 0;
    const directory = new ProjectKeyDirectory(() => jira.client, { now: () => now });
    expect([...(await directory.keysFor(['DEMO-1']))]).toEqual(['DEMO', 'OPS', 'LANG']);
    now += 1000;
    await directory.keysFor(['OPS-2']);
    expect(jira.calls).toHaveLength(2);
  });

  it('re-reads when an unknown project appears, but not more often than allowed', async () => {
    const jira = fakeJira([['DEMO']]);
    let now = 0;
    const directory = new ProjectKeyDirectory(() => jira.client, { now: () => now }, { unknownKeyRefreshMs: 60_000 });
    await directory.keysFor(['DEMO-1']);
    jira.setProjects([['DEMO', 'NEW']]);
    now = 30_000;
    expect((await directory.keysFor(['NEW-1'])).has('NEW')).toBe(false);
    now = 61_000;
    expect((await directory.keysFor(['NEW-1'])).has('NEW')).toBe(true);
    now = 130_000;
    // Known keys only: no re-read.
    const before = jira.calls.length;
    await directory.keysFor(['DEMO-3 and NEW-4']);
    expect(jira.calls.length).toBe(before);
  });

  it('fails with a typed error when Jira refuses', async () => {
    const client: JiraClient = { requestJira: async () => jiraResponse(503, {}) };
    const directory = new ProjectKeyDirectory(() => client, { now: () => 0 });
    await expect(directory.keysFor(['DEMO-1'])).rejects.toMatchObject({ code: 'jira_error' });
  });
});
