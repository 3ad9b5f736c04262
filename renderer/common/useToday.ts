import { useQuery } from '../api/useQuery';
import { useSession } from './session';

/**
 * Today on the hall's clock (the backend dates every step), fetched again when a page opens:
 * a window left open overnight still offers the right day. The sign-in's date until it answers.
 */
export function useToday(): string {
  const { system } = useSession();
  const status = useQuery('system.status', {});
  return status.data?.today ?? system.today;
}
