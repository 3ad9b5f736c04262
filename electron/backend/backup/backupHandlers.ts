import type { HandlersFor } from '../api/handlers';
import type { BackupService } from './backupService';

export function backupHandlers(
  service: BackupService,
): HandlersFor<'backup.status' | 'backup.saveSettings' | 'backup.runNow' | 'backup.drillNow'> {
  return {
    'backup.status': () => service.status(),
    'backup.saveSettings': (input) => service.saveSettings(input),
    'backup.runNow': (_input, ctx) => service.start('backup', ctx.actor.name),
    'backup.drillNow': (_input, ctx) => service.start('drill', ctx.actor.name),
  };
}
