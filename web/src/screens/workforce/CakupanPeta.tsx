// The coverage map (a chunk of its own, loaded when the coverage screen's map comes near the
// screen): one marker per kelurahan from GET /api/v1/cakupan/peta, coloured by its worst gap — a
// RW without an active PSM, else a RW with more than one, else one PSM per RW. A kelurahan's point
// is the mean GPS of its activity reports; those without any are counted below the map. Tiles
// follow the server's setting as on the dashboard (components/map.ts); without them (or for a
// role that does not open the dashboard) the markers sit on a plain background.
import { useEffect, useRef, useState } from 'preact/hooks';
import { dasbor } from '../../api/dasbor';
import { getCakupanPeta, type CakupanPeta as Data } from '../../api/workforce';
import { createMap, L, mapClass, themeColor, type TileSetting } from '../../components/map';
import { ErrorState } from '../../components/ui';
import { formatNumber, t, tn } from '../../i18n';

type Tingkat = 'kosong' | 'ganda' | 'satu';
type Props = Data['features'][number]['properties'];

export const tingkatOf = (p: Props): Tingkat => (p.rw_kosong > 0 || p.psm_aktif === 0 ? 'kosong' : p.rw_ganda > 0 ? 'ganda' : 'satu');

const COLORS: Record<Tingkat, [string, string]> = {
  kosong: ['--c-danger', '#a4161a'],
  ganda: ['--c-warn', '#7a4a00'],
  satu: ['--c-ok', '#1e6b34'],
};

export default function CakupanPeta({ kode }: { kode: string | undefined }) {
  const el = useRef<HTMLDivElement>(null);
  const [tiles, setTiles] = useState<TileSetting | null>(null);
  const [counts, setCounts] = useState<Record<Tingkat, number> & { tanpaTitik: number }>();
  const [error, setError] = useState<Error | null>(null);
  const [rev, setRev] = useState(0);

  useEffect(() => {
    if (!el.current) return;
    const box = el.current;
    const ac = new AbortController();
    let map: L.Map | null = null;
    setError(null);
    // The tile setting comes with the dashboard's configuration, which an admin may read too (no
    // panel, just the setting); if it cannot be read, the map has the plain background.
    const setting = dasbor(undefined, ac.signal).then(
      (d) => d.peta,
      () => null,
    );
    Promise.all([getCakupanPeta(kode, ac.signal), setting]).then(
      ([geo, tileSetting]) => {
        setTiles(tileSetting);
        const n = { kosong: 0, ganda: 0, satu: 0, tanpaTitik: 0 };
        const points: [number, number][] = [];
        map = createMap(box, tileSetting);
        for (const f of geo.features) {
          const level = tingkatOf(f.properties);
          n[level]++;
          if (!f.geometry) {
            n.tanpaTitik++;
            continue;
          }
          const [lon, lat] = f.geometry.coordinates;
          points.push([lat, lon]);
          const color = themeColor(box, ...COLORS[level]);
          const p = f.properties;
          L.circleMarker([lat, lon], { radius: 9, color, fillColor: color, fillOpacity: 0.6, weight: 2 })
            .bindTooltip(
              `${p.nama}: ${t(`wf.peta.${level}`)} · ${tn('wf.peta.tooltip', p.rw_tercakup, { rw: formatNumber(p.rw), psm: formatNumber(p.psm_aktif) })}`,
            )
            .addTo(map);
        }
        if (points.length > 0) map.fitBounds(L.latLngBounds(points).pad(0.2), { maxZoom: 15, animate: false });
        else map.setView([-6.178, 106.63], 12);  // Kota Tangerang
        setCounts(n);
      },
      (e: unknown) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e instanceof Error ? e : new Error(String(e)));
      },
    );
    return () => {
      ac.abort();
      map?.remove();
    };
  }, [kode, rev]);

  if (error) return <ErrorState error={error} onRetry={() => setRev((r) => r + 1)} />;
  return (
    <>
      <div ref={el} class={mapClass(tiles)} role="region" aria-label={t('wf.peta.label')} />
      {counts && (
        <>
          <ul class="peta-legend">
            {(['kosong', 'satu', 'ganda'] as const).map((level) => (
              <li key={level}>
                <span class={`peta-swatch peta-${level}`} aria-hidden="true" /> {t(`wf.peta.${level}`)}: {formatNumber(counts[level])}
              </li>
            ))}
          </ul>
          <p class="peta-note">
            {counts.tanpaTitik > 0 && tn('wf.peta.tanpaTitik', counts.tanpaTitik)}
            {!tiles?.ubin && ` ${t('wf.peta.noTiles')}`}
          </p>
        </>
      )}
    </>
  );
}
