import Button from '@atlaskit/button/default/button';
import SectionMessage from '@atlaskit/section-message/section-message';

export interface PanelFailureProps {
  message: string;
  onRetry: () => void;
}

/** The panel's answer could not be had. */
export function PanelFailure({ message, onRetry }: PanelFailureProps) {
  return (
    <SectionMessage
      appearance="error"
      title="Development information could not be loaded"
      actions={[
        <Button key="retry" onClick={onRetry}>
          Try again
        </Button>,
      ]}
    >
      <p data-testid="panel-error">{message}</p>
    </SectionMessage>
  );
}

/** The reader may not see this development work; the back end sent nothing else. */
export function PanelDenied({ message }: { message: string }) {
  return (
    <SectionMessage appearance="information" title="No access to development information">
      <p data-testid="panel-denied">{message}</p>
    </SectionMessage>
  );
}
