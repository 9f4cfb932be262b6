import type { Plugin } from 'vite';
import { commonJsParts } from './commonjs-parts-plugin';
import { designTokenCalls } from './design-token-calls-plugin';
import { firstViewPreload } from './first-view-preload-plugin';

/** Runs a plugin's transform hook as Vite would, with `this.error` throwing as it does. */
function transform(plugin: Plugin, code: string, id: string): { code: string } | null {
  const hook = plugin.transform as (this: unknown, code: string, id: string) => { code: string } | null;
  return hook.call(
    {
      error: (message: string) => {
        throw new Error(message);
      },
    },
    code,
    id,
  );
}

describe('commonJsParts', () => {
  const plugin = commonJsParts({ '@forge/bridge': { invoke: 'invoke/index.js', view: 'view/index.js' }, '@forge/i18n': { ensureLocale: 'ensureLocale.js' } });

  it('lets through the names its table lists, from ES imports and from CommonJS requires', () => {
    expect(transform(plugin, "import { invoke, view as forgeView, type ViewContext } from '@forge/bridge';", '/app/static/shared/call.ts')).toBeNull();
    expect(
      transform(plugin, 'const i18n_1 = require("@forge/i18n");\nconst locale = (0, i18n_1.ensureLocale)(raw);', '/app/node_modules/@forge/bridge/out/view/getContext.js'),
    ).toBeNull();
  });

  it('fails the build on a name the table lacks, instead of bundling undefined', () => {
    expect(() => transform(plugin, "import { invoke, showFlag } from '@forge/bridge';", '/app/static/panel/src/Panel.tsx')).toThrow(
      '/app/static/panel/src/Panel.tsx uses showFlag from @forge/bridge: add each to the commonJsParts table in vite.config.mts',
    );
    expect(() => transform(plugin, 'var i18n_1 = require("@forge/i18n");\ni18n_1.getTranslationValue(x);', '/app/node_modules/@forge/bridge/out/i18n/index.js')).toThrow(
      'uses getTranslationValue from @forge/i18n',
    );
  });
});

describe('designTokenCalls', () => {
  const plugin = designTokenCalls(process.cwd());

  it('turns token() calls with literal names into the CSS variables token() returns', () => {
    const code = "import { token } from '@atlaskit/tokens';\nconst style = { padding: token('space.100'), color: token('color.text', '#172B4D'), gap: token(name) };";
    expect(transform(plugin, code, '/app/static/panel/src/Row.tsx')?.code).toBe(
      'import { token } from \'@atlaskit/tokens\';\nconst style = { padding: "var(--ds-space-100)", color: "var(--ds-text, #172B4D)", gap: token(name) };',
    );
  });

  it('leaves code that does not import token() alone, and fails on a name that is not a token', () => {
    expect(transform(plugin, "const a = token('space.100');", '/app/static/panel/src/Other.tsx')).toBeNull();
    expect(() => transform(plugin, "import { token } from '@atlaskit/tokens';\ntoken('color.txet');", '/app/static/panel/src/Typo.tsx')).toThrow(
      "'color.txet' is not a design token",
    );
  });
});

describe('firstViewPreload', () => {
  const plugin = firstViewPreload('/app/static/panel/src/');
  (plugin.configResolved as (config: { base: string }) => void)({ base: './' });
  const chunk = (fileName: string, moduleIds: string[], dynamicImports: string[] = []) => ({ type: 'chunk', fileName, moduleIds, dynamicImports });
  const entry = chunk('assets/index.js', ['/app/static/panel/src/main.ts'], ['assets/mount.js', 'assets/resizer.js']);
  const bundle = {
    'assets/index.js': entry,
    'assets/mount.js': chunk('assets/mount.js', ['/app/static/panel/src/mount.tsx', '/app/node_modules/react-dom/index.js'], ['assets/FullList.js']),
    'assets/resizer.js': chunk('assets/resizer.js', ['/app/node_modules/iframe-resizer/index.js']),
    'assets/FullList.js': chunk('assets/FullList.js', ['/app/static/panel/src/FullList.tsx']),
  };
  const run = (context: object) => {
    const { handler } = plugin.transformIndexHtml as { handler: (this: unknown, html: string, context: object) => unknown };
    return handler.call(
      {
        error: (message: string) => {
          throw new Error(message);
        },
      },
      '<html></html>',
      context,
    );
  };

  it("preloads the app's chunk that the entry imports, not what packages or the app load on demand", () => {
    expect(run({ bundle, chunk: entry })).toEqual([{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: './assets/mount.js' }, injectTo: 'head' }]);
  });

  it('fails the build when the entry loads the app statically, which would make the entry the whole app again', () => {
    const whole = chunk('assets/index.js', ['/app/static/panel/src/main.ts', '/app/static/panel/src/mount.tsx'], ['assets/resizer.js']);
    expect(() => run({ bundle: { ...bundle, 'assets/index.js': whole }, chunk: whole })).toThrow('its entry must load the app with import()');
  });
});
