import { StrictMode, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';

/**
 * Renders a Custom UI app into its root (boot-app.ts has started its theme and first call). The first render is
 * synchronous (`flushSync`): React then runs the effects that call the resolvers at the end of it, instead of
 * after the browser's next frame, which starts those requests a frame or more earlier.
 */
export function mountApp(root: HTMLElement, app: ReactNode): void {
  flushSync(() => createRoot(root).render(<StrictMode>{app}</StrictMode>));
}
