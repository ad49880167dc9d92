// Dasbor: the supervisors' dashboard (kepala, operator: the kota; TKSK: their kecamatan), one
// section per panel the server lists for the role (src/dashboard/dasbor.ts), for the area in
// ?kode= (default: the caller's own). Each panel is its own chunk; the map brings Leaflet.
import { dasbor, type Dasbor } from '../api/dasbor';
import { LazyNear } from '../components/LazyNear';
import { ErrorState, Loading, PageTitle } from '../components/ui';
import { useAsync } from '../components/useAsync';
import { dasborPanels, type DasborPanelDef, type DasborPanelProps } from '../dashboard/dasbor';
import { dasborHref } from '../dashboard/dasbor/parts';
import { t } from '../i18n';
import type { ScreenProps } from '../routes';
import { Link } from '../router/Link';

function PanelBody({ def, ...props }: { def: DasborPanelDef } & DasborPanelProps) {
  return <LazyNear id={`dasbor-${def.id}`} load={def.load} props={props} tall={def.wide} />;
}

/** "36.71.01.1001" -> "36.71.01"; the kota has no parent on this screen. */
const parentOf = (kode: string) => (kode.length > 5 ? kode.slice(0, kode.lastIndexOf('.')) : null);

export default function DasborScreen({ me, query }: ScreenProps) {
  const asked = query.get('kode') ?? undefined;
  const res = useAsync((signal) => dasbor(asked, signal), [asked]);
  const title = t('dasbor.title');
  if (res.state === 'loading')
    return (
      <section>
        <PageTitle title={title}>{title}</PageTitle>
        <Loading />
      </section>
    );
  if (res.state === 'error')
    return (
      <section>
        <PageTitle title={title}>{title}</PageTitle>
        <ErrorState error={res.error} onRetry={res.reload} />
      </section>
    );
  const config: Dasbor = res.data;
  const kode = config.kode_wilayah;
  const home = me.wilayah[0];
  const parent = parentOf(kode);
  const ids = new Set(config.panel.map((p) => p.id));
  const shown = dasborPanels.filter((p) => ids.has(p.id)).sort((a, b) => a.order - b.order);
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      <p class="dasbor-area">
        {t('dasbor.area', { kode })}
        {parent && home && parent.length >= home.length && (
          <>
            {' · '}
            <Link href={dasborHref(parent)}>{t('dasbor.up')}</Link>
          </>
        )}
      </p>
      <p class="dasbor-hint">{t('dasbor.hint')}</p>
      <div class="panels dasbor-panels">
        {shown.map((p) => (
          <section class={`panel panel-${p.id}${p.wide ? ' panel-wide' : ''}`} key={`${p.id}-${kode}`} aria-labelledby={`dasbor-${p.id}`}>
            <h2 id={`dasbor-${p.id}`}>{t(p.title)}</h2>
            <PanelBody def={p} me={me} kode={kode} config={config} />
          </section>
        ))}
      </div>
    </section>
  );
}
