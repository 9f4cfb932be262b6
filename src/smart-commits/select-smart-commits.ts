import type { DevEvent } from '../git-hosts/dev-event';
import type { KeyScan } from '../issue-keys/key-scan';
import type { CommitTable } from '../storage/schema';
import { parseSmartCommits, type SmartLine } from './parse-smart-commits';
import { pushedByTheirAuthor } from './pusher-check';

/** Smart commits older than this (by author date) are not acted on, even when first delivered now. */
export const DEFAULT_SMART_COMMIT_MAX_AGE_DAYS = 14;

/** A commit whose commands will run, with the commands as parsed when it was pushed. */
export interface SmartCommitToRun {
  sha: string;
  lines: SmartLine[];
}

export interface SmartCommitSelection {
  toRun: SmartCommitToRun[];
  refused: Array<{ sha: string; message: string }>;
}

/**
 * Which newly stored commits of a push carry commands, and which of those will run: only recent ones (a
 * replayed old history never acts on issues) and, where the account asks, only those their author pushed.
 * The messages are read through the delivery's key scan, so none is scanned for keys again.
 */
export function selectSmartCommits(
  commits: Array<Pick<CommitTable, 'sha' | 'message' | 'authored_at'>>,
  events: DevEvent[],
  projectKeys: ReadonlySet<string>,
  scan: KeyScan,
  options: { now: number; maxAgeDays: number; authorMustPush: boolean },
): SmartCommitSelection {
  const maxAgeMs = options.maxAgeDays * 24 * 3600 * 1000;
  const withCommands = commits
    .filter((commit) => commit.message.includes('#') && options.now - commit.authored_at <= maxAgeMs)
    .map((commit) => ({ sha: commit.sha, lines: parseSmartCommits(commit.message, projectKeys, scan) }))
    .filter((commit) => commit.lines.length > 0);
  if (!options.authorMustPush) return { toRun: withCommands, refused: [] };
  const { allowed, refused } = pushedByTheirAuthor(
    events,
    withCommands.map((commit) => commit.sha),
  );
  const mayRun = new Set(allowed);
  return { toRun: withCommands.filter((commit) => mayRun.has(commit.sha)), refused };
}
