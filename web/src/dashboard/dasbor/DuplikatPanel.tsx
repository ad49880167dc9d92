// Duplicates awaiting review: pairs the dedup run or data entry queued and nobody has decided yet,
// per area (aggregate kept current on write, migration 0011), with the way to the review queue.
import type { DuplikatPanel as Data } from '../../api/dasbor';
import { t, tn } from '../../i18n';
import { Link } from '../../router/Link';
import type { Settled } from '../../components/prepare';
import type { DasborPanelProps } from '../dasbor';
import { AreaLink, BarTable, PanelData } from './parts';

export default function DuplikatPanel({ kode, me, data: ready }: DasborPanelProps & { data?: Settled<any> }) {
  return (
    <PanelData<Data> id="duplikat" kode={kode} initial={ready}>
      {(d) => (
        <>
          <p>{d.menunggu === 0 ? t('dasbor.duplikat.none') : tn('dasbor.duplikat.summary', d.menunggu)}</p>
          {d.per_wilayah.length > 0 && (
            <BarTable
              caption={t('dasbor.duplikat.perWilayah')}
              head={[t('dasbor.col.wilayah'), t('dasbor.duplikat.col')]}
              rows={d.per_wilayah.map((w) => ({ key: w.kode, label: <AreaLink kode={w.kode} nama={w.nama} />, value: w.menunggu }))}
              tone="warn"
            />
          )}
          {me.role !== 'kepala' && d.menunggu > 0 && (
            <p>
              <Link href="/duplikat">{t('dasbor.duplikat.open')}</Link>
            </p>
          )}
        </>
      )}
    </PanelData>
  );
}
