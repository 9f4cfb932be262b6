import '@atlaskit/css-reset';
import { view } from '@forge/bridge';
import { StrictMode, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';

/**
 * Mounts a Custom UI app. It renders at once, so that its first resolver calls run while the host answers
 * `view.theme.enable()` (Jira's theme, light or dark, through design tokens), and stays invisible until then: it
 * never shows without its tokens. Theming failing must not hide the app: it then shows with the light defaults.
 * The first render is synchronous (`flushSync`): React then runs the effects that call the resolvers at the end of
 * it, instead of after the browser's next frame, which starts the first request a frame or more earlier.
 */
export function startApp(app: ReactNode): void {
  const element = document.getElementById('root');
  if (!element) throw new Error('index.html must contain <div id="root">');
  element.style.visibility = 'hidden';
  const show = () => element.style.removeProperty('visibility');
  view.theme.enable().then(show, show);
  const root = createRoot(element);
  flushSync(() => root.render(<StrictMode>{app}</StrictMode>));
}
