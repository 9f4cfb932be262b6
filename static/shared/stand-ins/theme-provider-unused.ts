/**
 * What the UI builds use instead of `@atlaskit/app-provider/theme-provider` (aliased in `vite.config.mts`).
 *
 * Atlaskit's portal (under every tooltip and popup) imports Atlaskit's ThemeProvider and renders it only inside
 * another ThemeProvider (an `AppProvider`), to carry that provider's theme into the portal. These apps have none:
 * Forge themes a Custom UI frame itself (`view.theme.enable()` sets the colour mode on <html>, which portals are
 * inside too). So the portal never renders it, yet it brought 40 KB of theme loading (a sixth of the panel's
 * gzipped script) into the bundle. Should an app ever wrap itself in AppProvider, this says what to change.
 */
export function ThemeProvider(): never {
  throw new Error(
    'Atlaskit ThemeProvider is replaced at build time, because these apps are themed by Forge (view.theme.enable). Remove its alias in vite.config.mts before using AppProvider or ThemeProvider.',
  );
}
