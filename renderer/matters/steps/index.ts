// One dialog per step of a matter; the matter's page opens the one its buttons ask for.
import type { ComponentType } from 'react';
import type { MatterStep } from '../../../shared/matters/matterKind';
import { CloseDialog } from './CloseDialog';
import type { MatterStepProps } from './matterStep';
import { ReplyDialog } from './ReplyDialog';
import { SettleDialog } from './SettleDialog';
import { TriageDialog } from './TriageDialog';
import { VoidDialog } from './VoidDialog';

export const MATTER_STEP_DIALOGS: { [K in MatterStep]: ComponentType<MatterStepProps<K>> } = {
  triage: TriageDialog,
  settleInVillage: SettleDialog,
  reply: ReplyDialog,
  close: CloseDialog,
  void: VoidDialog,
};

export { MATTER_STEP_PROCEDURES } from './matterStep';
