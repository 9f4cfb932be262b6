/**
 * `npm start`: the local sandbox. It first builds each Custom UI app whose sources changed since its last build
 * (ui-build/), then starts. PORT (default 8080), HOST (default 127.0.0.1), SANDBOX_DATA (default
 * .data), SANDBOX_SEED (default sandbox/jira/seed.json), SANDBOX_DEMO (0 to start empty) and
 * SANDBOX_ALLOW_PRIVATE_HOSTS (1 to allow Git hosts on private addresses) and SANDBOX_GIT_HOSTS (JSON, Git
 * hosts at other addresses) change where it listens and what it loads.
 */
import type { ProviderHosts } from '../src/ports/app-config';
import { buildChangedUis, exitOnBuildFailure } from '../ui-build/build-changed-uis';
import { startSandbox } from './sandbox-server';

await buildChangedUis(process.cwd(), (line) => console.log(line)).catch(exitOnBuildFailure);

const port = Number(process.env.PORT ?? 8080);
const sandbox = await startSandbox({
  port,
  host: process.env.HOST ?? '127.0.0.1',
  dataDir: process.env.SANDBOX_DATA ?? '.data',
  demo: process.env.SANDBOX_DEMO !== '0',
  // Lets accounts point at a Git host on this machine (a GitHub Enterprise test server, say).
  allowPrivateHosts: process.env.SANDBOX_ALLOW_PRIVATE_HOSTS === '1',
  // Git hosts at other addresses (a local stub, say), as JSON: {"github":{"web","api"},"bitbucket":{…},"gitlab":{…}}.
  ...(process.env.SANDBOX_GIT_HOSTS ? { providerHosts: JSON.parse(process.env.SANDBOX_GIT_HOSTS) as ProviderHosts } : {}),
});
const firstIssue = [...sandbox.site.issues.keys()][0] ?? 'DEMO-1';
console.log(`
Jira DVCS Link sandbox is running.
  Jira home          ${sandbox.url}/
  DVCS accounts      ${sandbox.url}/jira/settings/apps/dvcs-accounts
  An issue           ${sandbox.url}/browse/${firstIssue}
  GitHub webhook     ${await sandbox.ports.webtriggers.urlFor('github-webhook')}
  Bitbucket webhook  ${await sandbox.ports.webtriggers.urlFor('bitbucket-webhook')}
  GitLab webhook     ${await sandbox.ports.webtriggers.urlFor('gitlab-webhook')}
  Bitbucket DC hook  ${await sandbox.ports.webtriggers.urlFor('bitbucket-dc-webhook')}
  OAuth callback     ${await sandbox.ports.webtriggers.urlFor('oauth-callback')}
Switch users in the page header. Stop with Ctrl+C. (Ready ${process.uptime().toFixed(1)} s after start.)
`);

const stop = () => {
  sandbox.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
