import SectionMessage from '@atlaskit/section-message/section-message';
import type { ResolverCallError } from './call-resolver';

export interface ErrorMessageProps {
  error: ResolverCallError;
  title?: string;
}

/** An error in the reader's words, with the other system's own words tucked under "Details". */
export function ErrorMessageBox({ error, title }: ErrorMessageProps) {
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
