import type { DevEvent } from '../git-hosts/dev-event';

/**
 * Which commits were pushed by their own author, as the Git host knows both: the author's account (GitHub
 * login, Bitbucket user uuid, which the host gives only when the author's email belongs to an account)
 * must be the pusher's. A commit's author email is whatever its writer typed; the pusher is who the host
 * signed in. Anything the host does not say counts as not the author.
 */
export function pushedByTheirAuthor(events: DevEvent[], shas: string[]): { allowed: string[]; refused: Array<{ sha: string; message: string }> } {
  const who = new Map<string, { author: string | null; pusher: string | null }>();
  for (const event of events) {
    if (event.kind !== 'push') continue;
    for (const commit of event.commits) who.set(commit.sha, { author: commit.authorAccount ?? null, pusher: event.pusher ?? null });
  }
  const allowed: string[] = [];
  const refused: Array<{ sha: string; message: string }> = [];
  for (const sha of shas) {
    const { author, pusher } = who.get(sha) ?? { author: null, pusher: null };
    if (author && pusher && author.toLowerCase() === pusher.toLowerCase()) allowed.push(sha);
    else {
      refused.push({
        sha,
        message: !author
          ? 'The Git host does not know the commit’s author email as an account, and this account runs smart commits only when their author pushes them.'
          : `Pushed by ${pusher ?? 'someone the Git host did not name'}, not by the commit’s author (${author}); this account runs smart commits only when their author pushes them.`,
      });
    }
  }
  return { allowed, refused };
}
