import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Turns the apps' `token('color.text')` calls into the string `token()` returns, `'var(--ds-text)'`, at build time, as
 * Atlassian's own build does (@atlaskit/babel-plugin-tokens). `token()` looks each name up in a table of all 600
 * tokens at run time; once no call is left, that table leaves the bundle. Only calls whose arguments are string
 * literals are rewritten; any other call is left to the real `token()`. An unknown token name fails the build.
 */
export function designTokenCalls(projectRoot: string): Plugin {
  const require = createRequire(join(projectRoot, 'package.json'));
  const names = (require('@atlaskit/tokens/dist/cjs/artifacts/token-names.js') as { default: Record<string, string> }).default;
  return {
    name: 'design-token-calls',
    enforce: 'pre',
    transform(code, id) {
      if (id.includes('/node_modules/') || !/import\s*\{[^}]*\btoken\b[^}]*\}\s*from\s*['"]@atlaskit\/tokens['"]/.test(code)) return null;
      const rewritten = code.replace(/\btoken\(\s*'([\w.-]+)'\s*(?:,\s*'([^'\\]*)'\s*)?\)/g, (_call, name: string, fallback: string | undefined) => {
        const cssVariable = names[name];
        if (!cssVariable) this.error(`${id}: '${name}' is not a design token in @atlaskit/tokens.`);
        return JSON.stringify(fallback === undefined ? `var(${cssVariable})` : `var(${cssVariable}, ${fallback})`);
      });
      return rewritten === code ? null : { code: rewritten, map: null };
    },
  };
}
