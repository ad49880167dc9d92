// The monthly recap filled from what each pilar sosial did in Pilar (reports here, proposals and
// ground checks from verivali, trainings attended from events), with incentive eligibility and the
// export for finance; a TKSK also gets their monthly kecamatan report on top.
import { useState } from 'preact/hooks';
import { saveBlob } from '../../api/client';
import { exportRekap, getLaporanKecamatan, getRekap, thisMonth } from '../../api/workforce';
import { MonthField } from '../../components/MonthField';
import { EmptyState, ErrorState, Loading, Notice, PageTitle, describeError } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { WilayahName } from '../../components/WilayahName';
import { formatMonth, formatNumber, t, tn } from '../../i18n';
import { alasanTidakLayak } from './alasan';
import type { ScreenProps } from '../../routes';
// Its table's style (.compare) lives with the registry screens' CSS; opened first, it needs it too.
import '../../styles/registry.css';

const SHOWN = ['laporan', 'usulan_diajukan', 'usulan_disetujui', 'periksa_selesai', 'pelatihan'];

function KecamatanReport({ bulan }: { bulan: string }) {
  const res = useAsync((signal) => getLaporanKecamatan({ bulan }, signal), [bulan]);
  if (res.state === 'loading') return <Loading />;
  if (res.state === 'error') return <ErrorState error={res.error} onRetry={res.reload} />;
  const k = res.data;
  return (
    <section aria-labelledby="kec-h">
      <h2 id="kec-h">{t('wf.kec.title', { nama: k.nama_kecamatan })}</h2>
      <ul class="stats">
        <li>
          <span class="stat-num">{formatNumber(k.tksk?.angka.laporan ?? 0)}</span> {tn('wf.kec.tksk', k.tksk?.angka.laporan ?? 0)}
        </li>
        <li>
          <span class="stat-num">{formatNumber(k.psm.total.laporan ?? 0)}</span> {tn('wf.kec.psmLaporan', k.psm.total.laporan ?? 0, { psm: formatNumber(k.psm.items.length) })}
        </li>
        <li>
          <span class="stat-num">{formatNumber(k.psm.total.pelatihan ?? 0)}</span> {t('wf.ind.pelatihan')}
        </li>
        <li>
          <span class="stat-num">{formatNumber(k.psm.layak)}</span> {t('wf.rekap.layak')}
        </li>
        <li>
          <span class="stat-num">{formatNumber(k.cakupan.rw_kosong)}</span> {t('wf.cakupan.kosong')}
        </li>
      </ul>
    </section>
  );
}

export default function RekapScreen({ me }: ScreenProps) {
  const [bulan, setBulan] = useState(thisMonth());
  const [problem, setProblem] = useState<string | null>(null);
  const res = useAsync((signal) => getRekap({ bulan }, signal), [bulan]);
  const canExport = me.role !== 'psm';
  // The area: the server's answer, or until then the caller's only one (the default it uses).
  const area = res.state === 'ok' ? res.data.kode_wilayah : me.wilayah.length === 1 ? me.wilayah[0] : undefined;
  async function save(format: 'csv' | 'xlsx') {
    try {
      const f = await exportRekap({ bulan, format });
      saveBlob(f.blob, f.name);
    } catch (e) {
      setProblem(describeError(e).message);
    }
  }
  return (
    <section>
      <PageTitle title={t('wf.rekap.title')}>{t('wf.rekap.title')}</PageTitle>
      {area && (
        <p class="subtitle">
          <WilayahName kode={area} />
        </p>
      )}
      <MonthField label={t('wf.bulan')} value={bulan} onValue={setBulan} />
      {problem && <Notice tone="error">{problem}</Notice>}
      {me.role === 'tksk' && <KecamatanReport bulan={bulan} />}
      {res.state === 'loading' ? (
        <Loading />
      ) : res.state === 'error' ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : res.data.items.length === 0 ? (
        <EmptyState title={t('wf.rekap.empty')} />
      ) : (
        <>
          <ul class="stats">
            <li>
              <span class="stat-num">{formatNumber(res.data.items.length)}</span> {t('wf.rekap.orang')}
            </li>
            <li>
              <span class="stat-num">{formatNumber(res.data.layak)}</span> {t('wf.rekap.layak')}
            </li>
            <li>
              <span class="stat-num">Rp{formatNumber(res.data.total_insentif)}</span> {t('wf.rekap.total')}
            </li>
          </ul>
          {canExport && (
            <p>
              <button type="button" class="btn btn-secondary" onClick={() => void save('xlsx')}>
                {t('wf.export.xlsx')}
              </button>{' '}
              <button type="button" class="btn btn-secondary" onClick={() => void save('csv')}>
                {t('wf.export.csv')}
              </button>
            </p>
          )}
          <div class="table-scroll" tabIndex={0} role="region" aria-label={t('wf.rekap.caption', { bulan: formatMonth(bulan) })}>
            <table class="compare">
              <caption>{t('wf.rekap.caption', { bulan: formatMonth(bulan) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('wf.nama')}</th>
                  {SHOWN.map((i) => (
                    <th key={i} scope="col">
                      {t(`wf.ind.${i}` as 'wf.ind.laporan')}
                    </th>
                  ))}
                  <th scope="col">{t('wf.rekap.insentif')}</th>
                </tr>
              </thead>
              <tbody>
                {res.data.items.slice(0, 300).map((b) => (
                  <tr key={b.pilar_id}>
                    <th scope="row">{b.nama}</th>
                    {SHOWN.map((i) => (
                      <td key={i}>{b.angka[i] ?? 0}</td>
                    ))}
                    <td>{b.layak_insentif ? `Rp${formatNumber(b.insentif)}` : alasanTidakLayak(b)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
