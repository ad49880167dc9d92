// Field activity in the last 30 days: proposals made and ground checks recorded, per day (a
// column chart) and per user (a table).
import type { AktivitasPanel as Data } from '../../api/dasbor';
import { formatNumber, t, tn } from '../../i18n';
import type { Settled } from '../../components/prepare';
import type { DasborPanelProps } from '../dasbor';
import { BarTable, PanelData } from './parts';

function Columns({ days }: { days: Data['per_hari'] }) {
  const max = Math.max(1, ...days.map((d) => d.usulan + d.periksa));
  const w = 100 / days.length;
  return (
    <svg class="columns" viewBox="0 0 100 40" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      {days.map((d, i) => {
        const hu = (d.usulan / max) * 40;
        const hp = (d.periksa / max) * 40;
        return (
          <g key={d.hari}>
            <rect class="col-periksa" x={(i * w + w * 0.1).toFixed(2)} y={(40 - hp).toFixed(2)} width={(w * 0.8).toFixed(2)} height={hp.toFixed(2)} />
            <rect class="col-usulan" x={(i * w + w * 0.1).toFixed(2)} y={(40 - hp - hu).toFixed(2)} width={(w * 0.8).toFixed(2)} height={hu.toFixed(2)} />
          </g>
        );
      })}
    </svg>
  );
}

export default function AktivitasPanel({ kode, data: ready }: DasborPanelProps & { data?: Settled<any> }) {
  return (
    <PanelData<Data> id="aktivitas" kode={kode} initial={ready}>
      {(d) => {
        const usulan = d.per_hari.reduce((n, x) => n + x.usulan, 0);
        const periksa = d.per_hari.reduce((n, x) => n + x.periksa, 0);
        return (
          <>
            <p>{t('dasbor.aktivitas.summary', { usulan: tn('count.usulan', usulan), periksa: tn('count.pemeriksaan', periksa), days: tn('count.hari', d.per_hari.length) })}</p>
            <Columns days={d.per_hari} />
            <p class="legend">
              <span class="key key-usulan" aria-hidden="true" /> {t('dasbor.aktivitas.usulan')}{' '}
              <span class="key key-periksa" aria-hidden="true" /> {t('dasbor.aktivitas.periksa')}
            </p>
            {d.per_petugas.length === 0 ? (
              <p>{t('dasbor.aktivitas.none')}</p>
            ) : (
              <BarTable
                caption={t('dasbor.aktivitas.perPetugas')}
                head={[t('dasbor.col.petugas'), t('dasbor.aktivitas.usulan'), t('dasbor.aktivitas.periksa')]}
                rows={d.per_petugas.slice(0, 50).map((p) => ({
                  key: p.username,
                  label: p.username,
                  value: p.usulan,
                  extra: [formatNumber(p.periksa)],
                }))}
              />
            )}
          </>
        );
      }}
    </PanelData>
  );
}
