import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const THEMES = ['atlassian-light', 'atlassian-dark', 'atlassian-spacing', 'atlassian-typography', 'atlassian-shape'];

/**
 * The design-token CSS Jira injects into a Custom UI frame when the app calls `view.theme.enable()`,
 * taken from the installed `@atlaskit/tokens` so the sandbox shows what Jira shows.
 */
export function atlassianThemeCss(): string {
  const require = createRequire(resolve('package.json'));
  return THEMES.map((theme) => {
    const module = require(`@atlaskit/tokens/dist/cjs/artifacts/themes/${theme}.js`) as { default: string };
    return module.default;
  }).join('\n');
}
