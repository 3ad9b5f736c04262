import type { OutputOf, ParsedInputOf, ProcedureName } from '../../../shared/api/procedures';
import type { RequestContext } from './context';

export type Handler<N extends ProcedureName> = (input: ParsedInputOf<N>, ctx: RequestContext) => Promise<OutputOf<N>>;

/** Handlers of some procedures; the full set is checked to cover every procedure. */
export type HandlersFor<N extends ProcedureName> = { [K in N]: Handler<K> };
export type AllHandlers = HandlersFor<ProcedureName>;
