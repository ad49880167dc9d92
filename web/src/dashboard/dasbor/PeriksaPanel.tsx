// Ground-check progress: done of total per list (newest first) and per area.
import type { PeriksaPanel as Data } from '../../api/dasbor';
import { formatNumber, t } from '../../i18n';
import { Link } from '../../router/Link';
import type { DasborPanelProps } from '../dasbor';
import { AreaLink, Bar, PanelData, pct } from './parts';

export default function PeriksaPanel({ kode }: DasborPanelProps) {
  return (
    <PanelData<Data> id="periksa" kode={kode}>
      {(d) =>
        d.total === 0 ? (
          <p>{t('dasbor.periksa.none')}</p>
        ) : (
          <>
            <p>{t('dasbor.periksa.summary', { done: formatNumber(d.selesai), total: formatNumber(d.total), pct: pct(d.selesai, d.total) })}</p>
            <table class="dasbor-table">
              <caption>{t('dasbor.periksa.perDaftar')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dasbor.col.daftar')}</th>
                  <th scope="col">{t('dasbor.col.selesai')}</th>
                </tr>
              </thead>
              <tbody>
                {d.per_daftar.map((l) => (
                  <tr key={l.daftar_id}>
                    <th scope="row">
                      <Link href={`/periksa/daftar/${l.daftar_id}`}>{l.nama}</Link>
                      <Bar value={l.selesai} max={l.total} tone="ok" />
                    </th>
                    <td class="num">
                      {formatNumber(l.selesai)}/{formatNumber(l.total)} ({pct(l.selesai, l.total)}%)
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {d.per_wilayah.length > 1 && (
              <table class="dasbor-table">
                <caption>{t('dasbor.periksa.perWilayah')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dasbor.col.wilayah')}</th>
                    <th scope="col">{t('dasbor.col.selesai')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.per_wilayah.map((w) => (
                    <tr key={w.kode}>
                      <th scope="row">
                        <AreaLink kode={w.kode} nama={w.nama} />
                        <Bar value={w.selesai} max={w.total} tone="ok" />
                      </th>
                      <td class="num">
                        {formatNumber(w.selesai)}/{formatNumber(w.total)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )
      }
    </PanelData>
  );
}
