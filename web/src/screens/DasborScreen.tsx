// Dasbor: the supervisors' dashboard (kepala, operator: the kota; TKSK: their kecamatan), one
// section per panel the server lists for the role (src/dashboard/dasbor.ts), for the area in
// ?kode= (default: the caller's own). Each panel is its own chunk; the map brings Leaflet.
// The title, the area and the hint are drawn at once, before the list of panels is asked for (the
// first screenful does not wait for that round trip); the first panel is fetched as soon as the
// list arrives, the others when they come near the screen, those near it together in one go.
import { dasbor, type Dasbor } from '../api/dasbor';
import { useEffect, useRef, useState } from 'preact/hooks';
import { PanelSlot } from '../components/PanelSlot';
import { prepare, prepareGroup, type Slot } from '../components/prepare';
import { ErrorState, Loading, PageTitle } from '../components/ui';
import { WilayahName } from '../components/WilayahName';
import { useAsync } from '../components/useAsync';
import { dasborPanels, type DasborPanelDef, type DasborPanelProps } from '../dashboard/dasbor';
import { dasborHref } from '../dashboard/dasbor/parts';
import { t } from '../i18n';
import type { ScreenProps } from '../routes';
import { Link } from '../router/Link';

/** How long the panels near the screen wait for the slowest of them before being drawn without it. */
const CAP_MS = 2500;

/**
 * The panels, each drawn when its place comes near the screen (a phone pays for the map only when
 * the user scrolls to it). The first panel (the top of the page on every screen) is fetched at
 * once, while its place is being drawn, not one frame later when the observer would see it. One
 * IntersectionObserver watches the others, so the panels near the screen at the same moment
 * have their chunks and data fetched together and are drawn in one render
 * (components/prepare.ts), not one per answer. Each keeps its room while it waits
 * (.panel-wait), so nothing jumps.
 */
function Panels({ shown, props }: { shown: DasborPanelDef[]; props: DasborPanelProps }) {
  const [slots, setSlots] = useState<Record<string, Slot<DasborPanelProps>>>({});
  const spots = useRef(new Map<string, HTMLDivElement>());
  // Started while drawing (the state's initialiser runs once), aborted with the effect's cleanup.
  const [run] = useState(() => {
    const ac = new AbortController();
    const waiting = new Map(shown.map((d) => [d.id, d]));
    const start = (defs: DasborPanelDef[]) => {
      for (const d of defs) waiting.delete(d.id);
      void prepareGroup(
        defs.map((d) => () => prepare(d.load(), props, ac.signal, d.data)),
        CAP_MS,
      ).then((group) => {
        if (!ac.signal.aborted) setSlots((s) => ({ ...s, ...Object.fromEntries(defs.map((d, i) => [d.id, group[i]])) }));
      });
    };
    if (shown.length) start(shown.slice(0, 1));
    return { ac, waiting, start };
  });
  useEffect(() => {
    const { ac, waiting, start } = run;
    if (typeof IntersectionObserver === 'undefined') {
      start([...waiting.values()]);
      return () => ac.abort();
    }
    const io = new IntersectionObserver(
      (entries) => {
        const near: DasborPanelDef[] = [];
        for (const e of entries) {
          const d = e.isIntersecting ? waiting.get((e.target as HTMLElement).dataset.panel ?? '') : undefined;
          if (!d) continue;
          io.unobserve(e.target);
          near.push(d);
        }
        if (near.length) start(near);
      },
      { rootMargin: '200px' },
    );
    for (const [id, el] of spots.current) if (waiting.has(id)) io.observe(el);
    return () => {
      io.disconnect();
      ac.abort();
    };
  }, []);
  return (
    <div class="panels dasbor-panels">
      {shown.map((p) => (
        <section class={`panel panel-${p.id}${p.wide ? ' panel-wide' : ''}`} key={p.id} aria-labelledby={`dasbor-${p.id}`}>
          <h2 id={`dasbor-${p.id}`}>{t(p.title)}</h2>
          {slots[p.id] ? (
            <PanelSlot slot={slots[p.id]} props={props} />
          ) : (
            <div
              ref={(el) => {
                if (el) spots.current.set(p.id, el);
                else spots.current.delete(p.id);
              }}
              data-panel={p.id}
              class={`panel-wait${p.wide ? ' panel-wait-wide' : ''}`}
            >
              <Loading />
            </div>
          )}
        </section>
      ))}
    </div>
  );
}

/** "36.71.01.1001" -> "36.71.01"; the kota has no parent on this screen. */
const parentOf = (kode: string) => (kode.length > 5 ? kode.slice(0, kode.lastIndexOf('.')) : null);

export default function DasborScreen({ me, query }: ScreenProps) {
  const asked = query.get('kode') ?? undefined;
  const res = useAsync((signal) => dasbor(asked, signal), [asked]);
  const title = t('dasbor.title');
  const home = me.wilayah[0];
  // The area: the server's answer, or until then the one asked for (or the caller's only one).
  const kode = res.state === 'ok' ? res.data.kode_wilayah : (asked ?? (me.wilayah.length === 1 ? home : undefined));
  const parent = kode ? parentOf(kode) : null;
  let body;
  if (res.state === 'loading')
    body = (
      <div class="screen-wait">
        <Loading />
      </div>
    );
  else if (res.state === 'error') body = <ErrorState error={res.error} onRetry={res.reload} />;
  else {
    const config: Dasbor = res.data;
    const ids = new Set(config.panel.map((p) => p.id));
    const shown = dasborPanels.filter((p) => ids.has(p.id)).sort((a, b) => a.order - b.order);
    body = <Panels key={config.kode_wilayah} shown={shown} props={{ me, kode: config.kode_wilayah, config }} />;
  }
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      <p class="dasbor-area">
        {kode && (
          <>
            {t('dasbor.area')}: <WilayahName kode={kode} codeFirst />
          </>
        )}
        {parent && home && parent.length >= home.length && (
          <>
            {' · '}
            <Link href={dasborHref(parent)}>{t('dasbor.up')}</Link>
          </>
        )}
      </p>
      <p class="dasbor-hint">{t('dasbor.hint')}</p>
      {body}
    </section>
  );
}
