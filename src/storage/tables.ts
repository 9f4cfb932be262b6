/**
 * The tables, declared once and compiled to each engine's DDL: MySQL text for Forge SQL (TiDB) and the
 * MariaDB tests, SQLite text for the sandbox. Every statement is idempotent (`IF NOT EXISTS`), so a runner
 * that dies between a statement and its record, or two runners at once, end with the same schema.
 * No foreign keys: Forge SQL rejects them.
 */
interface ColumnDefinition {
  name: string;
  type: string;
  notNull?: boolean;
  defaultTo?: number;
}

export interface TableDefinition {
  name: string;
  columns: ColumnDefinition[];
  primaryKey: string[];
  unique?: Record<string, string[]>;
  indexes?: Record<string, string[]>;
  /** The schema version that created the table; absent for those version 1 created (migrations.ts). */
  addedIn?: number;
}

export type Engine = 'mysql' | 'sqlite';

// Lengths keep every primary key under MySQL's 3,072-byte index limit with utf8mb4 (4 bytes a character).
const ID = 'varchar(64)';
const ISSUE_KEY = 'varchar(128)';
const NAME = 'varchar(255)';
const URL = 'varchar(1024)';
const SHA = 'varchar(64)';

const column = (name: string, type: string, options: Omit<ColumnDefinition, 'name' | 'type'> = {}): ColumnDefinition => ({ name, type, ...options });
const required = (name: string, type: string, defaultTo?: number): ColumnDefinition => column(name, type, { notNull: true, ...(defaultTo === undefined ? {} : { defaultTo }) });

export const TABLES: TableDefinition[] = [
  {
    name: 'schema_version',
    // One row: the schema version reached, and a lease so only one runner issues DDL at a time.
    columns: [required('id', 'integer'), required('version', 'integer'), column('lease_owner', ID), column('lease_until', 'bigint'), required('updated_at', 'bigint')],
    primaryKey: ['id'],
  },
  {
    name: 'account',
    columns: [
      required('id', ID),
      required('provider', 'varchar(32)'),
      required('host_url', NAME),
      required('name', NAME),
      required('auth_method', 'varchar(32)'),
      required('status', 'varchar(32)'),
      required('settings', 'text'),
      required('created_at', 'bigint'),
      required('updated_at', 'bigint'),
      column('oauth_client_id', NAME),
    ],
    primaryKey: ['id'],
  },
  {
    name: 'repository',
    columns: [
      required('id', ID),
      required('account_id', ID),
      required('provider_repo_id', 'varchar(128)'),
      required('full_name', 'varchar(512)'),
      required('url', URL),
      required('linked', 'integer', 0),
      required('smart_commits', 'integer', 1),
      column('allowed_project_keys', 'text'),
      column('sync_cursor', 'text'),
      required('sync_status', 'varchar(32)'),
      column('last_sync_at', 'bigint'),
      column('last_error', 'text'),
      required('created_at', 'bigint'),
      required('updated_at', 'bigint'),
      // The id of the webhook the app created on the Git host, so it can remove it again.
      column('webhook_id', 'varchar(128)'),
    ],
    primaryKey: ['id'],
    unique: { repository_account_provider_id: ['account_id', 'provider_repo_id'] },
  },
  {
    name: 'dev_commit',
    columns: [
      required('repository_id', ID),
      required('sha', SHA),
      required('message', 'text'),
      required('author_name', NAME),
      required('author_email', NAME),
      required('authored_at', 'bigint'),
      required('url', URL),
      column('files_changed', 'integer'),
    ],
    primaryKey: ['repository_id', 'sha'],
    // Diagnostics look a commit up by a prefix of its sha across repositories.
    indexes: { dev_commit_by_sha: ['sha'] },
  },
  {
    name: 'dev_branch',
    columns: [
      required('repository_id', ID),
      required('name', NAME),
      required('head_sha', SHA),
      required('url', URL),
      required('deleted', 'integer', 0),
      required('updated_at', 'bigint'),
    ],
    primaryKey: ['repository_id', 'name'],
  },
  {
    name: 'dev_pull_request',
    columns: [
      required('repository_id', ID),
      required('number', 'integer'),
      required('title', 'text'),
      required('state', 'varchar(16)'),
      required('source_branch', NAME),
      required('destination_branch', NAME),
      required('author_name', NAME),
      required('updated_at', 'bigint'),
      required('url', URL),
    ],
    primaryKey: ['repository_id', 'number'],
  },
  {
    name: 'dev_pull_request_reviewer',
    // A pull request's reviewers (at most MAX_REVIEWERS_PER_PULL_REQUEST a pull request): who was asked
    // (`requested`, from the host's list of requested or listed reviewers) and the review that counts
    // (`state`, whose `precedence` a later delivery must reach to replace it: git-hosts/reviews.ts).
    // Avatars are not kept (dev-info-items.ts says why).
    columns: [
      required('repository_id', ID),
      required('pull_request_number', 'integer'),
      // The host's stable id for the person: GitHub's numeric user id, Bitbucket's account UUID.
      required('reviewer_id', 'varchar(128)'),
      required('name', NAME),
      required('requested', 'integer', 0),
      required('state', 'varchar(24)'),
      required('precedence', 'bigint'),
    ],
    primaryKey: ['repository_id', 'pull_request_number', 'reviewer_id'],
    addedIn: 3,
  },
  {
    name: 'dev_build',
    // One CI run on one commit (a workflow run, a check, a commit status), as its most advanced update left
    // it: `precedence` (git-hosts/build-event.ts) must be exceeded for a late delivery to change it. Kept only
    // when it links to an issue (issue_link item_kind `build`).
    columns: [
      required('repository_id', ID),
      required('build_key', NAME),
      required('pipeline_key', NAME),
      required('build_number', 'bigint'),
      required('name', NAME),
      required('state', 'varchar(16)'),
      required('commit_sha', SHA),
      required('branch', NAME),
      // The pull requests it ran for, as comma-separated numbers (at most MAX_PULL_REQUESTS_PER_BUILD).
      required('pull_requests', 'varchar(255)'),
      required('url', URL),
      required('updated_at', 'bigint'),
      required('precedence', 'bigint'),
    ],
    primaryKey: ['repository_id', 'build_key'],
    // The panel finds a branch's latest build by its name, and a commit's builds by its sha.
    indexes: { dev_build_by_branch: ['repository_id', 'branch', 'updated_at'], dev_build_by_commit: ['repository_id', 'commit_sha'] },
    addedIn: 4,
  },
  {
    name: 'dev_deployment',
    // One deployment of one commit to one environment, at its most advanced state (`precedence`, as builds).
    columns: [
      required('repository_id', ID),
      required('deployment_id', 'varchar(128)'),
      required('sequence_number', 'bigint'),
      required('pipeline_name', NAME),
      required('environment_name', NAME),
      required('environment_type', 'varchar(16)'),
      required('state', 'varchar(16)'),
      required('commit_sha', SHA),
      required('ref', NAME),
      required('url', URL),
      required('description', NAME),
      required('updated_at', 'bigint'),
      required('precedence', 'bigint'),
    ],
    primaryKey: ['repository_id', 'deployment_id'],
    indexes: { dev_deployment_by_environment: ['repository_id', 'environment_name', 'updated_at'] },
    addedIn: 4,
  },
  {
    name: 'issue_link',
    // One row per issue key per item: what the panel and the counts query.
    columns: [
      required('issue_key', ISSUE_KEY),
      required('project_key', ISSUE_KEY),
      required('item_kind', 'varchar(16)'),
      required('repository_id', ID),
      required('item_key', NAME),
      required('item_time', 'bigint'),
    ],
    primaryKey: ['issue_key', 'item_kind', 'repository_id', 'item_key'],
    indexes: {
      issue_link_by_project: ['project_key'],
      // Everything one repository links, in a stable order: relinking and unlinking walk it a page at a time.
      issue_link_by_item: ['repository_id', 'item_kind', 'item_key', 'issue_key'],
      // The panel lists an issue's items newest first, a page at a time: this index serves that directly.
      issue_link_by_time: ['issue_key', 'item_kind', 'item_time'],
    },
  },
  {
    name: 'delivery',
    columns: [
      required('delivery_id', 'varchar(191)'),
      required('provider', 'varchar(32)'),
      required('received_at', 'bigint'),
      required('attempts', 'integer', 1),
      column('repository_id', ID),
    ],
    primaryKey: ['delivery_id'],
    indexes: { delivery_by_time: ['received_at'], delivery_by_repository: ['repository_id', 'received_at'] },
  },
  {
    name: 'job',
    columns: [
      required('id', ID),
      required('repository_id', ID),
      required('kind', 'varchar(32)'),
      required('status', 'varchar(32)'),
      column('cursor', 'text'),
      required('done', 'integer', 0),
      column('total', 'integer'),
      required('attempts', 'integer', 0),
      column('next_run_at', 'bigint'),
      column('last_error', 'text'),
      required('created_at', 'bigint'),
      required('updated_at', 'bigint'),
    ],
    primaryKey: ['id'],
    indexes: { job_by_repository: ['repository_id', 'status'] },
  },
  {
    name: 'oauth_state',
    // One row per authorisation started: the callback deletes it, which makes each state single-use.
    columns: [required('state_id', ID), required('account_id', ID), required('expires_at', 'bigint')],
    primaryKey: ['state_id'],
  },
  {
    name: 'branch_head',
    // Every branch's last known head (not only those naming an issue), so the hourly reconciliation can
    // tell which branches moved without listing any commits.
    columns: [required('repository_id', ID), required('name', NAME), required('head_sha', SHA)],
    primaryKey: ['repository_id', 'name'],
  },
  {
    name: 'smart_commit',
    // One row per commit that carries Smart Commit commands: claimed once, with each command's result.
    columns: [
      required('repository_id', ID),
      required('sha', SHA),
      required('status', 'varchar(16)'),
      column('results', 'text'),
      // The commit's commands, parsed once when it was pushed (JSON SmartLine[]): the consumer runs these.
      column('commands', 'text'),
      required('attempts', 'integer', 0),
      required('created_at', 'bigint'),
      required('updated_at', 'bigint'),
    ],
    primaryKey: ['repository_id', 'sha'],
    // The hourly run resumes commits stuck in a status; the account page lists recent failures.
    indexes: { smart_commit_by_status: ['status', 'updated_at'] },
  },
  {
    name: 'issue_summary',
    // Issues whose `dvcs-link.summary` property must be sent to Jira: `due_at` is when (null: up to date),
    // so the next batch is a range read of one index however many issues the site has.
    columns: [
      required('issue_key', ISSUE_KEY),
      required('changed_at', 'bigint'),
      column('pushed_at', 'bigint'),
      column('due_at', 'bigint'),
      // Jira's numeric id, which its bulk property API wants; looked up once per issue.
      column('issue_id', 'varchar(32)'),
      required('attempts', 'integer', 0),
      column('last_error', 'text'),
    ],
    primaryKey: ['issue_key'],
    indexes: { issue_summary_due: ['due_at', 'issue_key'] },
  },
  {
    name: 'jira_task',
    // Jira's asynchronous tasks (bulk property writes) the app started and must still check.
    columns: [
      required('task_id', ID),
      required('kind', 'varchar(32)'),
      required('issue_keys', 'text'),
      required('submitted_at', 'bigint'),
      required('check_at', 'bigint'),
      required('checks', 'integer', 0),
    ],
    primaryKey: ['task_id'],
  },
  {
    name: 'devinfo_outbox',
    // Items (or whole repositories, kind `repository`) whose copy in Jira's development information is out
    // of date: the mirror sends or deletes them and removes the row.
    columns: [
      required('repository_id', ID),
      required('item_kind', 'varchar(16)'),
      required('item_key', NAME),
      required('changed_at', 'bigint'),
      required('attempts', 'integer', 0),
      required('next_attempt_at', 'bigint'),
      column('last_error', 'text'),
    ],
    primaryKey: ['repository_id', 'item_kind', 'item_key'],
    indexes: { devinfo_outbox_due: ['next_attempt_at', 'repository_id', 'item_kind', 'item_key'] },
  },
  {
    name: 'signature_failure',
    // Deliveries to an account's webhook URL whose signature did not match: one counter row per account,
    // so a flood of forged requests cannot grow the store.
    columns: [required('account_id', ID), required('failures', 'integer'), required('first_at', 'bigint'), required('last_at', 'bigint')],
    primaryKey: ['account_id'],
  },
];

const quote = (engine: Engine, name: string) => (engine === 'mysql' ? `\`${name}\`` : `"${name}"`);
const list = (engine: Engine, names: string[]) => names.map((name) => quote(engine, name)).join(', ');

function columnSql(engine: Engine, definition: ColumnDefinition): string {
  return [quote(engine, definition.name), definition.type, definition.notNull ? 'not null' : '', definition.defaultTo === undefined ? '' : `default ${definition.defaultTo}`]
    .filter(Boolean)
    .join(' ');
}

/**
 * DDL for one table: on MySQL one statement with its indexes inline (one DDL request, which Forge SQL
 * counts against 25 a minute); on SQLite, which has no inline indexes, a statement per index.
 */
export function createTableStatements(engine: Engine, table: TableDefinition): string[] {
  const parts = [
    ...table.columns.map((definition) => columnSql(engine, definition)),
    `primary key (${list(engine, table.primaryKey)})`,
    ...Object.entries(table.unique ?? {}).map(([name, columns]) => `constraint ${quote(engine, name)} unique (${list(engine, columns)})`),
  ];
  const indexes = Object.entries(table.indexes ?? {});
  if (engine === 'mysql') parts.push(...indexes.map(([name, columns]) => `index ${quote(engine, name)} (${list(engine, columns)})`));
  const create = `create table if not exists ${quote(engine, table.name)} (${parts.join(', ')})`;
  if (engine === 'mysql') return [create];
  return [create, ...indexes.map(([name, columns]) => `create index if not exists ${quote(engine, name)} on ${quote(engine, table.name)} (${list(engine, columns)})`)];
}

/**
 * DDL that adds one column, as `TABLES` declares it, to a table created before the column existed. MySQL
 * (TiDB, MariaDB) skips a column that is there already; the SQLite runner treats "duplicate column" as done.
 */
export function addColumnStatement(engine: Engine, tableName: string, columnName: string): string {
  const definition = TABLES.find((table) => table.name === tableName)?.columns.find((candidate) => candidate.name === columnName);
  if (!definition) throw new Error(`No column ${tableName}.${columnName} is declared.`);
  return `alter table ${quote(engine, tableName)} add column ${engine === 'mysql' ? 'if not exists ' : ''}${columnSql(engine, definition)}`;
}
