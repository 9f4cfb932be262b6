import '@atlaskit/css-reset';
import { view } from '@forge/bridge';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

/** Mounts a Custom UI app after asking the host for Jira's theme (light or dark, via design tokens). */
export function startApp(app: ReactNode): void {
  const mount = () => {
    const element = document.getElementById('root');
    if (!element) throw new Error('index.html must contain <div id="root">');
    createRoot(element).render(<StrictMode>{app}</StrictMode>);
  };
  // Theming failing must not keep the app from rendering: it falls back to the light defaults.
  view.theme.enable().then(mount, mount);
}
