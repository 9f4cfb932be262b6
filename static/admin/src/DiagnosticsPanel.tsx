import Button from '@atlaskit/button/default/button';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge/lozenge';
import TextField from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { ResolverAnswer } from '../../../src/resolvers/resolver-contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { formatDateTime } from '../../shared/format-date';
import { englishNumber } from '../../shared/plural';
import { useResolverAction } from '../../shared/use-resolver-action';

type Fact = NonNullable<ResolverAnswer<'diagnoseCommit'>['steps'][number]['facts']>[number];

/** A step's count or moment, written for the reader: the count as the sentence's English writes it, the moment in their locale and time zone. */
const factText = (fact: Fact) => `${fact.label}: ${'at' in fact ? formatDateTime(fact.at) : englishNumber(fact.count)}`;

const OUTCOME = { ok: { label: 'OK', appearance: 'success' }, problem: { label: 'Problem', appearance: 'removed' }, info: { label: 'Info', appearance: 'default' } } as const;

/** "Why isn't my commit showing?": a sha or a message, followed through each step that decides it. */
export function DiagnosticsPanel() {
  const [query, setQuery] = useState('');
  const [steps, setSteps] = useState<ResolverAnswer<'diagnoseCommit'>['steps'] | null>(null);
  const { run, busy, error } = useResolverAction();
  const check = () => run('diagnoseCommit', { query }, (answer) => setSteps(answer.steps), 'The check could not run. Try again.');
  const problem = error?.field === 'query' ? error.message : null;
  return (
    <section data-testid="diagnostics" style={{ display: 'grid', gap: token('space.150') }}>
      <Heading size="medium" as="h2">
        Why isn't my commit showing?
      </Heading>
      <div style={{ display: 'flex', gap: token('space.100'), flexWrap: 'wrap' }}>
        <div style={{ flex: '1 1 16rem', minWidth: 0 }}>
          <TextField
            placeholder="Paste a commit sha or a commit message"
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
            testId="diagnostics-query"
            aria-label="Commit sha or message"
            isInvalid={Boolean(problem)}
            aria-describedby={problem ? 'diagnostics-problem' : undefined}
          />
          {problem && (
            <span id="diagnostics-problem" style={{ color: token('color.text.danger') }}>
              {problem}
            </span>
          )}
        </div>
        <Button appearance="primary" onClick={() => void check()} isDisabled={busy || query.trim() === ''} testId="diagnostics-run">
          {busy ? 'Checking…' : 'Check'}
        </Button>
      </div>
      {error && !problem && <ErrorMessage error={error} />}
      {steps && (
        <ol data-testid="diagnostics-steps" style={{ margin: 0, paddingLeft: token('space.250'), display: 'grid', gap: token('space.100') }}>
          {steps.map((step) => (
            <li key={step.title}>
              <strong>{step.title}</strong> <Lozenge appearance={OUTCOME[step.outcome].appearance}>{OUTCOME[step.outcome].label}</Lozenge>
              <div>{step.detail}</div>
              {step.facts && step.facts.length > 0 && <div data-testid="diagnostics-facts">{step.facts.map(factText).join(' · ')}</div>}
              {step.action && <div style={{ color: token('color.text.subtle') }}>What to do: {step.action}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
