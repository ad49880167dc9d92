// Home-screen panels. A capability adds its panel to `panels` with the roles that see it
// (dashboards for kepala/operator/TKSK, work lists for PSM); Home renders them in order.
// A panel is an ordinary component; put heavy ones (charts, maps) behind `load`. A panel that
// fetches data exports a `data` loader, so the home fetches all panels' data first and draws them
// in one render (components/prepare.ts); the component gets the outcome as its `data` prop.
import type { ComponentType } from 'preact';
import type { Me, Role } from '../api/types';
import type { PanelModule, Settled } from '../components/prepare';
import type { MessageKey } from '../i18n';
import { ScopePanel, scopeNames } from './ScopePanel';
import { NextPanel } from './NextPanel';
import { DasborLinkPanel } from './DasborLinkPanel';
import { psmBulan, usulanRingkasan } from './panelData';

export interface PanelProps {
  me: Me;
}

export interface PanelDef {
  id: string;
  title: MessageKey;
  roles?: readonly Role[];
  order: number;
  component?: ComponentType<PanelProps & { data?: Settled<any> }>;
  /** The panel's data, fetched with the others' (and with its chunk) before the home draws them
   *  (prepare.ts); the component gets the outcome as its `data` prop. */
  data?: (props: PanelProps, signal: AbortSignal) => Promise<unknown>;
  /** A lazy panel's chunk (it may export `data` instead of the row naming it). */
  load?: () => Promise<PanelModule<PanelProps>>;
}

export const panels: PanelDef[] = [
  { id: 'scope', title: 'panel.scope.title', order: 10, component: ScopePanel, data: scopeNames },
  {
    id: 'users',
    title: 'panel.users.title',
    roles: ['admin'],
    order: 20,
    load: () => import('./UsersPanel'),
  },
  {
    id: 'usulan',
    title: 'panel.usulan.title',
    roles: ['psm', 'tksk', 'operator'],
    order: 30,
    load: () => import('./UsulanPanel'),
    data: usulanRingkasan,
  },
  { id: 'usulan-kepala', title: 'panel.usulan.kepala', roles: ['kepala'], order: 30, load: () => import('./UsulanPanel'), data: usulanRingkasan },
  { id: 'dasbor', title: 'panel.dasbor.title', roles: ['tksk', 'operator', 'kepala'], order: 25, component: DasborLinkPanel },
  { id: 'psm-bulan', title: 'wf.home.title', roles: ['psm'], order: 15, load: () => import('./PsmBulanPanel'), data: psmBulan },
  // Only where something is still to come: the field and admin screens it once promised are here.
  { id: 'next', title: 'panel.next.title', roles: ['operator', 'kepala'], order: 90, component: NextPanel },
];

export const panelsFor = (role: Role) =>
  panels.filter((p) => !p.roles || p.roles.includes(role)).sort((a, b) => a.order - b.order);
