import { router } from '@forge/bridge';
import type { ReactNode } from 'react';

/**
 * A link to the Git host. Jira frames Custom UI, so the host opens it (Forge's `router.open`); the href
 * stays for copy-link and accessibility. Without a safe URL it renders as plain text.
 */
export function ExternalLink({ href, children, testId }: { href: string | null; children: ReactNode; testId?: string }) {
  if (!href) return <span data-testid={testId}>{children}</span>;
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      data-testid={testId}
      onClick={(event) => {
        event.preventDefault();
        void router.open(href);
      }}
    >
      {children}
    </a>
  );
}
