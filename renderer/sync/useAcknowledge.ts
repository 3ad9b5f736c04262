import { App } from 'antd';
import { useCallback, useState } from 'react';
import type { InstructionRecord } from '../../shared/sync/api';
import { INSTRUCTION_KIND_LABELS } from '../../shared/sync/protocol';
import { call, errorMessage } from '../api/client';
import { instructionsChanged } from '../common/instructions/instructionEvents';

/** 签收 from the banner or the list: one click, the time goes up with the next sync. */
export function useAcknowledge(): { acknowledge: (record: InstructionRecord) => Promise<void>; busyId: string | null } {
  const { message, modal } = App.useApp();
  const [busyId, setBusyId] = useState<string | null>(null);
  const acknowledge = useCallback(
    async (record: InstructionRecord) => {
      const { id, title, kind } = record.instruction;
      setBusyId(id);
      try {
        await call('instructions.acknowledge', { id });
        void message.success(
          `已签收${INSTRUCTION_KIND_LABELS[kind]}事项“${title}”，签收时间将在下次同步时报送县级平台`,
        );
        instructionsChanged();
      } catch (error) {
        modal.error({ title: '没有签收', content: errorMessage(error) });
      } finally {
        setBusyId(null);
      }
    },
    [message, modal],
  );
  return { acknowledge, busyId };
}
