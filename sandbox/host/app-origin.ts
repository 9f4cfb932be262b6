/**
 * Jira serves Custom UI from a site of its own (Forge's CDN), never from the Jira site: the app's frame cannot read
 * Jira's cookies or pages, talks to Jira only by postMessage, and runs in a browser process of its own, beside the
 * page, not on its main thread. The sandbox does the same with the two names of this machine: a page opened on
 * `localhost:P` gets its app frames from `127.0.0.1:P`, and the other way round. Opened under any other name (a
 * forwarded port, a LAN address), the sandbox cannot know a second name that reaches it, so frames stay on the page's
 * origin; everything still works, with the frame sharing the page's process.
 */
const LOOPBACK_TWIN: Record<string, string> = { localhost: '127.0.0.1', '127.0.0.1': 'localhost' };

/** The origin across the frame boundary from a request's Host header (page → frames, frame → page), or null for "the same origin". */
export function twinOrigin(hostHeader: string | undefined): string | null {
  const match = /^([a-z0-9.]+)(:\d{1,5})?$/i.exec(hostHeader ?? '');
  const twin = match ? LOOPBACK_TWIN[(match[1] ?? '').toLowerCase()] : undefined;
  return twin ? `http://${twin}${match?.[2] ?? ''}` : null;
}
