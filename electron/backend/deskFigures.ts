// The figures of the month each desk reports in the daily report to the county (有事报事、
// 无事报平安): composed here, where the backend is put together, so sync depends on no desk.
import { loadWorkingCalendar } from './calendar/calendarStore';
import { monthlySummary } from './counter/monthlySummary';
import { monthlyStatistics } from './mediation/monthlyStatistics';
import { monthlyStatistics as petitionStatistics } from './petitions/statistics';
import type { DeskFigures } from './sync/dailyReport';

export const deskFigures: DeskFigures = async (db, month, today) => {
  const [counter, mediation, petitions] = await Promise.all([
    loadWorkingCalendar(db).then((calendar) => monthlySummary(db, calendar, month, today)),
    monthlyStatistics(db, month, today),
    petitionStatistics(db, month, today),
  ]);
  const totals = mediation.totals;
  return {
    counter: {
      received: counter.counts.accepted,
      completed: counter.counts.completed,
      overdue: counter.counts.openOverdue,
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
  };
};
