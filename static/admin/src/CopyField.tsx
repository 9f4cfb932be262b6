import Button from '@atlaskit/button/default/button';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';

/** A value to paste into the Git host, shown exactly, with a copy button named after what it copies. */
export function CopyField({ label, value, help, testId }: { label: string; value: string; help?: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div style={{ display: 'grid', gap: token('space.050') }}>
      <strong>{label}</strong>
      <div style={{ display: 'flex', gap: token('space.100'), alignItems: 'center', flexWrap: 'wrap' }}>
        <code
          data-testid={testId}
          style={{ flex: '1 1 16rem', minWidth: 0, padding: token('space.050'), background: token('color.background.neutral'), borderRadius: 3, overflowWrap: 'anywhere' }}
        >
          {value}
        </code>
        <Button
          aria-label={`${copied ? 'Copied' : 'Copy'} ${label}`}
          onClick={() =>
            void navigator.clipboard.writeText(value).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
      {help && <span style={{ color: token('color.text.subtle') }}>{help}</span>}
    </div>
  );
}
