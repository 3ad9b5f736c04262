// The village agents' errands counted on one row of `errands`, by village: registered (委托,
// authorised that day), handed over to the counter and delivered back to the resident — each in
// the period of the day it happened, as the counter's statistics count them per village
// (electron/backend/counter/errands/monthlyCounts.ts, `errandsByVillage`; docs/counter.md, 县级汇总).
// The group is the village's id; an errand of an agent with no village has none (the statistics'
// 未设定村（社区）). The proof that both say the same: test/figures/counterFigures.test.ts.
import { z } from 'zod';
import { isCalendarDate } from '../calendar/dates';
import { countsFrom, type FigureDefinition } from '../figures/figureEvents';

export const ERRAND_FIGURES = ['registered', 'handedOver', 'delivered'] as const;
export type ErrandFigure = (typeof ERRAND_FIGURES)[number];

const date = z.string().refine(isCalendarDate);

const errandRow = z.object({
  village_id: z.string().min(1).nullable(),
  authorised_on: date,
  handed_over_on: date.nullable(),
  delivered_on: date.nullable(),
});

export const errandFigures: FigureDefinition<ErrandFigure> = {
  desk: 'errands',
  table: 'errands',
  figures: ERRAND_FIGURES,
  ofRow(row) {
    const parsed = errandRow.safeParse(row);
    if (!parsed.success) return null;
    const { village_id, authorised_on, handed_over_on, delivered_on } = parsed.data;
    const group = village_id === null ? {} : { group: village_id };
    // Each count is placed by its own day: an errand registered in September and handed over in
    // October counts in both months.
    const on = (figure: ErrandFigure, day: string | null) =>
      day === null ? [] : countsFrom(figure, day, { ...group, placedOn: day });
    return {
      anchor: authorised_on,
      events: [
        ...on('registered', authorised_on),
        ...on('handedOver', handed_over_on),
        ...on('delivered', delivered_on),
      ],
    };
  },
};
