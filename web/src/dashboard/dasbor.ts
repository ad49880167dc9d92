// THE DASHBOARD PANEL TABLE (/dasbor). One row per panel; `id` is the server's panel id
// (GET /api/v1/dasbor/{id}, registered in src/dashboard on the server), so a panel is one
// registration on each side. The screen shows the panels the server lists for the caller's role,
// in `order`, each loaded as its own chunk the first time (charts and the map stay out of the
// initial JavaScript) when it comes near the screen; the panels near it together are fetched and
// drawn together, in one render. A later capability (cases, programmes, duplicates awaiting review) adds
// its row here and its component under ./dasbor/.
import type { PanelModule } from '../components/prepare';
import type { Dasbor } from '../api/dasbor';
import type { Me } from '../api/types';
import type { MessageKey } from '../i18n';
import { panelData, wilayahData } from './dasbor/parts';

export interface DasborPanelProps {
  me: Me;
  /** The area shown: a kota, kecamatan or kelurahan inside the caller's scope. */
  kode: string;
  config: Dasbor;
}

export interface DasborPanelDef {
  id: string;
  title: MessageKey;
  order: number;
  /** Spans the full width on wide screens (tables, the map). */
  wide?: boolean;
  /** The panel's chunk. */
  load: () => Promise<PanelModule<DasborPanelProps>>;
  /** The numbers it shows, fetched with the chunk and handed to it as `data` (prepare.ts). */
  data?: (props: DasborPanelProps, signal: AbortSignal) => Promise<unknown>;
}

export const dasborPanels: DasborPanelDef[] = [
  { id: 'wilayah', title: 'dasbor.wilayah.title', order: 10, wide: true, load: () => import('./dasbor/WilayahPanel'), data: wilayahData },
  { id: 'usulan', title: 'dasbor.usulan.title', order: 20, load: () => import('./dasbor/UsulanPanel'), data: panelData('usulan') },
  { id: 'periksa', title: 'dasbor.periksa.title', order: 30, load: () => import('./dasbor/PeriksaPanel'), data: panelData('periksa') },
  { id: 'psm', title: 'dasbor.psm.title', order: 40, load: () => import('./dasbor/PsmPanel'), data: panelData('psm') },
  { id: 'aktivitas', title: 'dasbor.aktivitas.title', order: 50, load: () => import('./dasbor/AktivitasPanel'), data: panelData('aktivitas') },
  { id: 'duplikat', title: 'dasbor.duplikat.title', order: 55, load: () => import('./dasbor/DuplikatPanel'), data: panelData('duplikat') },
  { id: 'peta', title: 'dasbor.peta.title', order: 60, wide: true, load: () => import('./dasbor/PetaPanel') },
];
