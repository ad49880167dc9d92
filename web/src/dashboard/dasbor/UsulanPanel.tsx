// The proposal pipeline: how many proposals stand in each workflow state, in order, and per area.
import { STATUSES } from '../../api/usulan';
import type { UsulanPanel as Data } from '../../api/dasbor';
import { formatNumber, t, type MessageKey } from '../../i18n';
import type { Settled } from '../../components/prepare';
import type { DasborPanelProps } from '../dasbor';
import { AreaLink, BarTable, PanelData } from './parts';

const OPEN = ['draft', 'diajukan', 'dikembalikan', 'ditinjau', 'diverifikasi', 'dimusyawarahkan', 'disetujui', 'diekspor'];

export default function UsulanPanel({ kode, data: ready }: DasborPanelProps & { data?: Settled<any> }) {
  return (
    <PanelData<Data> id="usulan" kode={kode} initial={ready}>
      {(d) =>
        d.total === 0 ? (
          <p>{t('dasbor.usulan.none')}</p>
        ) : (
          <>
            <BarTable
              caption={t('dasbor.usulan.perStatus', { n: formatNumber(d.total) })}
              head={[t('dasbor.col.status'), t('dasbor.col.jumlah')]}
              rows={STATUSES.filter((s) => d.per_status[s]).map((s) => ({
                key: s,
                label: t(`usulan.status.${s}` as MessageKey),
                value: d.per_status[s] ?? 0,
              }))}
            />
            {d.per_wilayah.length > 1 && (
              <BarTable
                caption={t('dasbor.usulan.perWilayah')}
                head={[t('dasbor.col.wilayah'), t('dasbor.usulan.open')]}
                rows={d.per_wilayah.map((w) => ({
                  key: w.kode,
                  label: <AreaLink kode={w.kode} nama={w.nama} />,
                  value: OPEN.reduce((n, s) => n + (w.per_status[s] ?? 0), 0),
                }))}
              />
            )}
          </>
        )
      }
    </PanelData>
  );
}
