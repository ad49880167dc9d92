// Activity reports in the caller's area (a PSM: their own), by month, with what the device
// still has to send.
import { useState } from 'preact/hooks';
import { listLaporan, thisMonth } from '../../api/workforce';
import { MonthField } from '../../components/MonthField';
import { PagedList, usePaged } from '../../components/paged';
import { EmptyState, PageTitle } from '../../components/ui';
import { Named } from '../../components/WilayahName';
import { useWilayahRowNames } from '../../wilayahRows';
import { formatDate, type MessageKey, t, tn } from '../../i18n';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { useOps } from '../lapangan/parts';

export default function KegiatanScreen({ me }: ScreenProps) {
  const [bulan, setBulan] = useState(thisMonth());
  // 200 a page and "load more": the office sees a month of a whole kota's reports (thousands).
  const paged = usePaged((after, signal) => listLaporan({ bulan, after, limit: 200 }, signal), [bulan]);
  const waiting = useOps().filter((o) => o.jenis === 'kegiatan.buat' && o.status !== 'terkirim');
  const field = me.role === 'psm' || me.role === 'tksk' || me.role === 'operator';
  const nameOf = useWilayahRowNames(paged.items.map((l) => l.kode_wilayah));
  return (
    <section>
      <PageTitle title={t('wf.kegiatan.title')}>{t('wf.kegiatan.title')}</PageTitle>
      {field && (
        <p>
          <Link href="/kegiatan/baru" class="btn">
            {t('wf.kegiatan.new')}
          </Link>
        </p>
      )}
      <MonthField label={t('wf.bulan')} value={bulan} onValue={setBulan} />
      {waiting.length > 0 && (
        <p class="notice notice-info">
          {tn('wf.kegiatan.waiting', waiting.length)} <Link href="/sinkron">{t('sync.title')}</Link>
        </p>
      )}
      <PagedList paged={paged} empty={<EmptyState title={t('wf.kegiatan.empty')} />}>
        {(items) => (
          <ul class="list list-rows">
            {items.map((l) => (
              <li key={l.id}>
                <span class="list-title">
                  {formatDate(l.tanggal)} · {t(`wf.keg.${l.jenis}` as MessageKey)}
                </span>
                <span class="list-meta">
                  {l.pilar_nama} · <Named kode={l.kode_wilayah} nama={nameOf(l.kode_wilayah)} /> · {l.uraian}
                  {l.sasaran.length > 0 && ` · ${tn('wf.kegiatan.sasaranN', l.sasaran.length)}`}
                  {l.foto.length > 0 && ` · ${tn('wf.kegiatan.fotoN', l.foto.length)}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </PagedList>
    </section>
  );
}
