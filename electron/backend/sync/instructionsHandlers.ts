// The county's instructions at the township, on the typed API: listed for the responsible role,
// acknowledged (签收) and answered (反馈). They need no sync engine: each step is an ordinary
// write whose change-log entry the next batch carries up.
import type { HandlersFor } from '../api/handlers';
import {
  acknowledgeInstruction,
  instructionsAboutRecord,
  listInstructions,
  replyToInstruction,
} from './instructionsStore';

export const instructionsHandlers: HandlersFor<
  | 'instructions.list'
  | 'instructions.acknowledge'
  | 'instructions.reply'
  | 'instructions.aboutMatter'
  | 'instructions.aboutPetition'
  | 'instructions.aboutDispute'
  | 'instructions.aboutCase'
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

  // A record's page: dispatch has checked the reader may read that record.
  async 'instructions.aboutMatter'(input, ctx) {
    return { instructions: await instructionsAboutRecord(ctx.db, 'matter', input.id) };
  },
  async 'instructions.aboutPetition'(input, ctx) {
    return { instructions: await instructionsAboutRecord(ctx.db, 'petition', input.id) };
  },
  async 'instructions.aboutDispute'(input, ctx) {
    return { instructions: await instructionsAboutRecord(ctx.db, 'dispute', input.id) };
  },
  async 'instructions.aboutCase'(input, ctx) {
    return { instructions: await instructionsAboutRecord(ctx.db, 'counterCase', input.id) };
  },
};
