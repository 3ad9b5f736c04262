// The county's figures kept as batches arrive (hub/figures/figuresKeeper.ts) equal the figures
// counted from the final rows by the same definition (shared/figures/figureEvents.ts
// `countFigures`) — for every period and every day it is read on, after records were created,
// changed back and forth, deleted, and written twice in one batch; and again after the sums were
// thrown away and rebuilt from the entries the hub holds (the catch-up of a hub upgraded to
// figures). A toy definition exercises every kind of event the desks' definitions use.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { z } from 'zod';
import { mulberry32 } from '../../demo/random';
import { figuresKeeperOf } from '../../hub/figures/figuresKeeper';
import { sumsOn } from '../../hub/figures/figureSums';
import { addDays } from '../../shared/calendar/dates';
import { periodAsOf, periodSpan } from '../../shared/documents/reportPeriods';
import {
  countFigures,
  countsBetween,
  countsFrom,
  STANDING_PERIOD,
  type FigureDefinition,
} from '../../shared/figures/figureEvents';
import type { ChangeEntry, RowImage } from '../../shared/sync/protocol';
import type { Hub } from '../../hub/hub';
import { eachDatabase } from '../support/testHub';

const FIGURES = ['opened', 'open', 'closed', 'amount', 'late', 'byVillage', 'missed'] as const;
type Figure = (typeof FIGURES)[number];

const toyRow = z.object({
  id: z.string(),
  opened_on: z.string(),
  closed_on: z.string().nullable(),
  due_on: z.string(),
  amount: z.number(),
  village: z.string(),
});

const toys: FigureDefinition<Figure> = {
  desk: 'counter',
  table: 'toys',
  figures: FIGURES,
  ofRow(raw) {
    const parsed = toyRow.safeParse(raw);
    if (!parsed.success) return null;
    const row = parsed.data;
    return {
      anchor: row.opened_on,
      events: [
        ...countsFrom<Figure>('opened', row.opened_on),
        ...countsBetween<Figure>('open', row.opened_on, row.closed_on),
        // Counted in the period it was closed in, whenever it was opened.
        ...countsFrom<Figure>('closed', row.closed_on, { placedOn: row.closed_on ?? undefined }),
        { figure: 'amount', day: row.opened_on, delta: row.amount },
        ...countsFrom<Figure>('byVillage', row.opened_on, { group: row.village }),
        // Known missed when its day ends: counted on its day in a period that ended then, not on a running today.
        ...(row.closed_on === null || row.closed_on > row.due_on
          ? countsFrom<Figure>('missed', row.due_on, { placedOn: row.due_on, atDayEnd: true })
          : []),
      ],
      standing: countsBetween<Figure>('late', addDays(row.due_on, 1), row.closed_on),
    };
  },
};

type Toy = z.infer<typeof toyRow>;
const YEAR_START = '2026-01-01';

function randomToy(random: () => number, id: string): Toy {
  const opened = addDays(YEAR_START, Math.floor(random() * 360));
  const closed = random() < 0.7 ? addDays(opened, Math.floor(random() * 60)) : null;
  return {
    id,
    opened_on: opened,
    closed_on: closed,
    due_on: addDays(opened, Math.floor(random() * 30)),
    amount: Math.floor(random() * 10_000),
    village: `v-${Math.floor(random() * 3)}`,
  };
}

/** The sums the hub keeps for `period` on `asOf` (the county's day `today`), by figure. */
async function kept(
  hub: Hub,
  period: string,
  asOf: string,
  today: string,
  group?: string,
): Promise<Record<string, number>> {
  const rows = await sumsOn(hub.db, period, asOf, today, group === undefined ? {} : { group });
  return Object.fromEntries(rows.map((r) => [r.figure, Number(r.value)]));
}

eachDatabase((fixture) => {
  test('the kept figures equal the figures counted from the final rows, on every day of every period; also after a catch-up', async () => {
    const t = await fixture.hub({ rowKeepers: [figuresKeeperOf([toys], '测试汇总')] });
    const node = await t.registered('青石镇');
    const random = mulberry32(21);
    const rows = new Map<string, Toy>();
    let made = 0;
    const image = (row: Toy): RowImage => ({ table: 'toys', row: { ...row } });

    for (let b = 0; b < 8; b++) {
      const entries: ChangeEntry[] = [];
      for (let i = 0; i < 40; i++) {
        const roll = random();
        const ids = [...rows.keys()];
        let images: RowImage[];
        if (roll < 0.5 || ids.length === 0) {
          const row = randomToy(random, `t-${++made}`);
          rows.set(row.id, row);
          images = [image(row)];
        } else if (roll < 0.85) {
          // Changed: closed, reopened, amount corrected — sometimes twice in one entry.
          const id = ids[Math.floor(random() * ids.length)]!;
          const row = rows.get(id)!;
          const changed = {
            ...row,
            closed_on: row.closed_on ? null : addDays(row.opened_on, 5),
            amount: row.amount + 7,
          };
          rows.set(id, changed);
          images = [image({ ...changed, amount: 1 }), image(changed)];
        } else {
          const id = ids[Math.floor(random() * ids.length)]!;
          rows.delete(id);
          images = [{ table: 'toys', row: { id }, deleted: true }];
        }
        entries.push(...node.entries(1, () => ({ entity: 'toy', entityId: 'x', op: 'write', data: {}, rows: images })));
      }
      await t.hub.applyBatch(node.batch(entries), 'link');
    }

    const final = [...rows.values()];
    const check = async (when: string) => {
      for (const period of ['2026-01', '2026-02', '2026-07', '2026-12', '2026-Q1', '2026-Q3', '2026']) {
        const end = periodAsOf(period, '2027-06-30');
        // Ended (read from its totals), and running on its tenth day (read by day, today = asOf).
        for (const [asOf, today] of [
          [end, '2027-06-30'],
          [addDays(periodSpan(period).from, 9), addDays(periodSpan(period).from, 9)],
        ] as const) {
          const expected = countFigures(toys, final, period, today, { asOf });
          const got = await kept(t.hub, period, asOf, today);
          for (const figure of ['opened', 'open', 'closed', 'amount', 'byVillage', 'missed'] as const) {
            assert.equal(got[figure] ?? 0, expected[figure], `${when}: ${period} 截至 ${asOf} 的 ${figure}`);
          }
        }
        const v1 = countFigures(toys, final, period, '2027-06-30', { group: 'v-1' });
        assert.equal(
          (await kept(t.hub, period, end, '2027-06-30', 'v-1')).byVillage ?? 0,
          v1.byVillage,
          `${when}: ${period} v-1`,
        );
      }
      for (const day of ['2026-03-15', '2026-09-30', '2027-01-10']) {
        const expected = countFigures(toys, final, '2026-01', '2027-06-30', { asOf: day }).late;
        const standing = await kept(t.hub, STANDING_PERIOD, day, '2027-06-30');
        assert.equal(standing.late ?? 0, expected, `${when}: 超期 on ${day}`);
      }
    };
    await check('kept as applied');
    assert.ok(final.length > 100, `${final.length} rows`);

    // Thrown away: the figures are read again from the entries at the next start.
    for (const table of ['hub_figure_days', 'hub_figure_months', 'hub_figure_spans', 'hub_figure_records'] as const) {
      await sql`delete from ${sql.table(table)}`.execute(t.hub.db);
    }
    await t.hub.db.deleteFrom('hub_keeper_positions').execute();
    await t.reopen();
    await check('after the catch-up');
    assert.ok(
      t.logs.some((line) => line.includes('测试汇总')),
      t.logs.join('\n'),
    );
  });
});
