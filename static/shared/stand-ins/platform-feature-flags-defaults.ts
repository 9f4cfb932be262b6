/**
 * What the UI builds use instead of `@atlaskit/platform-feature-flags` (aliased in `vite.config.mts`).
 *
 * Its `fg(name)` asks a resolver that only Jira, Confluence and Bitbucket install in their own window, and
 * otherwise the feature-gate client, which is never initialised in a Custom UI frame (see
 * `feature-gates-defaults.ts`): in these apps every flag is `false`, the components' shipped behaviour. Saying so
 * where the bundler can see it lets it drop the code behind the flags, which can never run here (Atlaskit's
 * top-layer popovers, for one). `fg` is all Atlaskit's components import; any other name fails the build.
 */
export function fg(_flagName: string): boolean {
  return false;
}
