import { createRequire } from 'node:module';
import { join } from 'node:path';

const TOKENS = ['surface', 'surface-sunken', 'text', 'text-subtle', 'border', 'link'] as const;
type ThemeColors = Record<(typeof TOKENS)[number], string>;

/**
 * The colours real Jira paints its page with, read from the design tokens it ships (@atlaskit/tokens' light and
 * dark themes), so the sandbox's page is the same shade as the apps' frames, which paint with those same tokens.
 * Hard-coded values went stale once: the sandbox kept the old dark surface (#1d2125) after Jira moved on.
 */
export function jiraThemeColors(mode: 'light' | 'dark'): ThemeColors {
  // Resolved from the project root: this file is loaded both as CommonJS (Jest) and ESM (tsx).
  const load = createRequire(join(process.cwd(), 'package.json'));
  const css = (load(`@atlaskit/tokens/dist/cjs/artifacts/themes/atlassian-${mode}.js`) as { default: string }).default;
  const colors = {} as ThemeColors;
  for (const token of TOKENS) {
    const value = new RegExp(`--ds-${token}:\\s*(#[0-9A-Fa-f]{3,8})`).exec(css)?.[1];
    if (!value) throw new Error(`@atlaskit/tokens' ${mode} theme has no --ds-${token}`);
    colors[token] = value;
  }
  return colors;
}
