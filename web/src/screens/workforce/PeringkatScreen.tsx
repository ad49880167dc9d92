// "PSM terbaik": scores per PSM from configurable weights, ranked in the kota and the kecamatan,
// each with the breakdown that explains it; export for the award committee.
import { useState } from 'preact/hooks';
import { saveBlob } from '../../api/client';
import { exportPeringkat, getPeringkat, thisMonth } from '../../api/workforce';
import { MonthField } from '../../components/MonthField';
import { Check, EmptyState, ErrorState, Loading, Notice, PageTitle, describeError } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { formatNumber, t } from '../../i18n';
import type { ScreenProps } from '../../routes';

export default function PeringkatScreen({ me }: ScreenProps) {
  const [bulan, setBulan] = useState(thisMonth());
  const [setahun, setSetahun] = useState(false);
  const periode = setahun ? bulan.slice(0, 4) : bulan;
  const [problem, setProblem] = useState<string | null>(null);
  const res = useAsync((signal) => getPeringkat({ periode, limit: 100 }, signal), [periode]);
  async function save() {
    try {
      const f = await exportPeringkat({ periode, format: 'xlsx' });
      saveBlob(f.blob, f.name);
    } catch (e) {
      setProblem(describeError(e).message);
    }
  }
  return (
    <section>
      <PageTitle title={t('wf.peringkat.title')}>{t('wf.peringkat.title')}</PageTitle>
      <MonthField label={t('wf.periode')} value={bulan} onValue={setBulan} />
      <Check label={t('wf.periodeTahun', { tahun: bulan.slice(0, 4) })} checked={setahun} onChange={setSetahun} />
      {problem && <Notice tone="error">{problem}</Notice>}
      {me.role !== 'psm' && (
        <p>
          <button type="button" class="btn btn-secondary" onClick={() => void save()}>
            {t('wf.export.xlsx')}
          </button>
        </p>
      )}
      {res.state === 'loading' ? (
        <Loading />
      ) : res.state === 'error' ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : res.data.items.length === 0 ? (
        <EmptyState title={t('wf.peringkat.empty')} />
      ) : (
        <ol class="list ranking">
          {res.data.items.map((p) => (
            <li key={p.pilar_id}>
              <details>
                <summary>
                  #{p.peringkat_kota} {p.nama} · {t('wf.peringkat.skor', { skor: formatNumber(p.skor, 1) })} ·{' '}
                  {t('wf.peringkat.kec', { n: p.peringkat_kecamatan })}
                </summary>
                <ul>
                  {p.rincian.map((r) => (
                    <li key={r.indikator}>
                      {t(`wf.ind.${r.indikator}` as 'wf.ind.laporan')}: {formatNumber(r.nilai)} × {formatNumber(r.bobot)} = {formatNumber(r.skor, 1)}
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
