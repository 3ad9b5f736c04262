// Every desk's figure definitions the county keeps (each lives with its desk in shared/; the
// township's statistics count the same way, proven by test/figures/*).
import type { FigureDefinition } from '../../shared/figures/figureEvents';
import { WorkingCalendar } from '../../shared/calendar/workingCalendar';
import { provisionalCalendarYear } from '../../shared/calendar/statutoryHolidays';
import { counterCaseFigures } from '../../shared/counter/figures';
import { errandFigures } from '../../shared/counter/errandFigures';
import { MEDIATION_FIGURE_DEFINITIONS } from '../../shared/mediation/figures';
import { petitionFigureDefinition } from '../../shared/petitions/figures';
import { matterFigureDefinition } from '../../shared/matters/figures';

/**
 * The working calendar the counter's 超期 of a paused case is counted on: the statutory holidays
 * as the law fixes them. A township's own arrangement (调休) is not applied at the county yet, so a
 * paused case's 超期 can differ by the make-up days (docs/county.md, “what is not the same”).
 */
const COUNTY_CALENDAR = new WorkingCalendar([], provisionalCalendarYear);

export const FIGURE_DEFINITIONS: readonly FigureDefinition[] = [
  counterCaseFigures(COUNTY_CALENDAR),
  errandFigures,
  ...MEDIATION_FIGURE_DEFINITIONS,
  petitionFigureDefinition,
  matterFigureDefinition,
];

/** The definitions of a desk, by the name the county stores its figures under. */
export function definitionsOf(desk: string): FigureDefinition[] {
  return FIGURE_DEFINITIONS.filter((d) => d.desk === desk);
}
