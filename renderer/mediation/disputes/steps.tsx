import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import type { InputOf } from '../../../shared/api/procedures';
import type { DisputeCommandResult } from '../../../shared/mediation/disputesApi';
import { errorMessage } from '../../api/client';
import type { ServerErrors } from '../../common/useServerErrors';

/** The commands that take the dispute's version and answer the dispute and its paper. */
export type VersionedCommand =
  | 'mediation.acceptDispute'
  | 'mediation.refuseDispute'
  | 'mediation.assignMediators'
  | 'mediation.recordRecusal'
  | 'mediation.addRecord'
  | 'mediation.saveAgreementDraft'
  | 'mediation.issueAgreement'
  | 'mediation.recordOralAgreement'
  | 'mediation.terminate'
  | 'mediation.recordCourtConfirmation'
  | 'mediation.saveFollowUp'
  | 'mediation.closeDispute';

export type StepInput<N extends VersionedCommand> = Omit<InputOf<N>, 'id' | 'version'>;

/** Runs a step on the dispute as shown (its version); the page takes the answer. */
export type RunStep = <N extends VersionedCommand>(
  label: string,
  name: N,
  input: StepInput<N>,
) => Promise<DisputeCommandResult>;

/**
 * Shown in a step's dialog when the dispute changed meanwhile (STALE): the page loads the dispute
 * as it now is; what was typed in the dialog stays, to be sent again once the mediator has
 * checked the step still applies.
 */
export function Stale({ server, reload }: { server: ServerErrors; reload: () => Promise<unknown> }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (server.error?.code !== 'STALE') return null;
  return (
    <Flex gap={12} align="center" wrap style={{ marginBottom: 16 }}>
      <Typography.Text type="secondary">
        请先载入这件纠纷的最新情况，核对后如仍需这样办理，再提交一次；这里填写的内容会保留。
      </Typography.Text>
      <Button
        loading={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await reload();
            server.clear();
          } catch (error) {
            void message.error(errorMessage(error));
          } finally {
            setBusy(false);
          }
        }}
      >
        载入最新情况
      </Button>
    </Flex>
  );
}
