import type { Settled } from '../components/prepare';
import { ErrorState, Loading } from '../components/ui';
import { useAsync } from '../components/useAsync';
import { formatDate, formatDateTime, t, tn } from '../i18n';
import { Link } from '../router/Link';
import { alasanTidakLayak } from '../screens/workforce/alasan';
import { psmBulan, type PsmBulan } from './panelData';
import type { PanelProps } from './panels';

function Links({ id }: { id?: number }) {
  return (
    <p>
      <Link href="/kegiatan/baru">{t('wf.kegiatan.new')}</Link> · <Link href="/periksa">{t('nav.fieldPeriksa')}</Link> ·{' '}
      <Link href="/kegiatan">{t('wf.kegiatan.title')}</Link>
      {/* Their own record (SK, assignment, checklist): no menu entry leads a PSM there. */}
      {id !== undefined && (
        <>
          {' · '}
          <Link href={`/pilar-sosial/${id}`}>{t('wf.home.record')}</Link>
        </>
      )}
    </p>
  );
}

/** The PSM's own: their RW, what to do, and their month so far (reports, proposals, checks, trainings
 *  attended, incentive); without signal, the month last fetched, with its RWs named all the same. */
export default function PsmBulanPanel({ me, data: ready }: PanelProps & { data?: Settled<PsmBulan> }) {
  const res = useAsync((signal) => psmBulan({ me }, signal), [me.username], ready);
  if (res.state === 'loading') return <Loading />;
  if (res.state === 'error') return <ErrorState error={res.error} onRetry={res.reload} what={t('wf.home.none')} />;
  const { p, row, rw, offline_at } = res.data;
  if (!p)
    return (
      <div class="panel-empty">
        <p>
          <strong>{t('wf.home.noRecord')}</strong>
        </p>
        <p>{t('wf.home.noRecordHint')}</p>
        <Links />
      </div>
    );
  return (
    <>
      {offline_at && <p class="muted">{t('wf.home.offline', { when: formatDateTime(offline_at) })}</p>}
      <p>
        {t('wf.home.rw')}: {rw.join(', ') || '–'}
        {p.sk_selesai && ` · ${t('wf.skUntil', { tanggal: formatDate(p.sk_selesai) })}`}
      </p>
      <ul class="stats">
        <li>
          <span class="stat-num">{row?.angka.laporan ?? 0}</span> {tn('wf.home.laporanN', row?.angka.laporan ?? 0)}
        </li>
        <li>
          <span class="stat-num">{row?.angka.usulan_diajukan ?? 0}</span> {tn('wf.home.usulanN', row?.angka.usulan_diajukan ?? 0)}
        </li>
        <li>
          <span class="stat-num">{row?.angka.periksa_selesai ?? 0}</span> {tn('wf.home.periksaN', row?.angka.periksa_selesai ?? 0)}
        </li>
        <li>
          <span class="stat-num">{row?.angka.pelatihan ?? 0}</span> {tn('wf.home.pelatihanN', row?.angka.pelatihan ?? 0)}
        </li>
      </ul>
      <p>{row?.layak_insentif ? t('wf.home.layak') : t('wf.home.belum', { alasan: row ? alasanTidakLayak(row) : '' })}</p>
      <Links id={p.id} />
    </>
  );
}
