// Ground-check progress: done of total per list (newest first) and per area.
import type { PeriksaPanel as Data } from '../../api/dasbor';
import { formatNumber, t, tn } from '../../i18n';
import { Link } from '../../router/Link';
import type { Settled } from '../../components/prepare';
import type { DasborPanelProps } from '../dasbor';
import { AreaLink, PanelData, ProgressTable, pct } from './parts';

export default function PeriksaPanel({ kode, data: ready }: DasborPanelProps & { data?: Settled<any> }) {
  return (
    <PanelData<Data> id="periksa" kode={kode} initial={ready}>
      {(d) =>
        d.total === 0 ? (
          <p>{t('dasbor.periksa.none')}</p>
        ) : (
          <>
            <p>{tn('dasbor.periksa.summary', d.total, { done: formatNumber(d.selesai), pct: pct(d.selesai, d.total) })}</p>
            <ProgressTable
              caption={t('dasbor.periksa.perDaftar')}
              head={[t('dasbor.col.daftar'), t('dasbor.col.selesai')]}
              percent
              rows={d.per_daftar.map((l) => ({
                key: l.daftar_id,
                label: <Link href={`/periksa/daftar/${l.daftar_id}`}>{l.nama}</Link>,
                done: l.selesai,
                total: l.total,
              }))}
            />
            {d.per_wilayah.length > 1 && (
              <ProgressTable
                caption={t('dasbor.periksa.perWilayah')}
                head={[t('dasbor.col.wilayah'), t('dasbor.col.selesai')]}
                rows={d.per_wilayah.map((w) => ({ key: w.kode, label: <AreaLink kode={w.kode} nama={w.nama} />, done: w.selesai, total: w.total }))}
              />
            )}
          </>
        )
      }
    </PanelData>
  );
}
