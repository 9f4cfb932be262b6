import type { Compilable, Kysely } from 'kysely';

/**
 * The schema, written once with Kysely's schema builder and compiled for each engine: MySQL text goes to
 * Forge SQL's migration runner, SQLite text to the sandbox's runner. One statement per migration, because
 * Forge SQL runs one statement per request. No foreign keys: Forge SQL rejects them.
 * Append only: a migration that has run anywhere is never edited.
 */
export interface Migration {
  name: string;
  statement: (db: Kysely<any>) => Compilable;
}

// Lengths keep every primary key under MySQL's 3,072-byte index limit with utf8mb4 (4 bytes a character).
const ID = 'varchar(64)';
const ISSUE_KEY = 'varchar(128)';
const NAME = 'varchar(255)';
const URL = 'varchar(1024)';

export const migrations: Migration[] = [
  {
    name: 'v001_create_account',
    statement: (db) =>
      db.schema
        .createTable('account')
        .addColumn('id', ID, (c) => c.primaryKey())
        .addColumn('provider', 'varchar(32)', (c) => c.notNull())
        .addColumn('host_url', NAME, (c) => c.notNull())
        .addColumn('name', NAME, (c) => c.notNull())
        .addColumn('auth_method', 'varchar(32)', (c) => c.notNull())
        .addColumn('status', 'varchar(32)', (c) => c.notNull())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull()),
  },
  {
    name: 'v002_create_repository',
    statement: (db) =>
      db.schema
        .createTable('repository')
        .addColumn('id', ID, (c) => c.primaryKey())
        .addColumn('account_id', ID, (c) => c.notNull())
        .addColumn('provider_repo_id', 'varchar(128)', (c) => c.notNull())
        .addColumn('full_name', 'varchar(512)', (c) => c.notNull())
        .addColumn('url', URL, (c) => c.notNull())
        .addColumn('linked', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('smart_commits', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('allowed_project_keys', 'text')
        .addColumn('sync_cursor', 'text')
        .addColumn('sync_status', 'varchar(32)', (c) => c.notNull())
        .addColumn('last_sync_at', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('repository_account_provider_id', ['account_id', 'provider_repo_id']),
  },
  {
    name: 'v003_create_dev_commit',
    statement: (db) =>
      db.schema
        .createTable('dev_commit')
        .addColumn('repository_id', ID, (c) => c.notNull())
        .addColumn('sha', 'varchar(64)', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('author_name', NAME, (c) => c.notNull())
        .addColumn('author_email', NAME, (c) => c.notNull())
        .addColumn('authored_at', 'bigint', (c) => c.notNull())
        .addColumn('url', URL, (c) => c.notNull())
        .addColumn('files_changed', 'integer')
        .addPrimaryKeyConstraint('dev_commit_pk', ['repository_id', 'sha']),
  },
  {
    name: 'v004_create_dev_branch',
    statement: (db) =>
      db.schema
        .createTable('dev_branch')
        .addColumn('repository_id', ID, (c) => c.notNull())
        .addColumn('name', NAME, (c) => c.notNull())
        .addColumn('head_sha', 'varchar(64)', (c) => c.notNull())
        .addColumn('url', URL, (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('dev_branch_pk', ['repository_id', 'name']),
  },
  {
    name: 'v005_create_dev_pull_request',
    statement: (db) =>
      db.schema
        .createTable('dev_pull_request')
        .addColumn('repository_id', ID, (c) => c.notNull())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('state', 'varchar(16)', (c) => c.notNull())
        .addColumn('source_branch', NAME, (c) => c.notNull())
        .addColumn('destination_branch', NAME, (c) => c.notNull())
        .addColumn('author_name', NAME, (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('url', URL, (c) => c.notNull())
        .addPrimaryKeyConstraint('dev_pull_request_pk', ['repository_id', 'number']),
  },
  {
    name: 'v006_create_issue_link',
    statement: (db) =>
      db.schema
        .createTable('issue_link')
        .addColumn('issue_key', ISSUE_KEY, (c) => c.notNull())
        .addColumn('project_key', ISSUE_KEY, (c) => c.notNull())
        .addColumn('item_kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('repository_id', ID, (c) => c.notNull())
        .addColumn('item_key', NAME, (c) => c.notNull())
        .addColumn('item_time', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('issue_link_pk', ['issue_key', 'item_kind', 'repository_id', 'item_key']),
  },
  {
    name: 'v007_index_issue_link_by_project',
    statement: (db) => db.schema.createIndex('issue_link_by_project').on('issue_link').columns(['project_key']),
  },
  {
    name: 'v008_index_issue_link_by_item',
    statement: (db) =>
      db.schema.createIndex('issue_link_by_item').on('issue_link').columns(['repository_id', 'item_kind', 'item_key']),
  },
  {
    name: 'v009_create_delivery',
    statement: (db) =>
      db.schema
        .createTable('delivery')
        .addColumn('delivery_id', 'varchar(191)', (c) => c.primaryKey())
        .addColumn('provider', 'varchar(32)', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull()),
  },
  {
    name: 'v010_index_delivery_by_time',
    statement: (db) => db.schema.createIndex('delivery_by_time').on('delivery').columns(['received_at']),
  },
  {
    name: 'v011_create_job',
    statement: (db) =>
      db.schema
        .createTable('job')
        .addColumn('id', ID, (c) => c.primaryKey())
        .addColumn('repository_id', ID, (c) => c.notNull())
        .addColumn('kind', 'varchar(32)', (c) => c.notNull())
        .addColumn('status', 'varchar(32)', (c) => c.notNull())
        .addColumn('cursor', 'text')
        .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('total', 'integer')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_run_at', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull()),
  },
  {
    name: 'v012_index_job_by_repository',
    statement: (db) => db.schema.createIndex('job_by_repository').on('job').columns(['repository_id', 'status']),
  },
  {
    name: 'v013_index_issue_link_by_time',
    // The panel lists an issue's items newest first, a page at a time: this index serves that directly.
    statement: (db) =>
      db.schema.createIndex('issue_link_by_time').on('issue_link').columns(['issue_key', 'item_kind', 'item_time']),
  },
  {
    name: 'v014_delivery_attempts',
    statement: (db) => db.schema.alterTable('delivery').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1)),
  },
  {
    name: 'v015_delivery_repository',
    statement: (db) => db.schema.alterTable('delivery').addColumn('repository_id', ID),
  },
  {
    name: 'v016_account_oauth_client_id',
    statement: (db) => db.schema.alterTable('account').addColumn('oauth_client_id', NAME),
  },
  {
    name: 'v017_repository_webhook_id',
    // The id of the webhook the app created on the Git host, so it can remove it again.
    statement: (db) => db.schema.alterTable('repository').addColumn('webhook_id', 'varchar(128)'),
  },
  {
    name: 'v018_create_oauth_state',
    // One row per authorisation started: the callback deletes it, which makes each state single-use.
    statement: (db) =>
      db.schema
        .createTable('oauth_state')
        .addColumn('state_id', ID, (c) => c.primaryKey())
        .addColumn('account_id', ID, (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull()),
  },
  {
    name: 'v019_create_branch_head',
    // Every branch's last known head (not only those naming an issue), so the hourly reconciliation can
    // tell which branches moved without listing any commits.
    statement: (db) =>
      db.schema
        .createTable('branch_head')
        .addColumn('repository_id', ID, (c) => c.notNull())
        .addColumn('name', NAME, (c) => c.notNull())
        .addColumn('head_sha', 'varchar(64)', (c) => c.notNull())
        .addPrimaryKeyConstraint('branch_head_pk', ['repository_id', 'name']),
  },
  {
    name: 'v020_create_smart_commit',
    // One row per commit that carries Smart Commit commands: claimed once, with each command's result.
    statement: (db) =>
      db.schema
        .createTable('smart_commit')
        .addColumn('repository_id', ID, (c) => c.notNull())
        .addColumn('sha', 'varchar(64)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('results', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('smart_commit_pk', ['repository_id', 'sha']),
  },
  {
    name: 'v021_create_issue_summary',
    // Which issues' `dvcs-link.summary` property is out of date in Jira, and when it was last sent, so each
    // issue is sent at most once a minute however many pushes mention it.
    statement: (db) =>
      db.schema
        .createTable('issue_summary')
        .addColumn('issue_key', ISSUE_KEY, (c) => c.primaryKey())
        .addColumn('changed_at', 'bigint', (c) => c.notNull())
        .addColumn('pushed_at', 'bigint')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text'),
  },
  {
    name: 'v022_create_devinfo_outbox',
    // Items (or whole repositories, kind `repository`) whose copy in Jira's development information is out
    // of date: the mirror sends or deletes them and removes the row.
    statement: (db) =>
      db.schema
        .createTable('devinfo_outbox')
        .addColumn('repository_id', ID, (c) => c.notNull())
        .addColumn('item_kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('item_key', NAME, (c) => c.notNull())
        .addColumn('changed_at', 'bigint', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addPrimaryKeyConstraint('devinfo_outbox_pk', ['repository_id', 'item_kind', 'item_key']),
  },
  {
    name: 'v023_create_signature_failure',
    // Deliveries to an account's webhook URL whose signature did not match: one counter row per account,
    // so a flood of forged requests cannot grow the store.
    statement: (db) =>
      db.schema
        .createTable('signature_failure')
        .addColumn('account_id', ID, (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('first_at', 'bigint', (c) => c.notNull())
        .addColumn('last_at', 'bigint', (c) => c.notNull()),
  },
];

/** Compile every migration to SQL text for one engine, in order. */
export function compileMigrations(db: Kysely<any>): Array<{ name: string; sql: string }> {
  return migrations.map((migration) => ({ name: migration.name, sql: migration.statement(db).compile().sql }));
}
