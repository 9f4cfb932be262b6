import { projectOf } from '../issue-keys/extract-issue-keys';
import { KeyScan } from '../issue-keys/key-scan';

export interface TimeSpent {
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
}

export type SmartCommand =
  | { kind: 'comment'; text: string }
  | { kind: 'time'; time: TimeSpent; comment: string }
  | { kind: 'transition'; name: string; comment: string }
  | { kind: 'invalid'; command: string; reason: string };

/** One line's instruction: its commands apply to each of its issue keys. */
export interface SmartLine {
  issueKeys: string[];
  commands: SmartCommand[];
}

// A command starts with "#" after whitespace (or at the start of the line), so `http://x/#comment`,
// `condition#done` and `` `#comment` `` are not commands.
const COMMAND = /(^|\s)#([A-Za-z][A-Za-z0-9_-]*)/g;
const DURATION = /^(\d+(?:\.\d+)?)([wdhm])$/i;

function parseTime(argument: string): SmartCommand {
  const time: TimeSpent = { weeks: 0, days: 0, hours: 0, minutes: 0 };
  const words = argument.split(/\s+/).filter(Boolean);
  let used = 0;
  for (const word of words) {
    const match = DURATION.exec(word);
    if (!match) break;
    const value = Number(match[1]);
    const unit = (match[2] as string).toLowerCase();
    if (unit === 'w') time.weeks += value;
    else if (unit === 'd') time.days += value;
    else if (unit === 'h') time.hours += value;
    else time.minutes += value;
    used += 1;
  }
  if (used === 0) return { kind: 'invalid', command: 'time', reason: '#time needs a duration such as 1w 2d 4h 30m.' };
  return { kind: 'time', time, comment: words.slice(used).join(' ') };
}

function command(name: string, argument: string): SmartCommand {
  const lower = name.toLowerCase();
  if (lower === 'comment') {
    return argument ? { kind: 'comment', text: argument } : { kind: 'invalid', command: 'comment', reason: '#comment needs the text of the comment after it.' };
  }
  if (lower === 'time') return parseTime(argument);
  // Hyphens stand for spaces in transition names: #start-progress is "Start Progress".
  return { kind: 'transition', name: name.replace(/-/g, ' '), comment: argument };
}

/**
 * Smart Commit commands in a commit message, line by line (a command never spans lines). Each line's
 * issue keys are those before its first command; each command's text runs to the next command or the
 * end of the line. Lines without keys or without commands are not instructions. The keys come from the
 * message's scan (shared with link planning), so the message is scanned for keys once.
 */
export function parseSmartCommits(message: string, projectKeys: ReadonlySet<string>, scan = new KeyScan()): SmartLine[] {
  const occurrences = scan.occurrences(message);
  // Occurrences come in the order they start, so one pass over them serves every line.
  let next = 0;
  const lines: SmartLine[] = [];
  for (let lineStart = 0; lineStart <= message.length;) {
    const newline = message.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? message.length : newline;
    const line = message.slice(lineStart, lineEnd).replace(/\r$/, '');
    const matches = [...line.matchAll(COMMAND)];
    if (matches.length > 0) {
      const firstStart = lineStart + (matches[0]!.index ?? 0) + matches[0]![1]!.length;
      // A key before the first command lies wholly before it: keys hold no space and no "#".
      while (next < occurrences.length && occurrences[next]!.start < lineStart) next += 1;
      const keys = new Set<string>();
      for (; next < occurrences.length && occurrences[next]!.start < firstStart; next += 1) {
        if (projectKeys.has(projectOf(occurrences[next]!.key))) keys.add(occurrences[next]!.key);
      }
      const issueKeys = [...keys];
      if (issueKeys.length > 0) {
        const commands = matches.map((match, index) => {
          const start = (match.index ?? 0) + match[0].length;
          const end = index + 1 < matches.length ? (matches[index + 1]!.index ?? line.length) : line.length;
          return command(match[2] as string, line.slice(start, end).trim());
        });
        lines.push({ issueKeys, commands });
      }
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return lines;
}

/**
 * The duration in Jira's own format ("1w 2d 4h 30m"). Jira converts it with the site's working hours per
 * day and days per week, so the app needs no admin scope to read those settings.
 */
export function jiraDuration(time: TimeSpent): string {
  const parts: Array<[number, string]> = [
    [time.weeks, 'w'],
    [time.days, 'd'],
    [time.hours, 'h'],
    [time.minutes, 'm'],
  ];
  return (
    parts
      .filter(([value]) => value > 0)
      .map(([value, unit]) => `${Number(value.toFixed(4))}${unit}`)
      .join(' ') || '0m'
  );
}
