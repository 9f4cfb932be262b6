import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import RealFeatureGates from '@atlaskit/feature-gate-js-client';
import { fg as realFg } from '@atlaskit/platform-feature-flags';
import FeatureGates from './feature-gates-defaults';
import { fg } from './platform-feature-flags-defaults';

/**
 * The stand-ins must answer what the real, never-initialised client answers in a Custom UI frame: that is what
 * makes replacing it safe. Here the real one runs as it does there (nothing calls `initialize`).
 */
describe('the feature-gate stand-ins', () => {
  // The real client warns (once) that it is not initialised; the stand-ins' reason to exist is not to.
  let warn: jest.SpyInstance;
  beforeEach(() => (warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)));
  afterEach(() => warn.mockRestore());

  it.each(['platform-dst-top-layer-tooltip', 'platform-dst-motion-lozenge-truncation-fix', 'no-such-gate'])('answer gate %s as the real client does: off', (gate) => {
    expect(FeatureGates.checkGate(gate)).toBe(RealFeatureGates.checkGate(gate));
    expect(fg(gate)).toBe(realFg(gate));
    expect(fg(gate)).toBe(false);
  });

  it('answer experiments with their defaults and say the client is not initialised, as the real one does', () => {
    for (const fallback of [false, 3, 'control', ['a']]) {
      expect(FeatureGates.getExperimentValue('confluence_enable_react-compiler-runtime-platform', 'isEnabled', fallback)).toEqual(
        RealFeatureGates.getExperimentValue('confluence_enable_react-compiler-runtime-platform', 'isEnabled', fallback),
      );
      expect(FeatureGates.getExperiment('editor_experiment').get('cohort', fallback)).toEqual(RealFeatureGates.getExperiment('editor_experiment').get('cohort', fallback));
    }
    expect(FeatureGates.initializeCompleted()).toBe(RealFeatureGates.initializeCompleted());
    expect(FeatureGates.initializeCalled()).toBe(RealFeatureGates.initializeCalled());
  });
});

/** Every installed Atlaskit module (ES build) that imports `specifier`, relative to node_modules/@atlaskit. */
function atlaskitImportersOf(specifier: string): string[] {
  const root = join(process.cwd(), 'node_modules', '@atlaskit');
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.js') && readFileSync(path, 'utf8').includes(`'${specifier}'`)) found.push(relative(root, path));
    }
  };
  for (const pkg of readdirSync(root)) {
    const esm = join(root, pkg, 'dist', 'esm');
    if (existsSync(esm)) visit(esm);
  }
  return found;
}

describe('the Compiled Pressable in place of the Emotion one', () => {
  it('replaces it only where it is styled as the Compiled one is: Lozenge, with cssMap styles through cx', () => {
    // An Atlaskit upgrade that imports the Emotion Pressable elsewhere, with Emotion styles, fails here first.
    expect(atlaskitImportersOf('@atlaskit/primitives/pressable')).toEqual(['lozenge/dist/esm/new/lozenge-base.js']);
    const lozengeBase = readFileSync(join(process.cwd(), 'node_modules/@atlaskit/lozenge/dist/esm/new/lozenge-base.js'), 'utf8');
    expect(lozengeBase).toContain("import { cx } from '@atlaskit/css';");
    expect(lozengeBase).toMatch(/createElement\(Pressable, _extends\(\{\s*ref: ref,\s*xcss: cx\(/);
  });
});
