// The county's instructions at the township, on the typed API: listed for the responsible role,
// acknowledged (签收) and answered (反馈). They need no sync engine: each step is an ordinary
// write whose change-log entry the next batch carries up.
import type { HandlersFor } from '../api/handlers';
import { acknowledgeInstruction, listInstructions, replyToInstruction } from './instructionsStore';

export const instructionsHandlers: HandlersFor<
  'instructions.list' | 'instructions.acknowledge' | 'instructions.reply'
> = {
  async 'instructions.list'(input, ctx) {
    return { instructions: await listInstructions(ctx.db, ctx.requireUser(), input.onlyOpen) };
  },

  async 'instructions.acknowledge'(input, ctx) {
    return acknowledgeInstruction(ctx, input.id);
  },

  async 'instructions.reply'(input, ctx) {
    return replyToInstruction(ctx, input.id, input.reply);
  },
};
