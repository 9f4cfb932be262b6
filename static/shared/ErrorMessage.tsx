import SectionMessage from '@atlaskit/section-message';
import type { ResolverCallError } from './call-resolver';

/** An error in the admin's words, with the other system's own words tucked under "Details". */
export function ErrorMessage({ error, title }: { error: ResolverCallError; title?: string }) {
  return (
    <SectionMessage appearance={error.code === 'forbidden' ? 'warning' : 'error'} title={title}>
      <p data-testid="error-message">{error.message}</p>
      {error.details && (
        <details>
          <summary>Details</summary>
          <pre style={{ whiteSpace: 'pre-wrap' }}>{error.details}</pre>
        </details>
      )}
    </SectionMessage>
  );
}
