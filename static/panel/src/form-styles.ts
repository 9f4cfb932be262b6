import { token } from '@atlaskit/tokens';

/** A label above its control, which may shrink with a narrow panel. */
export const fieldStyle = { display: 'grid', gap: token('space.050'), minWidth: 0 } as const;

/** A native <select>, in the colours of Atlaskit's inputs. */
export const selectStyle = {
  font: 'inherit',
  padding: token('space.050'),
  borderRadius: 3,
  border: `1px solid ${token('color.border.input')}`,
  background: token('color.background.input'),
  color: token('color.text'),
  maxWidth: '100%',
} as const;
