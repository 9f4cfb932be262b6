import Button from '@atlaskit/button/default/button';
import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { ResolverAnswer } from '../../../src/resolvers/resolver-contract';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { onDemand } from '../../shared/on-demand';
import { useResolverAction } from '../../shared/use-resolver-action';
import type { CreateBranchStepsProps } from './CreateBranchSteps';

// The form and what follows it load when the reader asks for them, not with every panel.
const CreateBranchSteps = onDemand(
  () => import('./CreateBranchSteps'),
  'CreateBranchSteps',
  (_props: CreateBranchStepsProps) => <Spinner size="small" label="Loading the form" />,
);

/**
 * "Create branch": choices come from the back end, which checks View Development Tools and the account's
 * setting again when the branch is created, so hiding the form is only a courtesy.
 */
export function CreateBranch({ onCreated }: { onCreated: () => void }) {
  const [options, setOptions] = useState<ResolverAnswer<'getBranchOptions'> | null>(null);
  const { run, busy, error } = useResolverAction();

  if (options) return <CreateBranchSteps options={options} onCancel={() => setOptions(null)} onCreated={onCreated} />;
  return (
    <div style={{ marginBottom: token('space.100') }}>
      <Button
        onClick={() => {
          CreateBranchSteps.preload();
          void run('getBranchOptions', undefined, setOptions);
        }}
        isDisabled={busy}
        testId="create-branch"
      >
        Create branch
      </Button>
      {error && <ErrorMessage error={error} />}
    </div>
  );
}
