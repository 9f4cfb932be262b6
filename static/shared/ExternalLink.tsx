import { router } from '@forge/bridge';
import type { ReactNode } from 'react';
import { safeHttpUrl } from '../../src/urls/http-url';

/**
 * A link to the Git host. Jira frames Custom UI, so the host opens it (Forge's `router.open`); the href
 * stays for copy-link and accessibility. Only what passes the app's one URL check (`safeHttpUrl`) becomes
 * a link, whatever the resolver sent; anything else renders as plain text.
 */
export function ExternalLink({ href, children, testId }: { href: string | null; children: ReactNode; testId?: string }) {
  const safe = safeHttpUrl(href);
  if (!safe) return <span data-testid={testId}>{children}</span>;
  return (
    <a
      href={safe}
      target="_blank"
      rel="noopener noreferrer"
      data-testid={testId}
      onClick={(event) => {
        event.preventDefault();
        void router.open(safe);
      }}
    >
      {children}
    </a>
  );
}
