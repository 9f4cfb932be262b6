import axe from 'axe-core';
import type { Frame } from 'playwright-core';

/**
 * axe-core's violations in an app frame, besides the rules about a whole page (landmarks, an h1, a title),
 * which Jira's page around the frame provides; and any two controls that share an accessible name.
 */
export async function violations(frame: Frame): Promise<string[]> {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(axe.source);
  return frame.evaluate(async () => {
    const engine = (window as unknown as { axe: typeof axe }).axe;
    const pageRules = ['region', 'landmark-one-main', 'page-has-heading-one', 'document-title'];
    const result = await engine.run(document, { resultTypes: ['violations'], rules: Object.fromEntries(pageRules.map((rule) => [rule, { enabled: false }])) });
    const found = result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    const names = new Map<string, number>();
    for (const control of document.querySelectorAll<HTMLElement>('button, a[href], input, select')) {
      const name = (control.getAttribute('aria-label') ?? control.textContent ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
      if (name) names.set(name, (names.get(name) ?? 0) + 1);
    }
    for (const [name, count] of names) if (count > 1) found.push(`shared name: "${name}" ×${count}`);
    return found;
  });
}
