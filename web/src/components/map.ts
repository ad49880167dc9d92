// The app's Leaflet map, shared by the dashboard's household map and the coverage map: tiles from
// the server's setting (`pilar serve --map-tiles`, handed out by GET /api/v1/dasbor as `peta`),
// or none, in which case the markers are drawn on a plain background and still say where things
// are. Zoom buttons carry the app's language; markers go on a canvas (hundreds of them stay cheap
// on a phone). Import this only from lazily loaded chunks: it brings Leaflet and its CSS.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { t } from '../i18n';

export { L };

/** The server's tile setting: a URL template, or null for a plain background. */
export interface TileSetting {
  ubin: string | null;
  atribusi: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function createMap(el: HTMLElement, tiles: TileSetting | null): L.Map {
  const map = L.map(el, { zoomControl: false, attributionControl: true, minZoom: 9, maxZoom: 17, preferCanvas: true });
  L.control.zoom({ zoomInTitle: t('dasbor.peta.zoomIn'), zoomOutTitle: t('dasbor.peta.zoomOut') }).addTo(map);
  map.attributionControl.setPrefix(false);
  if (tiles?.ubin) L.tileLayer(tiles.ubin, { attribution: escapeHtml(tiles.atribusi), maxZoom: 17 }).addTo(map);
  return map;
}

/** A colour of the theme (a CSS custom property on `el`), or `fallback`. */
export const themeColor = (el: HTMLElement, name: string, fallback: string) =>
  getComputedStyle(el).getPropertyValue(name).trim() || fallback;

/** The map element's classes: plain background without tiles, hidden while it has nothing. */
export const mapClass = (tiles: TileSetting | null, empty = false) =>
  `peta${tiles?.ubin ? '' : ' peta-polos'}${empty ? ' peta-kosong' : ''}`;
