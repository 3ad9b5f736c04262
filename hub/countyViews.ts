// The views the county keeps from the rows townships send (hub/rowKeepers.ts), in one list: the
// hub applies each in the transaction of every batch, and catches each up at start.
import { figuresKeeper } from './figures/figuresKeeper';
import type { RowKeeper } from './context';
import { searchIndexKeeper } from './searchIndex';

export const COUNTY_ROW_KEEPERS: readonly RowKeeper[] = [figuresKeeper, searchIndexKeeper];
