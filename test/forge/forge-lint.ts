/**
 * Forge's own linter (@forge/lint), run the way the Forge CLI runs it before `forge deploy`, but offline.
 *
 * What the CLI does (@forge/cli's LintService.run, and @forge/bundler's runLinter which `forge tunnel` uses):
 * list every file under ./src, less .gitignore'd paths, .git and node_modules; read manifest.yml through
 * @forge/cli-shared's ConfigFile; call @forge/lint's `lint(files, manifest, 'development', logger, statsig,
 * { linter: { mode } })`. `lint` parses a .ts/.tsx file only if tsconfig.json's `include` globs, expanded
 * relative to the current directory, list it (bare folder names match no file), so this must run from the
 * repository root.
 *
 * Offline differences, and only these:
 * - mode 'client-side' (what runLinter uses): `forge deploy` adds a server-side pass that needs a login.
 * - Feature flags: the CLI asks Statsig, and falls back to the defaults written in StatsigReader when it
 *   cannot; OfflineStatsig always takes those defaults.
 * - The permission rules read Jira's OpenAPI descriptions from shared/fixtures/jira-openapi instead of
 *   developer.atlassian.com (USE_LOCAL_SWAGGER and the LOCAL_*_SWAGGER variables read by @forge/lint's
 *   PermissionLinter.bootstrap). Confluence, Jira Service Management and Bitbucket get an empty `{"paths":{}}`:
 *   the app calls none of their REST APIs through requestConfluence/requestBitbucket.
 */
import { ConfigFile, FileSystemReader, FileSystemWriter, StatsigReader, listGitIgnoreFiles } from '@forge/cli-shared';
import type { StatsigService } from '@forge/cli-shared';
import { lint, parseSourceFile } from '@forge/lint';
import type { LinterInterface, LintResult, LintResultRule } from '@forge/lint';
import type { ManifestSchema } from '@forge/manifest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { sharedFixturePath } from '../support/shared-fixtures';

/** The environment `forge deploy` targets by default; some rules only warn there. */
const LINT_ENVIRONMENT = 'development';

/** StatsigReader with every gate and dynamic config unset: its built-in defaults, as when Statsig is unreachable. */
class OfflineStatsig extends StatsigReader {
  async checkGate(): Promise<boolean | null> {
    return null;
  }
  async getDynamicConfig(): Promise<null> {
    return null;
  }
}

let swaggerSet = false;
/** Points @forge/lint's PermissionLinter at OpenAPI descriptions on disk (the names it reads from process.env). */
function useLocalOpenApiDescriptions(): void {
  if (swaggerSet) return;
  const empty = resolve('node_modules/.cache/forge-lint/no-paths.json');
  mkdirSync(dirname(empty), { recursive: true });
  writeFileSync(empty, '{"paths":{}}');
  Object.assign(process.env, {
    USE_LOCAL_SWAGGER: '1',
    // ../shared/fixtures/jira-openapi, or under DVCS_SHARED.
    LOCAL_JIRA_SWAGGER: sharedFixturePath('jira-openapi', 'jira-platform.v3.json'),
    LOCAL_JSW_SWAGGER: sharedFixturePath('jira-openapi', 'jira-software.v3.json'),
    LOCAL_JSM_SWAGGER: empty,
    LOCAL_CONF_SWAGGER: empty,
    LOCAL_CONF_V2_SWAGGER: empty,
    LOCAL_BB_SWAGGER: empty,
  });
  swaggerSet = true;
}

export interface LintProblem {
  file: string;
  line: number;
  column: number;
  level: 'error' | 'warning' | 'approval';
  message: string;
  reference: string;
  /** What the rule says is missing from manifest.yml's permissions: a scope, an egress host, a content style... */
  missing?: string;
}

export interface ForgeLintReport {
  /** Files handed to the linter (every file under src/, as the CLI lists them). */
  listed: string[];
  /** Files the linter actually parsed (the tsconfig.json include filter applied). */
  parsed: string[];
  problems: LintProblem[];
  errors: LintProblem[];
  warnings: LintProblem[];
  /** Errors or warnings that name a missing scope or permission. */
  missingPermissions: LintProblem[];
  /** Linters that threw and were skipped (@forge/lint logs these and carries on). */
  linterFailures: string[];
  /** Human-readable report: one line per problem, file:line:column. */
  text: string;
}

const PERMISSION_METADATA = ['missingPermission', 'missingExternalFetchPermission', 'missingExternalImagesPermission', 'missingContentStylePermission'];

function toProblems(results: LintResult[]): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const result of results) {
    const file = relative(process.cwd(), resolve(result.file));
    const add = (level: LintProblem['level'], rule: LintResultRule) => {
      const missingKey = PERMISSION_METADATA.find((key) => rule.metadata?.[key] !== undefined);
      problems.push({
        file,
        line: rule.line,
        column: rule.column,
        level,
        message: rule.message,
        reference: rule.reference,
        ...(missingKey ? { missing: `${missingKey}: ${String(rule.metadata![missingKey])}` } : {}),
      });
    };
    result.errors.forEach((rule) => add('error', rule));
    result.warnings.forEach((rule) => add('warning', rule));
    result.approvals.forEach((rule) => add('approval', rule));
  }
  return problems;
}

export function formatProblems(problems: LintProblem[]): string {
  if (problems.length === 0) return 'No issues found.';
  const counts = ['error', 'warning', 'approval'].map((level) => `${problems.filter((problem) => problem.level === level).length} ${level}s`);
  const lines = problems.map(
    (problem) => `${problem.file}:${problem.line}:${problem.column}  ${problem.level}  ${problem.message}${problem.reference ? `  [${problem.reference}]` : ''}`,
  );
  return [...lines, `${problems.length} issues (${counts.join(', ')})`].join('\n');
}

export interface LintOptions {
  /** Files to lint, relative to the repository root; default: every file under src/, as the Forge CLI lists them. */
  files?: string[];
  /** The manifest the code rules check against; default: manifest.yml as the CLI parses it. */
  manifest?: ManifestSchema;
  /** Run only these linters instead of all of the CLI's client-side ones. */
  linters?: (manifest: ManifestSchema, logger: { info(message: string): void }) => LinterInterface[];
}

/** Files the Forge CLI hands to the linter: everything under ./src, less .gitignore'd paths, .git and node_modules. */
async function filesForgeLints(reader = new FileSystemReader()): Promise<string[]> {
  const exclude = [...(await listGitIgnoreFiles(reader)), '.git', 'node_modules'];
  const configFile = new ConfigFile(reader, new FileSystemWriter());
  // UI Kit resources are linted too; this app has Custom UI only, so this adds nothing today.
  const uiKitDirectories = (await configFile.getResources(['nativeUI'])).map((resource) => resource.path);
  const lists = await Promise.all(['./src', ...uiKitDirectories].map((directory) => reader.recursiveReadDir(directory, exclude)));
  return [...new Set(lists.flat())].sort();
}

/** Runs Forge's client-side linter on the app, offline, from the repository root. */
export async function lintForgeApp(options: LintOptions = {}): Promise<ForgeLintReport> {
  useLocalOpenApiDescriptions();
  const reader = new FileSystemReader();
  const manifest = options.manifest ?? (await new ConfigFile(reader, new FileSystemWriter()).readConfig());
  const listed = options.files ?? (await filesForgeLints(reader));
  const logged: string[] = [];
  const logger = { info: (message: string) => void logged.push(String(message)) };
  const parsed: string[] = [];
  const results = await lint(listed, manifest, LINT_ENVIRONMENT, logger, new OfflineStatsig() as unknown as StatsigService, {
    linter: { mode: 'client-side' },
    ...(options.linters ? { linters: options.linters(manifest, logger) } : {}),
    parseFunction: async (filepath, parser, readFile) => {
      parsed.push(filepath);
      return parseSourceFile(filepath, parser, readFile);
    },
  });
  const problems = toProblems(results);
  const errors = problems.filter((problem) => problem.level === 'error');
  const warnings = problems.filter((problem) => problem.level === 'warning');
  const linterFailures = logged.filter((line) => line.includes('Could not perform some linting actions'));
  const text = [formatProblems(problems), ...linterFailures.map((line) => line.trim())].join('\n');
  return {
    listed,
    parsed: parsed.sort(),
    problems,
    errors,
    warnings,
    missingPermissions: problems.filter((problem) => problem.missing !== undefined),
    linterFailures,
    text,
  };
}
