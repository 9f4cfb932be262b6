import { AppError } from '../errors/app-error';
import type { ProjectKeyDirectory } from '../issue-keys/project-key-directory';
import { route } from '../ports/jira';
import type { Database } from '../storage/database';
import type { Ports } from '../ports/ports';
import { jiraReply, JiraUnavailableError } from '../jira-rest/jira-reply';
import { allTransitions, commentBody, issueId, jiraTime, transitions, userMay, usersWithEmail } from './jira-actions';
import { jiraDuration, parseSmartCommits, type SmartCommand, type SmartLine } from './parse-smart-commits';
import type { SmartCommitToRun } from './select-smart-commits';

interface SmartCommandResult {
  issueKey: string;
  command: string;
  status: 'done' | 'failed';
  message: string;
}

const PERMISSION_FOR: Record<SmartCommand['kind'], string[]> = {
  comment: ['BROWSE_PROJECTS', 'ADD_COMMENTS'],
  time: ['BROWSE_PROJECTS', 'WORK_ON_ISSUES'],
  transition: ['BROWSE_PROJECTS', 'TRANSITION_ISSUES'],
  invalid: [],
};

const label = (command: SmartCommand) =>
  command.kind === 'transition' ? `#${command.name.replace(/ /g, '-')}` : command.kind === 'invalid' ? `#${command.command}` : `#${command.kind}`;

/**
 * Moves a commit from pending (or retry) to processing; true for the one caller that did it. The row
 * really changes, so MySQL reports it as affected whether or not the client counts found rows.
 */
export async function claimSmartCommit(database: Database, repositoryId: string, sha: string, now: number): Promise<boolean> {
  const claimed = await database.db
    .updateTable('smart_commit')
    .set({ status: 'processing', updated_at: now })
    .where('repository_id', '=', repositoryId)
    .where('sha', '=', sha)
    .where('status', 'in', ['pending', 'retry'])
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/** Records commits that carry commands, with their parsed commands, to be run once each by the consumer. Duplicates change nothing. */
export async function queueSmartCommits(ports: Ports, repositoryId: string, commits: SmartCommitToRun[]): Promise<void> {
  if (commits.length === 0) return;
  const now = ports.clock.now();
  const insert = ports.database.db.insertInto('smart_commit').values(
    commits.map(({ sha, lines }) => ({
      repository_id: repositoryId,
      sha,
      status: 'pending' as const,
      results: null,
      commands: JSON.stringify(lines),
      attempts: 0,
      created_at: now,
      updated_at: now,
    })),
  );
  await (ports.database.dialect === 'mysql' ? insert.onDuplicateKeyUpdate({ sha: (eb) => eb.ref('sha') }) : insert.onConflict((conflict) => conflict.doNothing())).execute();
  await ports.queue.push([{ body: { kind: 'smart-commits', repositoryId, shas: commits.map((commit) => commit.sha) } }]);
}

/** Records commits whose commands will not run, with the reason, for the account page. Existing rows stay. */
export async function refuseSmartCommits(ports: Ports, repositoryId: string, refusals: Array<{ sha: string; message: string }>): Promise<void> {
  if (refusals.length === 0) return;
  const now = ports.clock.now();
  const insert = ports.database.db.insertInto('smart_commit').values(
    refusals.map(({ sha, message }) => ({
      repository_id: repositoryId,
      sha,
      status: 'done' as const,
      results: JSON.stringify([{ issueKey: '', command: '', status: 'failed', message }]),
      commands: null,
      attempts: 0,
      created_at: now,
      updated_at: now,
    })),
  );
  await (ports.database.dialect === 'mysql' ? insert.onDuplicateKeyUpdate({ sha: (eb) => eb.ref('sha') }) : insert.onConflict((conflict) => conflict.doNothing())).execute();
}

/**
 * Runs one commit's commands, once: the row is claimed by moving it from pending (or retry) to
 * processing, which only one invocation can do. Each command's outcome is kept; when Jira is unavailable
 * the commit goes back to "retry" and the next attempt runs only the commands not yet settled.
 */
export async function runSmartCommit(ports: Ports, projectKeys: ProjectKeyDirectory, repositoryId: string, sha: string): Promise<'done' | 'retry' | 'skipped'> {
  const { db } = ports.database;
  if (!(await claimSmartCommit(ports.database, repositoryId, sha, ports.clock.now()))) return 'skipped';
  const row = await db
    .selectFrom('smart_commit')
    .select(['results', 'commands', 'attempts'])
    .where('repository_id', '=', repositoryId)
    .where('sha', '=', sha)
    .executeTakeFirstOrThrow();
  const commit = await db.selectFrom('dev_commit').selectAll().where('repository_id', '=', repositoryId).where('sha', '=', sha).executeTakeFirst();
  const results: Array<SmartCommandResult | undefined> = row.results ? (JSON.parse(row.results) as SmartCommandResult[]) : [];
  const save = (status: 'done' | 'retry') =>
    db
      .updateTable('smart_commit')
      .set({ status, results: JSON.stringify(results), attempts: Number(row.attempts) + (status === 'retry' ? 1 : 0), updated_at: ports.clock.now() })
      .where('repository_id', '=', repositoryId)
      .where('sha', '=', sha)
      .execute();
  if (!commit) {
    results.push({ issueKey: '', command: '', status: 'failed', message: 'The commit is no longer stored (was the repository unlinked?).' });
    await save('done');
    return 'done';
  }

  const jira = ports.jira.asApp();
  // Commits queued before commands were stored with them (schema version 1) are parsed here instead.
  const lines = row.commands ? (JSON.parse(row.commands) as SmartLine[]) : parseSmartCommits(commit.message, await projectKeys.keysFor([commit.message]));
  const link = { sha: commit.sha, url: commit.url };
  let index = 0;
  try {
    const candidates = commit.author_email ? await usersWithEmail(jira, commit.author_email) : [];
    for (const line of lines) {
      for (const issueKey of line.issueKeys) {
        for (const command of line.commands) {
          const slot = index;
          index += 1;
          if (results[slot]) continue;
          const fail = (message: string) => (results[slot] = { issueKey, command: label(command), status: 'failed', message });
          if (command.kind === 'invalid') {
            fail(command.reason);
            continue;
          }
          if (candidates.length !== 1) {
            fail(
              candidates.length === 0
                ? `No Jira user has the email ${commit.author_email || '(none)'} of the commit's author. Use the same email in Git and in Jira.`
                : `${candidates.length} Jira users have the email ${commit.author_email}; smart commits need exactly one.`,
            );
            continue;
          }
          const user = candidates[0]!;
          const id = await issueId(jira, issueKey);
          if (!id) {
            fail(`${issueKey} does not exist.`);
            continue;
          }
          const missing = await userMay(jira, user.accountId, id, PERMISSION_FOR[command.kind]);
          if (missing.length > 0) {
            fail(
              `${user.displayName ?? user.accountId} lacks the ${missing.join(' and ')} permission on ${issueKey}. Grant it in the project's permission scheme, or ignore this command.`,
            );
            continue;
          }
          const who = user.displayName ?? user.accountId;
          // As the committer where the platform allows it: Jira applies their rights, the workflow's conditions
          // and validators, and names them as the author. Otherwise as the app, which checked their permissions.
          const actor = ports.config.impersonation ? ports.jira.asUser(user.accountId) : jira;
          try {
            if (command.kind === 'comment') {
              await jiraReply(
                await actor.requestJira(route`/rest/api/3/issue/${issueKey}/comment`, { method: 'POST', body: { body: commentBody(command.text, who, link) } }),
                `Commenting on ${issueKey}`,
              );
            } else if (command.kind === 'time') {
              const worklog = { timeSpent: jiraDuration(command.time), started: jiraTime(Number(commit.authored_at)), comment: commentBody(command.comment, who, link) };
              await jiraReply(await actor.requestJira(route`/rest/api/3/issue/${issueKey}/worklog`, { method: 'POST', body: worklog }), `Logging work on ${issueKey}`);
            } else {
              const wanted = command.name.toLowerCase();
              const offered = ports.config.impersonation ? await transitions(actor, issueKey) : await allTransitions(jira, issueKey);
              const matching = offered.filter((transition) => transition.name.toLowerCase().startsWith(wanted));
              if (matching.length === 1 && !ports.config.impersonation && matching[0]!.isConditional !== false) {
                // Conditions ("only the assignee", "in group …") are Jira's to evaluate for the person; the app
                // would be evaluated instead, so it does not take a transition that has any.
                fail(
                  `"${matching[0]!.name}" on ${issueKey} has conditions Jira checks for each person, and the app cannot act as ${who} on this site, so it did not move the issue. Move it in Jira.`,
                );
                continue;
              }
              if (matching.length !== 1) {
                fail(
                  matching.length === 0
                    ? `${issueKey} has no transition named "${command.name}" from its current status.`
                    : `"${command.name}" matches ${matching.map((transition) => `"${transition.name}"`).join(', ')} on ${issueKey}; use more of the name.`,
                );
                continue;
              }
              await jiraReply(
                await actor.requestJira(route`/rest/api/3/issue/${issueKey}/transitions`, { method: 'POST', body: { transition: { id: matching[0]!.id } } }),
                `Moving ${issueKey}`,
              );
              if (command.comment) {
                await jiraReply(
                  await actor.requestJira(route`/rest/api/3/issue/${issueKey}/comment`, { method: 'POST', body: { body: commentBody(command.comment, who, link) } }),
                  `Commenting on ${issueKey}`,
                );
              }
            }
            results[slot] = { issueKey, command: label(command), status: 'done', message: ports.config.impersonation ? `Done as ${who}.` : `Done on behalf of ${who}.` };
          } catch (error) {
            if (error instanceof AppError) fail(error.message);
            else throw error;
          }
        }
      }
    }
  } catch (error) {
    // Settled commands stay settled; the rest run on the next attempt, so nothing is done twice.
    await save('retry');
    if (error instanceof JiraUnavailableError) return 'retry';
    throw error;
  }
  await save('done');
  return 'done';
}

/** After this many attempts a commit's unsettled commands are recorded as failed, not retried again. */
export const MAX_SMART_COMMIT_ATTEMPTS = 6;

export async function giveUpSmartCommit(ports: Ports, repositoryId: string, sha: string): Promise<void> {
  await ports.database.db
    .updateTable('smart_commit')
    .set({
      status: 'done',
      results: JSON.stringify([{ issueKey: '', command: '', status: 'failed', message: "Jira kept failing; the commit's remaining commands were not run." }]),
      updated_at: ports.clock.now(),
    })
    .where('repository_id', '=', repositoryId)
    .where('sha', '=', sha)
    .where('status', '=', 'retry')
    .execute();
}
