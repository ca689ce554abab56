import type { AuditAction } from '../../../shared/api/audit';
import type { AuditFilter } from '../../../shared/contract/audit';

/** What the Activity screen's filters hold. */
export interface ActivityFilterValues {
  actions: AuditAction[];
  text: string;
  /** `yyyy-mm-dd` from the date inputs, or ''. */
  fromDate: string;
  toDate: string;
}

export const NO_ACTIVITY_FILTERS: ActivityFilterValues = { actions: [], text: '', fromDate: '', toDate: '' };

/** The start of a day in the admin's own time zone, as an instant; anything else is unset. */
export function dayStart(date: string, plusDays = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const day = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays);
  return Number.isNaN(day.getTime()) ? undefined : day.toISOString();
}

/** The screen's filters as core's: dates become the admin's local day bounds, the "To" day included. */
export function toAuditFilter(values: ActivityFilterValues, text: string): AuditFilter {
  const from = dayStart(values.fromDate);
  const to = dayStart(values.toDate, 1);
  return {
    ...(values.actions.length ? { actions: values.actions } : {}),
    ...(text.trim() ? { text: text.trim() } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}
