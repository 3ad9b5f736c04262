import type { HandlersFor } from '../api/handlers';
import type { SignInThrottle } from '../auth/signInThrottle';
import { padHandlers } from './padHandlers';
import { screensHandlers } from './screensHandlers';

type HallScreenProcedures = keyof typeof padHandlers | keyof ReturnType<typeof screensHandlers>;

/** The hall's screens: pairing (per backend, for its throttle) and the rating pad. */
export function hallScreensHandlers(throttle: SignInThrottle): HandlersFor<HallScreenProcedures> {
  return { ...screensHandlers(throttle), ...padHandlers };
}
