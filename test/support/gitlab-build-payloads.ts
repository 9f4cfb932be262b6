/**
 * GitLab's own payload examples for pipeline and deployment events, as published in "Webhook events"
 * (https://docs.gitlab.com/user/project/integrations/webhook_events/, sections "Pipeline events" and
 * "Deployment events"; source doc/user/project/integrations/webhook_events.md in gitlab-org/gitlab). Copied
 * field for field, except the pipeline's `builds` list (the jobs), which the app does not read and which is
 * cut to its first job. Functions return fresh copies, so tests may change them.
 */

/** `X-Gitlab-Event: Pipeline Hook`, the documented example (pipeline 31 of gitlab-org/gitlab-test). */
export function gitlabDocumentedPipeline(): Record<string, any> {
  return {
    object_kind: 'pipeline',
    object_attributes: {
      id: 31,
      iid: 3,
      name: 'Pipeline for branch: master',
      ref: 'master',
      tag: false,
      sha: 'bcbb5ec396a2c0f828686f14fac9b80b780504f2',
      before_sha: 'bcbb5ec396a2c0f828686f14fac9b80b780504f2',
      source: 'merge_request_event',
      status: 'success',
      stages: ['build', 'test', 'deploy'],
      created_at: '2016-08-12 15:23:28 UTC',
      finished_at: '2016-08-12 15:26:29 UTC',
      duration: 63,
      variables: [{ key: 'NESTOR_PROD_ENVIRONMENT', value: 'us-west-1' }],
      url: 'http://example.com/gitlab-org/gitlab-test/-/pipelines/31',
    },
    merge_request: {
      id: 1,
      iid: 1,
      title: 'Test',
      source_branch: 'test',
      source_project_id: 1,
      target_branch: 'master',
      target_project_id: 1,
      state: 'opened',
      merge_status: 'can_be_merged',
      detailed_merge_status: 'mergeable',
      url: 'http://192.168.64.1:3005/gitlab-org/gitlab-test/merge_requests/1',
    },
    user: {
      id: 1,
      name: 'Administrator',
      username: 'root',
      avatar_url: 'http://www.gravatar.com/avatar/e32bd13e2add097461cb96824b7a829c?s=80\u0026d=identicon',
      email: 'user_email@gitlab.com',
    },
    project: {
      id: 1,
      name: 'Gitlab Test',
      description: 'Atque in sunt eos similique dolores voluptatem.',
      web_url: 'http://192.168.64.1:3005/gitlab-org/gitlab-test',
      avatar_url: null,
      git_ssh_url: 'git@192.168.64.1:gitlab-org/gitlab-test.git',
      git_http_url: 'http://192.168.64.1:3005/gitlab-org/gitlab-test.git',
      namespace: 'Gitlab Org',
      visibility_level: 20,
      path_with_namespace: 'gitlab-org/gitlab-test',
      default_branch: 'master',
    },
    commit: {
      id: 'bcbb5ec396a2c0f828686f14fac9b80b780504f2',
      message: 'test\n',
      timestamp: '2016-08-12T17:23:21+02:00',
      url: 'http://example.com/gitlab-org/gitlab-test/commit/bcbb5ec396a2c0f828686f14fac9b80b780504f2',
      author: { name: 'User', email: 'user@gitlab.com' },
    },
    source_pipeline: {
      project: { id: 41, web_url: 'https://gitlab.example.com/gitlab-org/upstream-project', path_with_namespace: 'gitlab-org/upstream-project' },
      pipeline_id: 30,
      job_id: 3401,
    },
    builds: [
      {
        id: 380,
        stage: 'deploy',
        name: 'production',
        status: 'skipped',
        created_at: '2016-08-12 15:23:28 UTC',
        started_at: null,
        finished_at: null,
        duration: null,
        queued_duration: null,
        failure_reason: null,
        when: 'manual',
        manual: true,
        allow_failure: false,
        runner: null,
        artifacts_file: { filename: null, size: null },
        environment: { name: 'production', action: 'start', deployment_tier: 'production' },
      },
    ],
  };
}

/** `X-Gitlab-Event: Deployment Hook`, the documented example (deployment 15 of root/test-deployment-webhooks). */
export function gitlabDocumentedDeployment(): Record<string, any> {
  return {
    object_kind: 'deployment',
    status: 'success',
    status_changed_at: '2021-04-28 21:50:00 +0200',
    deployment_id: 15,
    deployable_id: 796,
    deployable_url: 'http://10.126.0.2:3000/root/test-deployment-webhooks/-/jobs/796',
    environment: 'staging',
    environment_tier: 'staging',
    environment_slug: 'staging',
    environment_external_url: 'https://staging.example.com',
    project: {
      id: 30,
      name: 'test-deployment-webhooks',
      description: '',
      web_url: 'http://10.126.0.2:3000/root/test-deployment-webhooks',
      avatar_url: null,
      git_ssh_url: 'ssh://vlad@10.126.0.2:2222/root/test-deployment-webhooks.git',
      git_http_url: 'http://10.126.0.2:3000/root/test-deployment-webhooks.git',
      namespace: 'Administrator',
      visibility_level: 0,
      path_with_namespace: 'root/test-deployment-webhooks',
      default_branch: 'master',
      ci_config_path: '',
      homepage: 'http://10.126.0.2:3000/root/test-deployment-webhooks',
      url: 'ssh://vlad@10.126.0.2:2222/root/test-deployment-webhooks.git',
      ssh_url: 'ssh://vlad@10.126.0.2:2222/root/test-deployment-webhooks.git',
      http_url: 'http://10.126.0.2:3000/root/test-deployment-webhooks.git',
    },
    short_sha: '279484c0',
    user: {
      id: 1,
      name: 'Administrator',
      username: 'root',
      avatar_url: 'https://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=80&d=identicon',
      email: 'admin@example.com',
    },
    user_url: 'http://10.126.0.2:3000/root',
    commit_url: 'http://10.126.0.2:3000/root/test-deployment-webhooks/-/commit/279484c09fbe69ededfced8c1bb6e6d24616b468',
    commit_title: 'Add new file',
  };
}
