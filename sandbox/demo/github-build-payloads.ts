import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { WebhookDefinition } from '@octokit/webhooks-examples';

/**
 * GitHub build and deployment deliveries for the demo data: GitHub's own `workflow_run`, `deployment` and
 * `deployment_status` examples (`@octokit/webhooks-examples`), moved onto the demo repository and commit.
 */
type EventName = WebhookDefinition['name'];
type ExampleOf<N extends EventName> = WebhookDefinition<N>['examples'][number];
const definitions = createRequire(resolve('package.json'))('@octokit/webhooks-examples') as WebhookDefinition[];

function example<N extends EventName>(name: N): ExampleOf<N> {
  const found = definitions.find((entry): entry is WebhookDefinition<N> => entry.name === name)?.examples[0];
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${name} example`);
  return structuredClone(found);
}

export interface DemoWorkflowRun {
  id: number;
  runNumber: number;
  name: string;
  sha: string;
  branch: string;
  conclusion: 'success' | 'failure';
  updatedAt: string;
}

/** The deployment examples are on the demo repository (Codertocat/Hello-World); the workflow run's is not. */
export function githubWorkflowRun(run: DemoWorkflowRun) {
  const payload = example('workflow_run');
  const { repository } = example('deployment');
  return {
    ...payload,
    action: 'completed',
    repository,
    workflow: { ...payload.workflow, id: run.id * 10, name: run.name },
    workflow_run: {
      ...payload.workflow_run,
      id: run.id,
      name: run.name,
      workflow_id: run.id * 10,
      run_number: run.runNumber,
      head_sha: run.sha,
      head_branch: run.branch,
      status: 'completed',
      conclusion: run.conclusion,
      html_url: `${repository.html_url}/actions/runs/${run.id}`,
      pull_requests: [],
      updated_at: run.updatedAt,
    },
  };
}

export interface DemoDeployment {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  state: 'success' | 'failure' | 'in_progress';
  updatedAt: string;
}

/** A deployment's creation and the status it reached, as two deliveries. */
export function githubDeployment(deployment: DemoDeployment): Array<[string, unknown]> {
  const created = example('deployment');
  const status = example('deployment_status');
  const data = {
    ...created.deployment,
    id: deployment.id,
    sha: deployment.sha,
    ref: deployment.ref,
    environment: deployment.environment,
    created_at: deployment.updatedAt,
    updated_at: deployment.updatedAt,
  };
  return [
    ['deployment', { ...created, deployment: data }],
    [
      'deployment_status',
      {
        ...status,
        deployment: data,
        deployment_status: {
          ...status.deployment_status,
          id: deployment.id * 10,
          state: deployment.state,
          environment: deployment.environment,
          target_url: `${created.repository.html_url}/deployments/${deployment.environment}`,
          updated_at: deployment.updatedAt,
        },
      },
    ],
  ];
}
