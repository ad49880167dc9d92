// Why a pilar sosial does not qualify for this month's incentive, in the reader's language. The
// server sends the reasons as data (alasan_rinci: a status other than aktif, too few activity
// reports) beside its Indonesian sentences for the CSV recap; a server older than alasan_rinci
// sends only the sentences, which are shown as they are.
import type { RekapBaris } from '../../api/workforce';
import { formatNumber, t, tn, type MessageKey } from '../../i18n';

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
