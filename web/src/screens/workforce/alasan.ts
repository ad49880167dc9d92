// Why a pilar sosial does not qualify for this month's incentive, in the reader's language. The
// server sends the reasons as data (alasan_rinci: a status other than aktif, too few activity
// reports) beside its Indonesian sentences for the CSV recap; a server older than alasan_rinci
// sends only the sentences, which are shown as they are.
import type { RekapBaris } from '../../api/workforce';
import { formatNumber, lang, t, tn, type MessageKey } from '../../i18n';

export function alasanTidakLayak(b: Pick<RekapBaris, 'alasan_tidak_layak' | 'alasan_rinci'>): string {
  if (!b.alasan_rinci) return b.alasan_tidak_layak.join('; ');
  return b.alasan_rinci
    .map((a) =>
      a.kode === 'status'
        ? t('wf.alasan.status', { status: t(`wf.status.${a.status}` as MessageKey) })
        : tn('wf.alasan.laporan', a.jumlah, { minimal: formatNumber(a.minimal) }),
    )
    .join('; ');
}

// The reasons the server itself writes into a record's history, as Indonesian words that are codes
// in effect: "dimuat" (a status set by a roster import), "diganti" and "berhenti" (why an
// assignment ended: a new one replaced it, the pilar sosial stopped). Every other reason is what
// the office typed (a status change's alasan is free text) and is shown as typed. The table lives
// here, with the workforce chunks, so the eagerly loaded catalogue does not grow.
const SERVER_REASONS: Record<string, { id: string; en: string }> = {
  dimuat: { id: 'dimuat dari data pilar sosial', en: 'loaded from the roster' },
  diganti: { id: 'diganti penugasan baru', en: 'replaced by a new assignment' },
  berhenti: { id: 'pilar sosial berhenti', en: 'the pilar sosial stopped' },
};

/** A status-history or assignment reason in the reader's language where the server wrote it. */
export function alasanRiwayat(alasan: string): string {
  const r = SERVER_REASONS[alasan];
  return r ? r[lang()] : alasan;
}
