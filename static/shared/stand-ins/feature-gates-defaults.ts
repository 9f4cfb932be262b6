/**
 * What the UI builds use instead of `@atlaskit/feature-gate-js-client` (Atlassian's wrapper around Statsig's
 * client): `vite.config.mts` aliases the package, and every path inside it, to this module.
 *
 * Atlaskit components ask it whether a change being rolled out is on for this user ("platform-dst-top-layer-
 * tooltip", …) and otherwise keep their shipped behaviour. Nothing ever initialises the client inside a Custom UI
 * frame: no code in these bundles calls `initialize` (they call only `checkGate`, `getExperimentValue`,
 * `getExperiment` and `initializeCompleted`), and the frame is a window of its own on Forge's origin, out of reach
 * of the Statsig that Jira's own page sets up. So the real client answers every gate `false` and every experiment
 * with its default value, after throwing "Client must be initialized" and logging a warning in every frame. This
 * module gives exactly those answers, without the warning and without Statsig (a fifth of the panel's script).
 */
const unsubscribe = () => undefined;

const FeatureGates = {
  checkGate: (_gateName: string): boolean => false,
  isGateExists: (_gateName: string): boolean => false,
  isExperimentExists: (_experimentName: string): boolean => false,
  getExperimentValue: <T>(_experimentName: string, _parameterName: string, defaultValue: T): T => defaultValue,
  getExperiment: (_experimentName: string) => ({ get: <T>(_parameterName: string, defaultValue: T): T => defaultValue }),
  getLayerValue: <T>(_layerName: string, _parameterName: string, defaultValue: T): T => defaultValue,
  getLayer: (_layerName: string) => ({ get: <T>(_parameterName: string, defaultValue: T): T => defaultValue }),
  initializeCalled: (): boolean => false,
  initializeCompleted: (): boolean => false,
  onGateUpdated: () => unsubscribe,
  onExperimentValueUpdated: () => unsubscribe,
  onAnyUpdated: () => unsubscribe,
};

export default FeatureGates;
