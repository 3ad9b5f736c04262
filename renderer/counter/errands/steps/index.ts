// One dialog per step an agent takes on an errand; the row's buttons open the one asked for.
import type { ComponentType } from 'react';
import { CollectDialog } from './CollectDialog';
import { DeliverDialog } from './DeliverDialog';
import type { AgentStep, ErrandStepProps } from './errandStep';
import { WithdrawDialog } from './WithdrawDialog';

export const ERRAND_STEP_DIALOGS: { [K in AgentStep]: ComponentType<ErrandStepProps<K>> } = {
  collect: CollectDialog,
  withdraw: WithdrawDialog,
  deliver: DeliverDialog,
};

export { ERRAND_STEP_PROCEDURES } from './errandStep';
