import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import TextField from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { DiagnosticStep } from '../../../src/diagnostics/diagnose-commit';
import { callResolver, ResolverCallError } from '../../shared/call-resolver';
import { ErrorMessage } from '../../shared/ErrorMessage';

const OUTCOME = { ok: { label: 'OK', appearance: 'success' }, problem: { label: 'Problem', appearance: 'removed' }, info: { label: 'Info', appearance: 'default' } } as const;

/** "Why isn't my commit showing?": a sha or a message, followed through each step that decides it. */
export function DiagnosticsPanel() {
  const [query, setQuery] = useState('');
  const [steps, setSteps] = useState<DiagnosticStep[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ResolverCallError | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setSteps((await callResolver<{ steps: DiagnosticStep[] }>('diagnoseCommit', { query })).steps);
    } catch (failure) {
      setError(failure instanceof ResolverCallError ? failure : new ResolverCallError('unknown', 'The check could not run. Try again.'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section data-testid="diagnostics" style={{ display: 'grid', gap: token('space.150') }}>
      <Heading size="medium" as="h2">
        Why isn't my commit showing?
      </Heading>
      <div style={{ display: 'flex', gap: token('space.100') }}>
        <div style={{ flex: 1 }}>
          <TextField placeholder="Paste a commit sha or a commit message" value={query} onChange={(event) => setQuery(event.currentTarget.value)} testId="diagnostics-query" aria-label="Commit sha or message" />
        </div>
        <Button appearance="primary" onClick={() => void run()} isDisabled={busy || query.trim() === ''} testId="diagnostics-run">
          {busy ? 'Checking…' : 'Check'}
        </Button>
      </div>
      {error && <ErrorMessage error={error} />}
      {steps && (
        <ol data-testid="diagnostics-steps" style={{ margin: 0, paddingLeft: token('space.250'), display: 'grid', gap: token('space.100') }}>
          {steps.map((step) => (
            <li key={step.title}>
              <strong>{step.title}</strong> <Lozenge appearance={OUTCOME[step.outcome].appearance}>{OUTCOME[step.outcome].label}</Lozenge>
              <div>{step.detail}</div>
              {step.action && <div style={{ color: token('color.text.subtle') }}>What to do: {step.action}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
