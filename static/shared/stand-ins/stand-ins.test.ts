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
