import { collectJobs } from '../../test/support/queued-jobs';
import { startGitHostStub, type GitHostStub } from '../../sandbox/provider-stub/git-host-stub';
import { commonsLangHistory, syncFixture } from '../../test/support/sync-fixture';
import { extractIssueKeys } from '../issue-keys/extract-issue-keys';
import type { QueuedJob } from '../ports/queue';
import { composeApp } from '../app/compose-app';

const history = commonsLangHistory(400);

describe('reading the rest of a truncated push', () => {
  let stub: GitHostStub;
  let sync: Awaited<ReturnType<typeof syncFixture>>;
  beforeEach(async () => {
    stub = await startGitHostStub({ history });
    sync = await syncFixture(stub);
  });
  afterEach(async () => {
    await sync.fixture.close();
    await stub.close();
  });

  it('stores every commit between the old and new head through the compare API, in queued slices', async () => {
    const queued: QueuedJob[] = [];
    sync.fixture.ports.queue.push = collectJobs(queued);
    const handlers = composeApp(sync.fixture.ports).jobs;
    // A push of 250 commits, of which the webhook carried none; the consumer follows its own continuations.
    queued.push({ body: { kind: 'fetch-push', repositoryId: sync.repositoryId, branch: 'master', before: history[250]!.sha, headSha: history[0]!.sha } });
    let runs = 0;
    while (queued.length > 0 && runs < 50) {
      runs += 1;
      await handlers.runBackfillJob(queued.shift()!.body);
    }
    const expected = history
      .slice(0, 250)
      .filter((commit) => extractIssueKeys(commit.message, new Set(['LANG'])).length > 0)
      .map((commit) => commit.sha)
      .sort();
    expect(await sync.storedCommits()).toEqual(expected);
    expect(stub.requests.filter((request) => request.includes('/compare/')).length).toBe(3);
  });
});
