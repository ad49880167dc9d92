// PSM coverage: active RWs with an active PSM in scope, per area, and the RWs that have none.
import type { PsmPanel as Data } from '../../api/dasbor';
import { formatNumber, t, tn } from '../../i18n';
import { rwLabel } from '../../labels';
import type { Settled } from '../../components/prepare';
import type { DasborPanelProps } from '../dasbor';
import { AreaLink, PanelData, ProgressTable, pct } from './parts';


export default function PsmPanel({ kode, data: ready }: DasborPanelProps & { data?: Settled<any> }) {
  return (
    <PanelData<Data> id="psm" kode={kode} initial={ready}>
      {(d) =>
        d.rw === 0 ? (
          <p>{t('dasbor.psm.noRw')}</p>
        ) : (
          <>
            <p>{tn('dasbor.psm.summary', d.rw_psm, { total: formatNumber(d.rw), pct: pct(d.rw_psm, d.rw) })}</p>
            <ProgressTable
              caption={t('dasbor.psm.perWilayah')}
              head={[t('dasbor.col.wilayah'), t('dasbor.psm.covered')]}
              rows={d.per_wilayah.map((w) => ({ key: w.kode, label: <AreaLink kode={w.kode} nama={w.nama} />, done: w.rw_psm, total: w.rw }))}
            />
            {d.rw_tanpa_psm.length > 0 && (
              <details class="rw-missing">
                <summary>{t('dasbor.psm.without', { n: formatNumber(d.rw - d.rw_psm) })}</summary>
                <ul class="rw-list">
                  {d.rw_tanpa_psm.map((k) => (
                    <li key={k}>{rwLabel(k)}</li>
                  ))}
                </ul>
                {!d.rw_tanpa_psm_lengkap && <p>{t('dasbor.psm.more')}</p>}
              </details>
            )}
          </>
        )
      }
    </PanelData>
  );
}
