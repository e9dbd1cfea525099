/**
 * The figures behind the Dashboard, Staffing and Cost pages come from admin/numbers/ (written alongside,
 * pure modules over the database). The composition root passes them in as this port, so the pages do not
 * depend on those modules' internals and render whatever figures they return:
 *
 *   numbers: { dashboardFigures, forecastHumanArrivals, staffingPlan, costFigures }   // from admin/numbers/
 *
 * Figures are rendered generically: every number becomes a tile, every list of points a chart, so a new
 * metric appears on the page without a change here.
 */
import type { Db } from '../../core/storage/database.ts';
import type { Forecast, StaffingInput, StaffingRow } from '../numbers/forecast.ts';

export interface FigureRange {
  from: Date;
  to: Date;
  channel?: string;
}

export type { Forecast, StaffingInput, StaffingRow } from '../numbers/forecast.ts';

export interface ReportNumbers {
  dashboardFigures(db: Db, range: FigureRange): Promise<object>;
  forecastHumanArrivals(db: Db, options: { end: Date; weeks?: number; timeZone?: string }): Promise<Forecast>;
  staffingPlan(input: StaffingInput): StaffingRow[];
  costFigures(db: Db, range: FigureRange): Promise<object>;
}
