import { developmentField } from '../jira/jira-devinfo';
import { SUMMARY_PROPERTY_KEY } from '../../src/jira-copy/push-issue-summaries';
import type { JiraSite, SiteIssue } from '../jira/jira-site';
import { html, raw, type Raw } from './html';
import { jiraThemeColors } from './jira-theme-colors';

export interface HostSession {
  accountId: string;
  colorMode: 'light' | 'dark';
}

export interface FrameModule {
  moduleKey: string;
  /** Where the frame's page is: on the app's own origin (app-origin.ts), as Jira serves Custom UI from Forge's. */
  url: string;
  title: string;
  /** The context `view.getContext()` returns inside this frame. */
  context: Record<string, unknown>;
}

const themeVariables = (mode: 'light' | 'dark') => {
  const colors = jiraThemeColors(mode);
  return `color-scheme: ${mode}; --bg:${colors.surface}; --fg:${colors.text}; --muted:${colors['text-subtle']}; --line:${colors.border}; --nav:${colors['surface-sunken']}; --link:${colors.link};`;
};

const STYLE = `
  :root { ${themeVariables('light')} }
  html[data-host-color-mode="dark"] { ${themeVariables('dark')} }
  * { box-sizing: border-box; }
  body { margin:0; font: 14px/20px -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif; background:var(--bg); color:var(--fg); }
  a { color: var(--link); text-decoration: none; } a:hover { text-decoration: underline; }
  header { display:flex; align-items:center; gap:16px; height:56px; padding:0 16px; border-bottom:1px solid var(--line); }
  header .logo { font-weight:600; font-size:16px; color:var(--fg); }
  header .spacer { flex:1; }
  header select, header button { font: inherit; padding:4px 8px; border:1px solid var(--line); border-radius:3px; background:var(--bg); color:var(--fg); }
  .layout { display:flex; min-height: calc(100vh - 56px); }
  nav { width:240px; padding:16px; background:var(--nav); border-right:1px solid var(--line); }
  nav h2 { font-size:11px; text-transform:uppercase; color:var(--muted); margin:16px 0 8px; }
  nav a { display:block; padding:4px 0; }
  main { flex:1; padding:24px 32px; max-width:1100px; }
  .crumbs { color:var(--muted); font-size:12px; }
  h1 { font-size:24px; font-weight:500; margin:8px 0 16px; }
  .issue { display:grid; grid-template-columns: 1fr 280px; gap:32px; }
  .field { margin-bottom:12px; } .field b { display:block; color:var(--muted); font-size:12px; font-weight:600; }
  .status { display:inline-block; padding:0 6px; border-radius:3px; background:var(--nav); font-size:11px; font-weight:700; text-transform:uppercase; }
  .panel-title { font-size:16px; font-weight:600; margin:24px 0 8px; }
  iframe.forge-frame { width:100%; border:0; display:block; min-height:80px; }
  table { border-collapse: collapse; } td, th { text-align:left; padding:4px 12px 4px 0; border-bottom:1px solid var(--line); }
`;

/** The sandbox's tab icon: the Development panel's icon (manifest.yml), which the server serves here. */
export const FAVICON_PATH = '/favicon.svg';

function layout(site: JiraSite, session: HostSession, title: string, body: Raw, script: Raw = raw('')): string {
  const options = [
    ...site.seed.users.map(
      (user) => html`<option value="${user.accountId}" ${user.accountId === session.accountId ? raw('selected') : ''}>${user.displayName} — ${user.role}</option>`,
    ),
    html`<option value="" ${session.accountId === '' ? raw('selected') : ''}>Anonymous (not logged in)</option>`,
  ];
  return `<!doctype html>${
    html`<html lang="en" data-host-color-mode="${session.colorMode}">
<head><meta charset="utf-8"><title>${title} - Jira (sandbox)</title><link rel="icon" href="${FAVICON_PATH}" type="image/svg+xml"><style>${raw(STYLE)}</style></head>
<body>
<header>
  <a class="logo" href="/">Jira <small>(DVCS Link sandbox)</small></a>
  <span class="spacer"></span>
  <label>Signed in as <select id="sandbox-user" aria-label="Sandbox user">${options}</select></label>
  <button id="sandbox-theme-toggle" type="button">${session.colorMode === 'dark' ? 'Light' : 'Dark'} theme</button>
</header>
<div class="layout">
  <nav>
    <h2>Projects</h2>
    ${site.seed.projects.map((project) => html`<a href="/projects/${project.key}">${project.name} (${project.key})</a>`)}
    <h2>Settings → Apps</h2>
    <a href="/jira/settings/apps/dvcs-accounts">DVCS accounts</a>
  </nav>
  <main>${body}</main>
</div>
${script}
</body></html>`.text
  }`;
}

function frames(session: HostSession, modules: FrameModule[], issueKey?: string): Raw {
  const host = {
    colorMode: session.colorMode,
    issueKey: issueKey ?? null,
    contexts: Object.fromEntries(modules.map((module) => [module.moduleKey, module.context])),
  };
  // JSON inside a script element: escape "<" so a value can never close the element.
  const json = JSON.stringify(host).replace(/</g, '\\u003c');
  return raw(`<script>window.__sandboxHost = ${json};</script><script src="/__sandbox/host.js"></script>`);
}

function frameFor(module: FrameModule): Raw {
  return html`<iframe class="forge-frame" title="${module.title}" data-module-key="${module.moduleKey}" src="${module.url}"></iframe>`;
}

export function homePage(site: JiraSite, session: HostSession): string {
  const issues = [...site.issues.values()];
  return layout(
    site,
    session,
    'Your work',
    html`<h1>Your work</h1>
      <p>This is a local stand-in for a Jira Cloud site, running the app's real Custom UI and resolvers. Switch the signed-in user at the top right.</p>
      <table><thead><tr><th>Key</th><th>Summary</th><th>Status</th></tr></thead><tbody>
      ${issues.map((issue) => html`<tr><td><a href="/browse/${issue.key}">${issue.key}</a></td><td>${issue.summary}</td><td><span class="status">${issue.status}</span></td></tr>`)}
      </tbody></table>
      <p><a href="/jira/settings/apps/dvcs-accounts">Settings → Apps → DVCS accounts</a></p>`,
    frames(session, []),
  );
}

export function projectPage(site: JiraSite, session: HostSession, projectKey: string, issues: SiteIssue[]): string {
  return layout(
    site,
    session,
    projectKey,
    html`<div class="crumbs">Projects</div><h1>${projectKey}</h1>
      <table><tbody>${issues.map((issue) => html`<tr><td><a href="/browse/${issue.key}">${issue.key}</a></td><td>${issue.summary}</td><td><span class="status">${issue.status}</span></td></tr>`)}</tbody></table>`,
    frames(session, []),
  );
}

export function issuePage(site: JiraSite, session: HostSession, issue: SiteIssue, panel: FrameModule): string {
  const assignee = site.user(issue.assignee);
  return layout(
    site,
    session,
    `[${issue.key}] ${issue.summary}`,
    html`<div class="crumbs">Projects / ${issue.projectKey} / ${issue.key}</div>
      <h1>${issue.summary}</h1>
      <div class="issue">
        <section>
          <div class="panel-title">${panel.title}</div>
          ${frameFor(panel)}
        </section>
        <aside>
          <div class="field"><b>Status</b><span class="status" data-testid="issue-status">${issue.status}</span></div>
          <div class="field"><b>Type</b>${issue.issueType}</div>
          <div class="field"><b>Assignee</b>${assignee?.displayName ?? 'Unassigned'}</div>
          <div class="field"><b>Comments</b>${issue.comments.length}</div>
          ${canViewDevelopmentTools(site, session, issue) ? jiraDevelopmentFields(site, issue) : ''}
        </aside>
      </div>`,
    frames(session, [panel], issue.key),
  );
}

export function adminPage(site: JiraSite, session: HostSession, module: FrameModule): string {
  return layout(site, session, module.title, html`<div class="crumbs">Settings / Apps</div>${frameFor(module)}`, frames(session, [module]));
}

export function messagePage(site: JiraSite, session: HostSession, title: string, message: string): string {
  return layout(site, session, title, html`<h1>${title}</h1><p>${message}</p>`, frames(session, []));
}

/** Jira shows an issue's Development field only to people with View Development Tools in its project. */
function canViewDevelopmentTools(site: JiraSite, session: HostSession, issue: SiteIssue): boolean {
  return site.hasProjectPermission({ kind: 'user', accountId: session.accountId || undefined }, issue.projectKey, 'VIEW_DEV_TOOLS');
}

/**
 * What Jira itself knows about the issue's development work: the `dvcs-link.summary` property (for JQL)
 * and, for accounts that mirror, Jira's own Development field.
 */
function jiraDevelopmentFields(site: JiraSite, issue: SiteIssue) {
  const property = issue.properties.get(SUMMARY_PROPERTY_KEY) as { commits?: number; openPullRequests?: number } | undefined;
  const native = developmentField(site, issue.key);
  const nativeText =
    native.commits + native.branches + native.pullRequests === 0 ? 'None' : `${native.commits} commits, ${native.branches} branches, ${native.pullRequests} pull requests`;
  return html`<div class="field" data-testid="summary-property"><b>dvcs-link.summary</b>${property ? `${property.commits ?? 0} commits, ${property.openPullRequests ?? 0} open pull requests` : 'Not set'}</div>
    <div class="field" data-testid="development-field"><b>Development (Jira)</b>${nativeText}</div>`;
}
