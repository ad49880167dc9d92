// Households, persons and open PPKS classifications: per PPKS category and per kecamatan or
// kelurahan of the area shown.
import type { WilayahPanel as Data } from '../../api/dasbor';
import { getKosakata, kosakataNow } from '../../api/registry';
import type { Settled } from '../../components/prepare';
import { useAsync } from '../../components/useAsync';
import { formatNumber, t, tn } from '../../i18n';
import type { DasborPanelProps } from '../dasbor';
import { AreaLink, BarTable, PanelData } from './parts';

export default function WilayahPanel({ kode, data: ready }: DasborPanelProps & { data?: Settled<any> }) {
  const known = kosakataNow();
  const vocab = useAsync(() => getKosakata(), [], known ? { ok: true, value: known } : undefined);
  const ppksName = (n: number) =>
    (vocab.state === 'ok' && vocab.data.ppks.find((p) => p.kode === n)?.nama) || t('dasbor.wilayah.ppksCode', { n });
  return (
    <PanelData<Data> id="wilayah" kode={kode} initial={ready}>
      {(d) => (
        <>
          <ul class="stats">
            <li>
              <span class="stat-num">{formatNumber(d.total.keluarga)}</span> {tn('dasbor.wilayah.keluargaN', d.total.keluarga)}
            </li>
            <li>
              <span class="stat-num">{formatNumber(d.total.jiwa)}</span> {tn('dasbor.wilayah.jiwaN', d.total.jiwa)}
            </li>
            <li>
              <span class="stat-num">{formatNumber(d.total.ppks)}</span> {t('dasbor.wilayah.ppks')}
            </li>
          </ul>
          {d.per_wilayah.length > 0 && (
            <BarTable
              caption={t('dasbor.wilayah.perWilayah')}
              head={[t('dasbor.col.wilayah'), t('dasbor.wilayah.ppks'), t('dasbor.col.keluarga'), t('dasbor.col.jiwa')]}
              rows={d.per_wilayah.map((w) => ({
                key: w.kode,
                label: <AreaLink kode={w.kode} nama={w.nama} />,
                value: w.ppks,
                extra: [formatNumber(w.keluarga), formatNumber(w.jiwa)],
              }))}
            />
          )}
          {d.per_ppks.length > 0 ? (
            <BarTable
              caption={t('dasbor.wilayah.perPpks')}
              head={[t('dasbor.col.ppks'), t('dasbor.col.jumlah')]}
              tone="warn"
              rows={[...d.per_ppks]
                .sort((a, b) => b.n - a.n)
                .map((p) => ({ key: String(p.ppks), label: `${p.ppks}. ${ppksName(p.ppks)}`, value: p.n }))}
            />
          ) : (
            <p>{t('dasbor.wilayah.noPpks')}</p>
          )}
        </>
      )}
    </PanelData>
  );
}
