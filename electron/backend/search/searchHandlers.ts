import type { HandlersFor } from '../api/handlers';
import { searchEverything } from './everything';
import { residentHistory } from './residentHistory';

export const searchHandlers: HandlersFor<'search.everything' | 'search.residentHistory'> = {
  'search.everything': searchEverything,
  'search.residentHistory': residentHistory,
};
