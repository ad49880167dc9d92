// Pieces the event screens share: labels of statuses and roles, date ranges, and a small form hook.
import { useState } from 'preact/hooks';
import type { Acara, PeranPeserta, StatusAcara } from '../../api/acara';
import { Notice, describeError } from '../../components/ui';
import { formatDate, lang, t, type MessageKey } from '../../i18n';

export const statusLabel = (s: StatusAcara) => t(`acara.status.${s}` as MessageKey);
export const peranLabel = (p: PeranPeserta) => t(`acara.peran.${p}` as MessageKey);
export const tanggal = (a: Pick<Acara, 'tanggal_mulai' | 'tanggal_selesai'>) =>
  a.tanggal_mulai === a.tanggal_selesai ? formatDate(a.tanggal_mulai) : `${formatDate(a.tanggal_mulai)} – ${formatDate(a.tanggal_selesai)}`;
/** A session's time of day as written ("2026-12-01T08:00", the venue's clock): "08.00". */
export const pukul = (s: string) => {
  const m = /[T ](\d{2}):(\d{2})/.exec(s);
  return m ? `${m[1]}${lang() === 'en' ? ':' : '.'}${m[2]}` : s;
};
/** Its day and time: "1 Des 2026, 08.00". */
export const jam = (s: string) => `${formatDate(s.slice(0, 10))}, ${pukul(s)}`;
export const isOffice = (role: string) => role === 'operator' || role === 'admin';

/** Submit state of one form: busy flag, field errors and the message shown above it. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    setErrors({});
    try {
      setMessage({ tone: 'ok', text: await fn() });
    } catch (err) {
      const { message: m, field } = describeError(err);
      if (field) setErrors({ [field]: m });
      setMessage({ tone: 'error', text: m });
    } finally {
      setBusy(false);
    }
  };
  return { busy, errors, message, run };
}

export { Check } from '../../components/ui';

/** The message above a form after it was sent (moves focus to itself so screen readers hear it). */
export function FormMessage({ m }: { m: { tone: 'ok' | 'error'; text: string } | null }) {
  if (!m) return null;
  return (
    <Notice tone={m.tone} focus={m}>
      {m.text}
    </Notice>
  );
}
