import type { BuildData, BuildState, DeploymentData, DeploymentState } from '../../src/git-hosts/build-event';
import type { DevEvent } from '../../src/git-hosts/dev-event';
import { readPanel, readSummaries } from '../../src/dev-info/dev-info-reader';
import { writeLinkPlan } from '../../src/dev-info/dev-info-writer';
import { planLinks } from '../../src/dev-info/link-plan';
import { contractClock, PROJECTS, REPO, sha, storeWithLinkedRepository, type ContractDatabase } from './contract-store';

const push = (branch: string, n: number, message: string): DevEvent => ({
  kind: 'push',
  repository: REPO,
  branch,
  branchUrl: `https://github.com/acme/app/tree/${branch}`,
  headSha: sha(n),
  truncated: false,
  before: null,
  commits: [{ sha: sha(n), message, authorName: 'Dana', authorEmail: 'dana@example.com', authoredAt: 1000, url: `https://github.com/acme/app/commit/${sha(n)}`, filesChanged: 1 }],
});

const build = (state: BuildState, updatedAt: number, overrides: Partial<BuildData> = {}): DevEvent => ({
  kind: 'build',
  repository: REPO,
  build: {
    buildKey: 'workflow_run/7',
    pipelineKey: 'workflow/1',
    buildNumber: 7,
    name: 'CI',
    state,
    commitSha: sha(1),
    branch: 'main',
    pullRequestNumbers: [],
    url: 'https://github.com/acme/app/actions/runs/7',
    updatedAt,
    ...overrides,
  },
});

const deployment = (state: DeploymentState, updatedAt: number, overrides: Partial<DeploymentData> = {}): DevEvent => ({
  kind: 'deployment',
  repository: REPO,
  deployment: {
    deploymentId: '11',
    sequenceNumber: 11,
    pipelineName: 'deploy',
    environmentName: 'production',
    environmentType: 'production',
    state,
    commitSha: sha(1),
    ref: 'main',
    url: 'https://github.com/acme/app/deployments/production',
    description: '',
    updatedAt,
    ...overrides,
  },
});

/** Builds and deployments in the store, on each engine: linking through commits, branches and pull requests, and never regressing. */
export function describeBuildStoreContract(engine: string, open: () => Promise<ContractDatabase>) {
  describe(`build and deployment store contract on ${engine}`, () => {
    let database: ContractDatabase;
    let repositoryId: string;
    const clock = contractClock;

    beforeEach(async () => {
      ({ database, repositoryId } = await storeWithLinkedRepository(open));
    });
    afterEach(() => database.close());

    const apply = (events: DevEvent[]) => writeLinkPlan(database, planLinks(repositoryId, events, PROJECTS, clock.now()));
    const links = (kind: 'build' | 'deployment') =>
      database.db.selectFrom('issue_link').select(['issue_key', 'item_key', 'item_time']).where('item_kind', '=', kind).orderBy('issue_key').execute();
    const storedBuild = () => database.db.selectFrom('dev_build').select(['state', 'updated_at', 'name']).where('repository_id', '=', repositoryId).execute();
    const storedDeployment = () => database.db.selectFrom('dev_deployment').select(['state', 'updated_at', 'environment_type']).where('repository_id', '=', repositoryId).execute();

    it('links a build to the issues of its commit, its branch and its pull requests', async () => {
      await apply([
        push('main', 1, 'DEMO-1 fix'),
        {
          kind: 'pull-request',
          repository: REPO,
          pullRequest: {
            number: 5,
            title: 'OPS-2 tidy',
            state: 'OPEN',
            sourceBranch: 'x',
            destinationBranch: 'main',
            authorName: 'd',
            updatedAt: 5,
            url: 'https://github.com/acme/app/pull/5',
          },
        },
      ]);
      await apply([build('in_progress', 100, { branch: 'DEMO-3-feature', pullRequestNumbers: [5] })]);
      expect(await links('build')).toEqual([
        { issue_key: 'DEMO-1', item_key: 'workflow_run/7', item_time: 100 },
        { issue_key: 'DEMO-3', item_key: 'workflow_run/7', item_time: 100 },
        { issue_key: 'OPS-2', item_key: 'workflow_run/7', item_time: 100 },
      ]);
      expect(await storedBuild()).toEqual([{ state: 'in_progress', updated_at: 100, name: 'CI' }]);
    });

    it('keeps no build that links to no issue', async () => {
      await apply([build('successful', 100, { commitSha: sha(9), branch: 'main' })]);
      expect(await storedBuild()).toEqual([]);
      expect(await links('build')).toEqual([]);
    });

    it('never takes a finished build back to running for a late or replayed delivery, but a re-run moves it on', async () => {
      await apply([push('main', 1, 'DEMO-1 fix')]);
      await apply([build('failed', 200)]);
      await apply([build('in_progress', 150)]);
      await apply([build('in_progress', 200)]);
      await apply([build('failed', 200)]);
      expect(await storedBuild()).toEqual([{ state: 'failed', updated_at: 200, name: 'CI' }]);
      await apply([build('in_progress', 300, { name: 'CI (re-run)' })]);
      expect(await storedBuild()).toEqual([{ state: 'in_progress', updated_at: 300, name: 'CI (re-run)' }]);
      // Two updates in one delivery, the newer one first.
      await apply([build('successful', 400), build('in_progress', 350)]);
      expect(await storedBuild()).toEqual([{ state: 'successful', updated_at: 400, name: 'CI' }]);
    });

    it('keeps a deployment at its latest state whatever order its statuses arrive in', async () => {
      await apply([push('main', 1, 'DEMO-1 fix')]);
      await apply([deployment('successful', 300)]);
      await apply([deployment('pending', 100)]);
      await apply([deployment('in_progress', 300)]);
      expect(await storedDeployment()).toEqual([{ state: 'successful', updated_at: 300, environment_type: 'production' }]);
      expect(await links('deployment')).toEqual([{ issue_key: 'DEMO-1', item_key: '11', item_time: 300 }]);
      await apply([deployment('rolled_back', 300)]);
      expect(await storedDeployment()).toEqual([{ state: 'rolled_back', updated_at: 300, environment_type: 'production' }]);
    });

    it('counts the builds whose latest run failed and names the furthest environment reached, on the panel and in the summary', async () => {
      await apply([push('DEMO-1-login', 1, 'DEMO-1 fix'), push('DEMO-1-login', 2, 'DEMO-1 fix again')]);
      await apply([
        // CI failed on the first commit, then passed on the second: not failing any more.
        build('failed', 100, { buildKey: 'workflow_run/1', branch: 'DEMO-1-login' }),
        build('successful', 200, { buildKey: 'workflow_run/2', commitSha: sha(2), branch: 'DEMO-1-login' }),
        // Lint failed and has not run since.
        build('failed', 150, { buildKey: 'workflow_run/3', name: 'Lint', branch: 'DEMO-1-login' }),
        deployment('successful', 300, { deploymentId: '21', environmentName: 'staging', environmentType: 'staging' }),
        deployment('failed', 400, { deploymentId: '22', environmentName: 'prod-eu', environmentType: 'production' }),
      ]);
      const summary = (await readSummaries(database, ['DEMO-1'])).get('DEMO-1')!;
      expect(summary).toMatchObject({ builds: 3, deployments: 2, failingBuilds: 1, deployedTo: 'staging' });
      const panel = await readPanel(database, 'DEMO-1');
      expect(panel.summary).toEqual(summary);
      expect(panel.builds.map((item) => [item.name, item.state, item.branch, item.shortSha])).toEqual([
        ['CI', 'successful', 'DEMO-1-login', sha(2).slice(0, 7)],
        ['Lint', 'failed', 'DEMO-1-login', sha(1).slice(0, 7)],
      ]);
      // Furthest environment first, whatever its state.
      expect(panel.deployments.map((item) => [item.environmentType, item.environmentName, item.state, item.time])).toEqual([
        ['production', 'prod-eu', 'failed', 400],
        ['staging', 'staging', 'successful', 300],
      ]);
      await apply([deployment('successful', 500, { deploymentId: '22', environmentName: 'prod-eu', environmentType: 'production' })]);
      expect((await readSummaries(database, ['DEMO-1'])).get('DEMO-1')).toMatchObject({ deployedTo: 'production' });
      expect((await readSummaries(database, ['OPS-1'])).get('OPS-1')).toMatchObject({ builds: 0, failingBuilds: 0, deployedTo: null });
    });

    it('links one build to at most 100 issues', async () => {
      const keys = Array.from({ length: 150 }, (_, n) => `DEMO-${n + 1}`).join(' ');
      await apply([push('main', 1, keys), push('OPS-1-branch', 2, 'OPS-1')]);
      await apply([build('successful', 100, { branch: 'OPS-1-branch' })]);
      const linked = await links('build');
      expect(linked).toHaveLength(100);
      // The keys the build names itself come first.
      expect(linked.map((link) => link.issue_key)).toContain('OPS-1');
    });
  });
}
