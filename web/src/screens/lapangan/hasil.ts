// A ground-check answer as the form holds it (strings, as typed) and its check before it is queued
// or sent: the errors to show, or the values to send. The form itself is HasilFields.tsx.
import { t } from '../../i18n';

export interface HasilValue {
  hasil: string;
  catatan: string;
  lat: string;
  lon: string;
}

export const emptyHasil = (): HasilValue => ({ hasil: '', catatan: '', lat: '', lon: '' });

/** The answer checked: the errors to show, or what to send. */
export function checkHasil(v: HasilValue):
  | { ok: true; hasil: number; lat: number; lon: number; jawaban: { catatan?: string } }
  | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!v.hasil) errors.hasil = t('field.ph.errHasil');
  // A decimal comma, as Indonesian writes numbers ("-6,1781"), is a decimal point.
  const lat = Number(v.lat.trim().replace(',', '.'));
  const lon = Number(v.lon.trim().replace(',', '.'));
  // Empty: say how to fill it (the GPS button), not that it is out of range.
  if (!v.lat.trim()) errors.lat = t('field.ph.errLatEmpty');
  else if (!Number.isFinite(lat) || lat < -11 || lat > 6) errors.lat = t('field.ph.errLat');
  if (!v.lon.trim()) errors.lon = t('field.ph.errLonEmpty');
  else if (!Number.isFinite(lon) || lon < 95 || lon > 141) errors.lon = t('field.ph.errLon');
  if (Object.keys(errors).length) return { ok: false, errors };
  const catatan = v.catatan.trim();
  return { ok: true, hasil: Number(v.hasil), lat, lon, jawaban: catatan ? { catatan } : {} };
}
