import Button from '@atlaskit/button/default/button';
import SectionMessage from '@atlaskit/section-message/section-message';
import { token } from '@atlaskit/tokens';
import { countOf } from '../../shared/plural';

/**
 * Says what regenerating the webhook secret does before it happens: the app updates the webhooks it
 * created, the others need the new secret pasted in, and the old secret keeps working for an hour.
 */
export function RegenerateSecretDialog(props: { managedWebhooks: number; handAddedWebhooks: number; busy: boolean; onCancel: () => void; onConfirm: () => void }) {
  return (
    <div data-testid="regenerate-dialog" role="alertdialog" aria-label="Regenerate the webhook secret?">
      <SectionMessage appearance="warning" title="Regenerate the webhook secret?">
        <ul>
          <li>
            {props.managedWebhooks === 0
              ? 'The app created no webhooks, so it updates none itself.'
              : `The app gives the new secret to the ${props.managedWebhooks === 1 ? 'webhook' : countOf(props.managedWebhooks, 'webhook', 'webhooks')} it created.`}
          </li>
          {props.handAddedWebhooks > 0 && (
            <li>
              {props.handAddedWebhooks === 1 ? 'One webhook was' : `${countOf(props.handAddedWebhooks, 'webhook', 'webhooks')} were`} added by hand: paste the new secret into
              {props.handAddedWebhooks === 1 ? ' it' : ' each'} on the Git host.
            </li>
          )}
          <li>Deliveries signed with the current secret are still accepted for one hour, then refused.</li>
        </ul>
        <div style={{ display: 'flex', gap: token('space.100'), flexWrap: 'wrap' }}>
          <Button appearance="subtle" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button appearance="warning" isDisabled={props.busy} testId="confirm-regenerate" onClick={props.onConfirm}>
            {props.busy ? 'Regenerating…' : 'Regenerate secret'}
          </Button>
        </div>
      </SectionMessage>
    </div>
  );
}
