// Dasbor: the supervisors' dashboard (kepala, operator: the kota; TKSK: their kecamatan), one
// section per panel the server lists for the role (src/dashboard/dasbor.ts), for the area in
// ?kode= (default: the caller's own). Each panel is its own chunk; the map brings Leaflet.
import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { dasbor, type Dasbor } from '../api/dasbor';
import { ErrorState, Loading, PageTitle } from '../components/ui';
import { useAsync } from '../components/useAsync';
import { dasborPanels, type DasborPanelDef, type DasborPanelProps } from '../dashboard/dasbor';
import { dasborHref } from '../dashboard/dasbor/parts';
import { t } from '../i18n';
import type { ScreenProps } from '../routes';
import { Link } from '../router/Link';

const loaded = new Map<string, ComponentType<DasborPanelProps>>();

function PanelBody({ def, ...props }: { def: DasborPanelDef } & DasborPanelProps) {
  const [C, setC] = useState(() => loaded.get(def.id));
  const [failed, setFailed] = useState(false);
  // A panel is fetched and drawn when it comes near the screen: on a phone the map and the
  // lower panels cost nothing until the user scrolls to them.
  const spot = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    if (near || !spot.current) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: '200px' });
    io.observe(spot.current);
    return () => io.disconnect();
  }, [near]);
  useEffect(() => {
    if (C || !near) return;
    let live = true;
    def.load().then(
      (m) => {
        loaded.set(def.id, m.default);
        if (live) setC(() => m.default);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [def, C, near]);
  if (failed) return <ErrorState error={new Error(t('error.chunk'))} />;
  // The placeholder holds about a panel's height: were it one line tall, every panel would be
  // "near" at first and all of them (the map too) would load and draw at once, and the page
  // would jump as they grew.
  if (!C || !near)
    return (
      <div ref={spot} class={`panel-wait${def.wide ? ' panel-wait-wide' : ''}`}>
        <Loading />
      </div>
    );
  return <C {...props} />;
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
