/**
 * The admin page's numbers (issue 21) in one import, for the composition root and the pages:
 *   dashboardFigures(db, { from, to, channel?, inboxId?, timeZone? })          dashboard.ts
 *   figuresPerPeriod(db, { from, to, step: 'day' | 'week', ... })              dashboard-series.ts
 *   forecastHumanArrivals(db, { end, weeks?, timeZone? }), staffingPlan(...)    forecast.ts
 *   costFigures(...), whatIfBotShare(...), costReport(db, { from, to, humanCost, botCost?, draftCost? })
 *   agentsNeeded(...), serviceLevel(...), erlangC(...)                          erlang-c.ts
 *   hourOfWeek(at, timeZone), hourOfWeekLabel(hour)                              hour-of-week.ts
 * Each file's header documents its signatures and definitions.
 */
export { figuresPerPeriod } from './dashboard-series.ts';
export { TARGET_MIX, dashboardFigures, summarizeConversations, type DashboardFigures, type Figures } from './dashboard.ts';
export { bestForecast, forecastHumanArrivals, seasonalAverage, staffingPlan, type ChosenForecast, type Forecast, type StaffingInput, type StaffingRow } from './forecast.ts';
export { costFigures, defaultBotCost, monthlyVolume, whatIfBotShare, type CostFigures, type CostInput } from './cost.ts';
export { costReport, type CostReport } from './cost-report.ts';
export { agentsNeeded, averageSpeedOfAnswer, erlangC, fewestServers, serviceLevel, trafficErlangs } from './erlang-c.ts';
export { HOURS_PER_WEEK, hourOfWeek, hourOfWeekLabel } from './hour-of-week.ts';
export type { ConversationFacts, PeriodFilter, Tier } from './conversation-facts.ts';
