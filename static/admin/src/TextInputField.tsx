import TextField from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';

/**
 * A labelled text box with, under it, either its help or what is wrong with it (the back end's message in
 * the page's words), tied to the box so a screen reader reads it with the field.
 */
export function TextInputField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password';
  placeholder?: string;
  autoComplete?: string;
  help?: ReactNode;
  problem?: string | null;
  testId?: string;
}) {
  const describedBy = props.problem || props.help ? `${props.id}-message` : undefined;
  return (
    <div style={{ display: 'grid', gap: token('space.050'), minWidth: 0 }}>
      <label htmlFor={props.id} style={{ font: token('font.body.small'), fontWeight: token('font.weight.semibold'), color: token('color.text.subtle') }}>
        {props.label}
      </label>
      <TextField
        id={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete ?? 'off'}
        isInvalid={Boolean(props.problem)}
        aria-describedby={describedBy}
        onChange={(event) => props.onChange(event.currentTarget.value)}
        testId={props.testId}
      />
      {props.problem ? (
        <span id={describedBy} data-testid={props.testId ? `${props.testId}-problem` : undefined} style={{ color: token('color.text.danger'), font: token('font.body.small') }}>
          {props.problem}
        </span>
      ) : (
        props.help && (
          <span id={describedBy} style={{ color: token('color.text.subtle'), font: token('font.body.small') }}>
            {props.help}
          </span>
        )
      )}
    </div>
  );
}
