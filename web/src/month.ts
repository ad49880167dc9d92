// Months as the workforce filters and the API write them: "YYYY-MM".

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
