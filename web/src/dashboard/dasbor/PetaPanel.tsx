// The map: households with GPS as clusters the server aggregates on a grid (coarser when zoomed
// out, never finer than about 110 m: the map shows where households are, not one house). Tiles
// come from the server's setting (--map-tiles; components/map.ts); without them the clusters are
// drawn on a plain background, which still shows where the households are. Leaflet lives only in
// this chunk.
import { useEffect, useRef, useState } from 'preact/hooks';
import { panel, type PetaPanel as Data } from '../../api/dasbor';
import { createMap, L, mapClass, themeColor } from '../../components/map';
import { ErrorState } from '../../components/ui';
import { t, tn } from '../../i18n';
import type { DasborPanelProps } from '../dasbor';

const levelFor = (zoom: number) => (zoom <= 12 ? 0 : zoom <= 14 ? 1 : 2);

export default function PetaPanel({ kode, config }: DasborPanelProps) {
  const el = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState<{ households: number; cells: number; complete: boolean } | null>(null);
  const [empty, setEmpty] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [rev, setRev] = useState(0);

  useEffect(() => {
    if (!el.current) return;
    setError(null);
    setEmpty(false);
    // Canvas, not one SVG element per cluster: a kota's first view has hundreds of them, and
    // drawing them as DOM nodes was most of the dashboard's main-thread time on a phone.
    const map = createMap(el.current, config.peta);
    const fill = themeColor(el.current, '--c-primary', '#0b5394');
    const stroke = themeColor(el.current, '--c-primary-dark', '#073b6b');
    const layer = L.layerGroup().addTo(map);
    let ac: AbortController | null = null;

    const draw = (d: Data) => {
      layer.clearLayers();
      for (const [lat, lon, n] of d.sel) {
        L.circleMarker([lat, lon], {
          radius: Math.min(28, 5 + Math.log2(n) * 2.2),
          color: stroke,
          fillColor: fill,
          fillOpacity: 0.55,
          weight: 1,
        })
          .bindTooltip(tn('dasbor.peta.tooltip', n))
          .addTo(layer);
      }
      setShown({ households: d.keluarga, cells: d.sel.length, complete: d.lengkap });
    };

    const load = async (bbox?: string) => {
      ac?.abort();
      ac = new AbortController();
      const tingkat = bbox ? levelFor(map.getZoom()) : 0;
      return panel<Data>('peta', kode, { tingkat, bbox }, ac.signal);
    };

    const onMove = () => {
      const b = map.getBounds();
      const bbox = [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()].map((v) => v.toFixed(5)).join(',');
      load(bbox).then(draw, (e: unknown) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e instanceof Error ? e : new Error(String(e)));
      });
    };

    load().then(
      (d) => {
        if (d.sel.length === 0) {
          setEmpty(true);
          return;
        }
        const bounds = L.latLngBounds(d.sel.map(([lat, lon]) => [lat, lon] as [number, number]));
        map.fitBounds(bounds.pad(0.1), { maxZoom: 14, animate: false });
        draw(d);
        map.on('moveend', onMove);
        if (levelFor(map.getZoom()) !== 0) onMove();
      },
      (e: unknown) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e instanceof Error ? e : new Error(String(e)));
      },
    );
    return () => {
      ac?.abort();
      map.remove();
    };
  }, [kode, config.peta.ubin, rev]);

  if (error) return <ErrorState error={error} onRetry={() => setRev((r) => r + 1)} />;
  return (
    <>
      {empty && <p>{t('dasbor.peta.empty')}</p>}
      <div
        ref={el}
        class={mapClass(config.peta, empty)}
        role="region"
        aria-label={t('dasbor.peta.label')}
      />
      {shown && (
        <p class="peta-note">
          {t('dasbor.peta.summary', { keluarga: tn('count.keluarga', shown.households), kluster: tn('count.kluster', shown.cells) })}
          {!shown.complete && ` ${t('dasbor.peta.partial')}`}
          {!config.peta.ubin && ` ${t('dasbor.peta.noTiles')}`}
        </p>
      )}
    </>
  );
}
