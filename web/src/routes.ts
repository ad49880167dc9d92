// The route table: every screen, who may open it, and whether it appears in the navigation.
// A new capability adds its screens here (and its dashboard panels in src/dashboard/panels.ts);
// nothing else in the shell needs to change.
//
// `load` splits a screen into its own chunk, fetched the first time it is opened (and
// precached by the service worker for offline use). Use it for screens most roles never open
// or that pull in heavy libraries (maps, charts); the screens everyone opens first stay eager.
import type { ComponentType } from 'preact';
import type { Me, Role } from './api/types';
import type { MessageKey } from './i18n';
import type { Params } from './router/router';
import { Home } from './screens/Home';
import { Profile } from './screens/Profile';

export interface ScreenProps {
  params: Params;
  query: URLSearchParams;
  me: Me;
}

export type Screen = ComponentType<ScreenProps>;

export interface RouteDef {
  path: string;
  /** Default page title (screens with a dynamic title set their own). */
  title: MessageKey;
  /** Roles that may open it; absent = every signed-in user. The server enforces the same. */
  roles?: readonly Role[];
  /** Shown in the main navigation, in `order`; `match` is the path prefix that marks it current. */
  nav?: { label: MessageKey; order: number; match: string };
  component?: Screen;
  load?: () => Promise<{ default: Screen }>;
}

const ALL: readonly Role[] = ['psm', 'tksk', 'operator', 'kepala', 'admin'];
/** Registry and proposals: everyone with people's data in scope; the admin manages accounts, not people. */
const REGISTRY: readonly Role[] = ['psm', 'tksk', 'operator', 'kepala'];

export const routes: RouteDef[] = [
  { path: '/', title: 'nav.home', nav: { label: 'nav.home', order: 10, match: '/' }, component: Home },
  {
    path: '/wilayah', // ?kode=36.71.01 (see router/links.ts)
    title: 'nav.wilayah',
    roles: ALL,
    nav: { label: 'nav.wilayah', order: 20, match: '/wilayah' },
    load: () => import('./screens/wilayah/WilayahScreen'),
  },
  {
    path: '/dasbor', // ?kode=36.71.01 (an area inside the caller's scope)
    title: 'dasbor.title',
    roles: ['tksk', 'operator', 'kepala'],
    nav: { label: 'nav.dasbor', order: 15, match: '/dasbor' },
    load: () => import('./screens/DasborScreen'),
  },
  // Registry, proposals, ground checks, cases, programmes ... will add their routes here.
  {
    path: '/keluarga',
    title: 'reg.keluarga.title',
    roles: REGISTRY,
    nav: { label: 'nav.keluarga', order: 30, match: '/keluarga' },
    load: () => import('./screens/registry/KeluargaListScreen'),
  },
  // Field screens that work offline (src/offline): registering a household, the PSM's ground
  // checks, and the device's sync queue. /keluarga/baru before /keluarga/:id, which would match it.
  {
    path: '/keluarga/baru',
    title: 'field.kb.title',
    roles: ['psm', 'operator'],
    nav: { label: 'nav.fieldKeluargaBaru', order: 35, match: '/keluarga/baru' },
    load: () => import('./screens/lapangan/KeluargaBaruScreen'),
  },
  {
    path: '/periksa',
    title: 'field.pl.title',
    roles: ['psm'],
    nav: { label: 'nav.fieldPeriksa', order: 50, match: '/periksa' },
    load: () => import('./screens/lapangan/PeriksaListScreen'),
  },
  { path: '/periksa/hasil/:id', title: 'field.ph.title', roles: ['psm'], load: () => import('./screens/lapangan/PeriksaHasilScreen') },
  { path: '/sinkron', title: 'sync.title', roles: ['psm', 'tksk', 'operator'], load: () => import('./screens/lapangan/SyncScreen') },
  { path: '/keluarga/:id', title: 'reg.keluarga.title', roles: REGISTRY, load: () => import('./screens/registry/KeluargaScreen') },
  { path: '/anggota/:id', title: 'reg.anggota.title', roles: REGISTRY, load: () => import('./screens/registry/AnggotaScreen') },
  {
    path: '/usulan',
    title: 'usulan.title',
    roles: REGISTRY,
    nav: { label: 'nav.usulan', order: 40, match: '/usulan' },
    load: () => import('./screens/usulan/UsulanListScreen'),
  },
  { path: '/usulan/baru', title: 'usulan.new.title', roles: ['psm', 'operator'], load: () => import('./screens/usulan/UsulanBaruScreen') },
  { path: '/usulan/musyawarah', title: 'usulan.mus.title', roles: ['tksk', 'operator'], load: () => import('./screens/usulan/MusyawarahScreen') },
  { path: '/usulan/:id', title: 'usulan.title', roles: REGISTRY, load: () => import('./screens/usulan/UsulanScreen') },
  {
    path: '/periksa/daftar',
    title: 'periksa.title',
    roles: ['tksk', 'operator', 'kepala'],
    nav: { label: 'nav.periksa', order: 50, match: '/periksa/daftar' },
    load: () => import('./screens/periksa/DaftarPeriksaScreen'),
  },
  { path: '/periksa/daftar/:id', title: 'periksa.title', roles: ['tksk', 'operator', 'kepala'], load: () => import('./screens/periksa/DaftarScreen') },
  // Duplicate review (server: src/dedup): the queue and one pair.
  {
    path: '/duplikat',
    title: 'dup.title',
    roles: ['tksk', 'operator', 'kepala'],
    nav: { label: 'nav.duplikat', order: 55, match: '/duplikat' },
    load: () => import('./screens/duplikat/DuplikatListScreen'),
  },
  { path: '/duplikat/:id', title: 'dup.title', roles: ['tksk', 'operator', 'kepala'], load: () => import('./screens/duplikat/DuplikatScreen') },
  {
    path: '/impor',
    title: 'impor.title',
    roles: ['operator'],
    nav: { label: 'nav.impor', order: 60, match: '/impor' },
    load: () => import('./screens/impor/ImporScreen'),
  },
  // Training events (src/events): everyone signed in sees the events of their area and their own
  // cards; the office manages; the door screen is for operators and the event's committee.
  {
    path: '/acara',
    title: 'acara.title',
    roles: ALL,
    nav: { label: 'nav.acara', order: 70, match: '/acara' },
    load: () => import('./screens/acara/AcaraListScreen'),
  },
  { path: '/acara/:id/pintu', title: 'pintu.title', roles: ALL, load: () => import('./screens/acara/PintuScreen') },
  { path: '/acara/:id', title: 'acara.title', roles: ALL, load: () => import('./screens/acara/AcaraScreen') },
  {
    path: '/kartu-saya',
    title: 'kartu.title',
    roles: ['psm', 'tksk'],
    nav: { label: 'nav.kartu', order: 72, match: '/kartu-saya' },
    load: () => import('./screens/acara/KartuSayaScreen'),
  },
  // The workforce (src/workforce): roster, coverage, activity reports (filed offline), recap and
  // incentive, ranking, the kota's rules. /pilar-sosial and /kegiatan/baru before their :id siblings.
  {
    path: '/pilar-sosial',
    title: 'wf.roster.title',
    roles: ['tksk', 'operator', 'kepala', 'admin'],
    nav: { label: 'nav.pilarSosial', order: 62, match: '/pilar-sosial' },
    load: () => import('./screens/workforce/PilarListScreen'),
  },
  { path: '/pilar-sosial/:id', title: 'wf.roster.title', load: () => import('./screens/workforce/PilarScreen') },
  {
    path: '/cakupan', // ?kode=36.71.01
    title: 'wf.cakupan.title',
    roles: ['tksk', 'operator', 'kepala', 'admin'],
    nav: { label: 'nav.cakupan', order: 63, match: '/cakupan' },
    load: () => import('./screens/workforce/CakupanScreen'),
  },
  {
    path: '/kegiatan',
    title: 'wf.kegiatan.title',
    roles: REGISTRY,
    nav: { label: 'nav.kegiatan', order: 45, match: '/kegiatan' },
    load: () => import('./screens/workforce/KegiatanScreen'),
  },
  { path: '/kegiatan/baru', title: 'wf.kegiatan.new', roles: ['psm', 'tksk', 'operator'], load: () => import('./screens/workforce/KegiatanBaruScreen') },
  {
    path: '/rekap',
    title: 'wf.rekap.title',
    roles: REGISTRY,
    nav: { label: 'nav.rekap', order: 64, match: '/rekap' },
    load: () => import('./screens/workforce/RekapScreen'),
  },
  {
    path: '/peringkat',
    title: 'wf.peringkat.title',
    roles: REGISTRY,
    nav: { label: 'nav.peringkat', order: 65, match: '/peringkat' },
    load: () => import('./screens/workforce/PeringkatScreen'),
  },
  // The kota's workforce rules: every account reads its own kota's; the office changes them.
  {
    path: '/aturan-pilar-sosial',
    title: 'wf.aturan.title',
    roles: ALL,
    nav: { label: 'nav.aturan', order: 66, match: '/aturan-pilar-sosial' },
    load: () => import('./screens/workforce/AturanScreen'),
  },
  {
    path: '/pengguna',
    title: 'nav.users',
    roles: ['admin'],
    nav: { label: 'nav.users', order: 80, match: '/pengguna' },
    load: () => import('./screens/users/UsersScreen'),
  },
  {
    path: '/audit',
    title: 'nav.audit',
    roles: ['admin'],
    nav: { label: 'nav.audit', order: 85, match: '/audit' },
    load: () => import('./screens/audit/AuditScreen'),
  },
  { path: '/profil', title: 'nav.profile', nav: { label: 'nav.profile', order: 90, match: '/profil' }, component: Profile },
  // Lazy: with the registry's list parts it is a sixth of the first bundle, and nobody needs it
  // before their first screen has drawn.
  { path: '/cari', title: 'search.title', load: () => import('./screens/Search').then((m) => ({ default: m.Search })) },
];

/** Screens anyone may open without signing in (shown in the public frame, signed in or not). */
export interface PublicRouteDef {
  path: string;
  load: () => Promise<{ default: ComponentType<{ params: Params }> }>;
}

export const publicRoutes: PublicRouteDef[] = [
  // Certificate verification: the URL printed on every certificate (src/events).
  { path: '/sertifikat/:kode', load: () => import('./screens/acara/VerifikasiScreen') },
  { path: '/sertifikat', load: () => import('./screens/acara/VerifikasiScreen') },
];

export function allowed(route: RouteDef, role: Role): boolean {
  return !route.roles || route.roles.includes(role);
}

export function navFor(role: Role): RouteDef[] {
  return routes.filter((r) => r.nav && allowed(r, role)).sort((a, b) => a.nav!.order - b.nav!.order);
}
