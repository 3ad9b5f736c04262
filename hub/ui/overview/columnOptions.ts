import type { FigureColumn } from '../../../shared/sync/countyFiguresApi';
import { columnsByDesk, FIGURE_DESK_LABELS } from '../../../shared/sync/countyReports';

/** 一站式服务·受理: a column's name across desks (several desks count a 受理). */
export function columnName(column: FigureColumn): string {
  return `${FIGURE_DESK_LABELS[column.desk] ?? column.desk}·${column.label}`;
}

/** The columns as a select's options, grouped by desk. */
export function columnOptions(columns: readonly FigureColumn[]) {
  return columnsByDesk(columns).map((group) => ({
    label: FIGURE_DESK_LABELS[group.desk] ?? group.desk,
    title: FIGURE_DESK_LABELS[group.desk] ?? group.desk,
    options: group.columns.map((column) => ({ value: column.id, label: columnName(column) })),
  }));
}
