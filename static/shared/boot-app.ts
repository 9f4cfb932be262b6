import '@atlaskit/css-reset';
import { view } from '@forge/bridge';
import { prepareLocaleFormatsAfterPaint } from './locale-formats';

/** What an app's entry script hands to `bootApp`. */
export interface AppBoot {
  /** Sends the page's first resolver call (first-call.ts); resolves when its answer, or failure, is in. */
  startFirstCall?: () => Promise<void>;
  /** The app's code, as a dynamic import: a chunk of its own, so this entry stays small. */
  load: () => Promise<{ mount: (root: HTMLElement) => void }>;
}

/**
 * How long a loaded app waits for its first answer before it shows (with a spinner). Most answers come sooner, and
 * the app then paints once, with its data, instead of a spinner and, a moment later, the data; a slow back end (a
 * cold start) still gets a spinner, after a pause too short to feel like waiting.
 */
const FIRST_ANSWER_WAIT_MS = 300;

/**
 * The entry script of a Custom UI app. It is small, so it runs as soon as it arrives and starts what the first view
 * waits on — the first resolver call and Jira's theme (`view.theme.enable()`) — while the rest of the app's script
 * (React, Atlaskit, the views) is fetched, parsed and run; the browser fetches that chunk from the start
 * (ui-build/first-view-preload-plugin.ts). The app stays invisible until themed, so it never shows without its tokens;
 * theming failing must not hide it: it then shows with the light defaults. Once it shows, the reader's date format
 * is made, after the paint (locale-formats.ts).
 */
export function bootApp(boot: AppBoot): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html must contain <div id="root">');
  root.style.visibility = 'hidden';
  const show = () => root.style.removeProperty('visibility');
  // The first call first: its answer is what the first view waits longest for.
  const firstAnswer = boot.startFirstCall?.() ?? Promise.resolve();
  const shown = view.theme.enable().then(show, show);
  boot
    .load()
    .then(async (app) => {
      await Promise.race([firstAnswer, new Promise((resolve) => setTimeout(resolve, FIRST_ANSWER_WAIT_MS))]);
      app.mount(root);
      await shown;
      prepareLocaleFormatsAfterPaint();
    })
    .catch((error: unknown) => {
      // No React or Atlaskit here: the chunk that failed holds them.
      root.textContent = 'This app could not be loaded. Check your connection and reload the page.';
      show();
      console.error('Loading the app failed', error);
    });
}
