import { dirname } from 'node:path';
import type { Plugin } from 'vite';

/** For each package: the names the apps' code reads from it, and the file (relative to the package's main file) that exports each. */
export type CommonJsParts = Record<string, Record<string, string>>;

const VIRTUAL_PREFIX = '\0commonjs-parts:';

/** The names a module reads from `packageName`: named ES imports, and the properties read off a CommonJS `require`. */
function namesRead(code: string, packageName: string): string[] {
  const quoted = packageName.replace(/[/@]/g, (char) => `\\${char}`);
  const names: string[] = [];
  for (const [, list] of code.matchAll(new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*['"]${quoted}['"]`, 'g'))) {
    for (const part of (list ?? '').split(',')) {
      const name = part.trim().split(/\s+as\s+/)[0] ?? '';
      if (name && !name.startsWith('type ')) names.push(name);
    }
  }
  for (const [, binding] of code.matchAll(new RegExp(`(?:const|var|let)\\s+([\\w$]+)\\s*=\\s*require\\(['"]${quoted}['"]\\)`, 'g'))) {
    for (const [, name] of code.matchAll(new RegExp(`\\b${(binding ?? '').replace(/\$/g, '\\$')}\\.([\\w$]+)`, 'g'))) names.push(name ?? '');
  }
  return names;
}

/**
 * Serves some CommonJS packages as only the parts the code uses. Such a package's index requires all of its parts,
 * and a bundler cannot drop what a `require` pulled in, so one function from it brings the whole package: for
 * @forge/bridge, fetch, events, realtime, the object store, permissions… and through them @forge/i18n and lodash.
 * Here an import of the package becomes a module that re-exports only the listed names, each from the file that
 * defines it. Every module that imports or requires the package is checked: a name the table lacks fails the build,
 * naming the table, instead of being `undefined` at run time.
 */
export function commonJsParts(parts: CommonJsParts): Plugin {
  const packageDirs = new Map<string, { packageName: string; dir: string }>();
  return {
    name: 'commonjs-parts',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!(source in parts) || importer?.startsWith(VIRTUAL_PREFIX)) return null;
      const main = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!main) return null;
      const id = `${VIRTUAL_PREFIX}${dirname(main.id)}`;
      packageDirs.set(id, { packageName: source, dir: dirname(main.id) });
      return id;
    },
    load(id) {
      const found = packageDirs.get(id);
      if (!found) return null;
      return Object.entries(parts[found.packageName] ?? {})
        .map(([name, file]) => `export { ${name} } from ${JSON.stringify(`${found.dir}/${file}`)};`)
        .join('\n');
    },
    transform(code, id) {
      for (const [packageName, names] of Object.entries(parts)) {
        if (!code.includes(packageName)) continue;
        const missing = namesRead(code, packageName).filter((name) => !(name in names));
        if (missing.length > 0) {
          this.error(`${id} uses ${missing.join(', ')} from ${packageName}: add each to the commonJsParts table in vite.config.mts, with the file that exports it.`);
        }
      }
      return null;
    },
  };
}
