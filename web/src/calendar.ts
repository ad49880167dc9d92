// The user's calendar: months ("YYYY-MM", the workforce filters) and days ("YYYY-MM-DD", date
// filters) as the device's clock has them — WIB, WITA or WIT — where the server counts in UTC.

/** This month as YYYY-MM on the device's own calendar (WIB, WITA or WIT as the phone is set): what
 *  the field worker calls "this month". Not UTC's: from 00:00 to 07:00 WIB on the 1st, UTC is still
 *  in the month before. */
export function thisMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

export type MonthProblem = 'required' | 'format' | 'future';

/** Why `text` cannot be shown by a month filter, or null: it must be YYYY-MM (month 01–12), and no
 *  later than `max` (default this month: no recap exists for a month that has not come). */
export function monthProblem(text: string, max = thisMonth()): MonthProblem | null {
  const s = text.trim();
  if (!s) return 'required';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(s)) return 'format';
  return s > max ? 'future' : null;
}

/** The start of a calendar day on the device's clock (plus `days`), as the UTC time the server
 *  compares with: "2026-11-30" in WIB is "2026-11-29T17:00:00.000Z". A date filter sent as the bare
 *  date is read by the server as a UTC day, seven hours off in WIB; null when `day` is no date. */
export function dayStartUtc(day: string, days = 0): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day.trim());
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
