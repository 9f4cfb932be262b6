import type { Generated } from 'kysely';
import type { BuildState, DeploymentState, EnvironmentType } from '../git-hosts/build-event';

/**
 * Table types for Kysely. Times are epoch milliseconds (BIGINT) and flags are 0/1 integers in both engines,
 * because Forge SQL returns JSON without type translation; readers convert with Number() at the boundary.
 */
export interface AccountTable {
  id: string;
  provider: 'github' | 'github-enterprise' | 'bitbucket-cloud' | 'gitlab' | 'bitbucket-data-center';
  host_url: string;
  name: string;
  auth_method: 'oauth' | 'client-credentials' | 'access-token';
  status: string;
  settings: string;
  created_at: number;
  updated_at: number;
  oauth_client_id: string | null;
}

export interface RepositoryTable {
  id: string;
  account_id: string;
  provider_repo_id: string;
  full_name: string;
  url: string;
  linked: number;
  smart_commits: number;
  allowed_project_keys: string | null;
  sync_cursor: string | null;
  sync_status: string;
  last_sync_at: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  webhook_id: string | null;
}

export interface CommitTable {
  repository_id: string;
  sha: string;
  message: string;
  author_name: string;
  author_email: string;
  authored_at: number;
  url: string;
  files_changed: number | null;
}

export interface BranchTable {
  repository_id: string;
  name: string;
  head_sha: string;
  url: string;
  deleted: number;
  updated_at: number;
}

export interface PullRequestTable {
  repository_id: string;
  number: number;
  title: string;
  state: 'OPEN' | 'MERGED' | 'DECLINED';
  source_branch: string;
  destination_branch: string;
  author_name: string;
  updated_at: number;
  url: string;
}

export interface PullRequestReviewerTable {
  repository_id: string;
  pull_request_number: number;
  reviewer_id: string;
  name: string;
  /** 1 while the host lists the person as a requested (GitHub) or named (Bitbucket) reviewer. */
  requested: number;
  /** The latest review that counts, or PENDING when only asked. */
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  /** `reviewPrecedence` of that review: a review must reach it to replace it. */
  precedence: number;
}

/** A CI run, as dev-info/build-writer.ts keeps it (tables.ts `dev_build`). */
export interface BuildTable {
  repository_id: string;
  build_key: string;
  pipeline_key: string;
  build_number: number;
  name: string;
  state: BuildState;
  commit_sha: string;
  branch: string;
  pull_requests: string;
  url: string;
  updated_at: number;
  precedence: number;
}

/** A deployment to an environment (tables.ts `dev_deployment`). */
export interface DeploymentTable {
  repository_id: string;
  deployment_id: string;
  sequence_number: number;
  pipeline_name: string;
  environment_name: string;
  environment_type: EnvironmentType;
  state: DeploymentState;
  commit_sha: string;
  ref: string;
  url: string;
  description: string;
  updated_at: number;
  precedence: number;
}

/** One row per issue key per item: what the panel and the counts query. */
export interface IssueLinkTable {
  issue_key: string;
  project_key: string;
  item_kind: 'commit' | 'branch' | 'pull_request' | 'build' | 'deployment';
  repository_id: string;
  item_key: string;
  item_time: number;
}

interface DeliveryTable {
  delivery_id: string;
  provider: string;
  received_at: number;
  attempts: Generated<number>;
  repository_id: string | null;
}

interface JobTable {
  id: string;
  repository_id: string;
  kind: string;
  status: string;
  cursor: string | null;
  done: number;
  total: number | null;
  attempts: number;
  next_run_at: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

interface OauthStateTable {
  state_id: string;
  account_id: string;
  expires_at: number;
}

interface BranchHeadTable {
  repository_id: string;
  name: string;
  head_sha: string;
}

interface SmartCommitTable {
  repository_id: string;
  sha: string;
  status: 'pending' | 'processing' | 'retry' | 'done';
  results: string | null;
  commands: string | null;
  attempts: number;
  created_at: number;
  updated_at: number;
}

interface IssueSummaryTable {
  issue_key: string;
  changed_at: number;
  pushed_at: number | null;
  /** When the property must next be sent; null while Jira has the latest. */
  due_at: number | null;
  issue_id: string | null;
  attempts: number;
  last_error: string | null;
}

interface JiraTaskTable {
  task_id: string;
  kind: string;
  /** JSON array of the issue keys the task writes. */
  issue_keys: string;
  submitted_at: number;
  check_at: number;
  checks: number;
}

interface SchemaVersionTable {
  id: number;
  version: number;
  lease_owner: string | null;
  lease_until: number | null;
  updated_at: number;
}

export interface DevinfoOutboxTable {
  repository_id: string;
  /** Builds and deployments go to Jira's builds and deployments APIs (jira-copy/push-builds.ts), the rest to development information. */
  item_kind: 'commit' | 'branch' | 'pull_request' | 'build' | 'deployment' | 'repository';
  item_key: string;
  changed_at: number;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
}

interface SignatureFailureTable {
  account_id: string;
  failures: number;
  first_at: number;
  last_at: number;
}

export interface Schema {
  schema_version: SchemaVersionTable;
  jira_task: JiraTaskTable;
  account: AccountTable;
  repository: RepositoryTable;
  dev_commit: CommitTable;
  dev_branch: BranchTable;
  dev_pull_request: PullRequestTable;
  dev_pull_request_reviewer: PullRequestReviewerTable;
  dev_build: BuildTable;
  dev_deployment: DeploymentTable;
  issue_link: IssueLinkTable;
  delivery: DeliveryTable;
  job: JobTable;
  oauth_state: OauthStateTable;
  branch_head: BranchHeadTable;
  smart_commit: SmartCommitTable;
  issue_summary: IssueSummaryTable;
  devinfo_outbox: DevinfoOutboxTable;
  signature_failure: SignatureFailureTable;
}
