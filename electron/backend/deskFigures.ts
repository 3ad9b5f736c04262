// The figures of the month each desk reports in the daily report to the county (有事报事、
// 无事报平安): composed here, where the backend is put together, so sync depends on no desk.
// They are the statistics' own figures for the running month, so the county reads what the
// township's 统计 shows: the counter's 超期 is today's (the worklist's red), the mediation success
// rate the upper levels' (settled ÷ accepted); residents' matters as 三事分流 counts them.
import { DEFAULT_SETTINGS } from './api/settings';
import { loadWorkingCalendar } from './calendar/calendarStore';
import { periodSummary } from './counter/periodSummary';
import { periodStatistics } from './mediation/periodStatistics';
import { periodStatistics as petitionStatistics } from './petitions/statistics';
import { periodMatterStatistics } from './matters/statistics';
import type { DeskFigures } from './sync/dailyReport';

export const deskFigures: DeskFigures = async (db, month, today) => {
  const [counter, mediation, petitions, matters] = await Promise.all([
    // The month runs to today, so no case voided on an earlier day is looked up: the time zone is moot.
    loadWorkingCalendar(db).then((calendar) => periodSummary(db, calendar, month, today, DEFAULT_SETTINGS.timeZone)),
    periodStatistics(db, month, today),
    petitionStatistics(db, month, today),
    periodMatterStatistics(db, month, today),
  ]);
  const m = matters.totals;
  const totals = mediation.totals;
  return {
    counter: {
      received: counter.counts.accepted,
      completed: counter.counts.completed,
      overdue: counter.overdue,
    },
    mediation: {
      accepted: totals.accepted,
      successful: totals.settled,
      concluded: totals.settled + totals.terminated,
      successRate: totals.successRate,
    },
    petitions: {
      received: petitions.totals.received,
      visitPeople: petitions.totals.visitPeople,
      groupVisits: petitions.totals.groupVisitBatches,
      replied: petitions.totals.replied,
      overdue: petitions.totals.overdue,
    },
    matters: {
      collected: m.collected,
      onTheSpot: m.onTheSpot,
      deadline: m.deadline,
      escalated: m.escalated,
      advised: m.advised,
      pending: m.pending,
      completed: m.completed,
      inHand: m.inHand,
      replied: m.replied,
      overdue: m.overdue,
    },
  };
};
