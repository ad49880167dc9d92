// Activity reports in the caller's area (a PSM: their own), by month, with what the device
// still has to send.
import { useState } from 'preact/hooks';
import { listLaporan, thisMonth } from '../../api/workforce';
import { MonthField } from '../../components/MonthField';
import { EmptyState, ErrorState, Loading, PageTitle } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { Named } from '../../components/WilayahName';
import { useWilayahRowNames } from '../../wilayahRows';
import { formatDate, type MessageKey, t, tn } from '../../i18n';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { useOps } from '../lapangan/parts';

export default function KegiatanScreen({ me }: ScreenProps) {
  const [bulan, setBulan] = useState(thisMonth());
  const res = useAsync((signal) => listLaporan({ bulan, limit: 200 }, signal), [bulan]);
  const waiting = useOps().filter((o) => o.jenis === 'kegiatan.buat' && o.status !== 'terkirim');
  const field = me.role === 'psm' || me.role === 'tksk' || me.role === 'operator';
  const nameOf = useWilayahRowNames(res.state === 'ok' ? res.data.items.map((l) => l.kode_wilayah) : []);
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
      {res.state === 'loading' ? (
        <Loading />
      ) : res.state === 'error' ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : res.data.items.length === 0 ? (
        <EmptyState title={t('wf.kegiatan.empty')} />
      ) : (
        <ul class="list list-rows">
          {res.data.items.map((l) => (
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
    </section>
  );
}
