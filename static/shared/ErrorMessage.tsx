import type { ErrorMessageProps } from './ErrorMessageBox';
import { onDemand } from './on-demand';

/** An error in the reader's words, in Atlaskit's message box, whose code loads the first time an error shows. */
export const ErrorMessage = onDemand(
  () => import('./ErrorMessageBox'),
  'ErrorMessageBox',
  ({ error, title }: ErrorMessageProps) => (
    <p data-testid="error-message">
      {title ? `${title}: ` : ''}
      {error.message}
    </p>
  ),
);
