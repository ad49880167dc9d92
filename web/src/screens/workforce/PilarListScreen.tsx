// The roster of pilar sosial in the caller's area (a PSM sees only themself): filter by kind,
// status and name; the office records a new candidate here.
import { useState } from 'preact/hooks';
import { createPilar, JENIS_PILAR, listPilar, STATUS_PILAR, type PilarSosial } from '../../api/workforce';
import { EmptyState, Field, Notice, PageTitle, describeError } from '../../components/ui';
import { NamedList } from '../../components/WilayahName';
import { useWilayahRowNames } from '../../wilayahRows';
import { formatDate, t, type MessageKey } from '../../i18n';
// Its filter form (.filters) is styled with the registry screens' CSS.
import '../../styles/registry.css';
import type { Me, Tingkat } from '../../api/types';
import { WilayahPicker } from '../../components/WilayahPicker';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { navigate } from '../../router/router';
import { Select } from '../lapangan/parts';
import { PagedList, usePaged } from '../../components/paged';

export default function PilarListScreen({ me }: ScreenProps) {
  const [jenis, setJenis] = useState('psm');
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const [query, setQuery] = useState({ jenis: 'psm', status: '', q: '' });
  // 200 a page and "load more" while the server has a next page (a kota has about a thousand PSM).
  const paged = usePaged((after, signal) => listPilar({ ...query, after, limit: 200 }, signal), [query.jenis, query.status, query.q]);
  const office = me.role === 'operator' || me.role === 'admin';
  // Where each works: the RWs (PSM) or kecamatan (TKSK) assigned, else the kelurahan of the record.
  const areas = (p: PilarSosial) => (p.penugasan.length ? p.penugasan.map((x) => x.kode_wilayah) : [p.kode_wilayah]);
  const nameOf = useWilayahRowNames(paged.items.flatMap(areas));

  return (
    <section>
      <PageTitle title={t('wf.roster.title')}>{t('wf.roster.title')}</PageTitle>
      <form
        class="form filters"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ jenis, status, q });
        }}
      >
        <Select label={t('wf.jenis')} value={jenis} onValue={setJenis} options={[{ value: '', label: t('wf.all') }, ...JENIS_PILAR.map((j) => ({ value: j, label: j.toUpperCase() }))]} />
        <Select
          label={t('wf.status')}
          value={status}
          onValue={setStatus}
          options={[{ value: '', label: t('wf.all') }, ...STATUS_PILAR.map((s) => ({ value: s, label: t(`wf.status.${s}` as MessageKey) }))]}
        />
        <Field label={t('wf.nama')} value={q} onValue={setQ} />
        <button type="submit" class="btn btn-secondary">
          {t('wf.show')}
        </button>
      </form>
      <PagedList paged={paged} empty={<EmptyState title={t('wf.roster.empty')} />}>
        {(items) => (
          <ul class="list">
            {items.map((p) => (
              <li key={p.id}>
                <Link href={`/pilar-sosial/${p.id}`} class="list-link">
                  <span class="list-title">{p.nama}</span>
                  <span class="list-meta">
                    {p.jenis.toUpperCase()} · {t(`wf.status.${p.status}` as MessageKey)}
                    {p.sk ? ` · ${t('wf.skUntil', { tanggal: formatDate(p.sk.selesai) })}` : ''}
                  </span>
                  <span class="list-meta">
                    <NamedList codes={areas(p)} nameOf={nameOf} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </PagedList>
      {office && <NewPilar me={me} />}
    </section>
  );
}

// A PSM's record belongs to a kelurahan, a TKSK's to a kecamatan, the others' to any area: picked
// by name from the office's own area (it was a typed code).
const PILAR_LEVEL: Partial<Record<string, Tingkat>> = { psm: 'kelurahan', tksk: 'kecamatan' };

function NewPilar({ me }: { me: Me }) {
  const [f, setF] = useState({ jenis: 'psm', nama: '', kode_wilayah: '', tanggal_lahir: '', kode_ktp: '', telepon: '', username: '' });
  const [problem, setProblem] = useState<{ text: string; field?: string } | null>(null);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  async function submit(e: Event) {
    e.preventDefault();
    try {
      const body = Object.fromEntries(Object.entries(f).filter(([, v]) => v.trim() !== ''));
      const p = await createPilar(body);
      navigate(`/pilar-sosial/${p.id}`);
    } catch (err) {
      const d = describeError(err);
      setProblem({ text: d.message, field: d.field });
    }
  }
  const err = (k: string) => (problem?.field === k ? problem.text : undefined);
  return (
    <details class="disclosure">
      <summary>{t('wf.roster.new')}</summary>
      <form class="form" onSubmit={submit} noValidate>
        {problem && (
          <Notice tone="error" focus={problem}>
            {problem.text}
          </Notice>
        )}
        <Select
          label={t('wf.jenis')}
          value={f.jenis}
          onValue={(v) => setF({ ...f, jenis: v, kode_wilayah: PILAR_LEVEL[v] === PILAR_LEVEL[f.jenis] ? f.kode_wilayah : '' })}
          options={JENIS_PILAR.map((j) => ({ value: j, label: j.toUpperCase() }))}
        />
        <Field label={t('wf.nama')} value={f.nama} onValue={set('nama')} error={err('nama')} />
        <WilayahPicker
          label={t('wf.kodeWilayah')}
          hint={t('wf.kodeWilayahHint')}
          level={PILAR_LEVEL[f.jenis]}
          under={me.wilayah.length === 1 ? me.wilayah[0] : undefined}
          value={f.kode_wilayah ? [f.kode_wilayah] : []}
          onChange={(v) => setF({ ...f, kode_wilayah: v[0] ?? '' })}
          error={err('kode_wilayah')}
          multiple={false}
        />
        <Field label={t('wf.tanggalLahir')} type="date" value={f.tanggal_lahir} onValue={set('tanggal_lahir')} error={err('tanggal_lahir')} />
        <Field label={t('wf.kodeKtp')} value={f.kode_ktp} onValue={set('kode_ktp')} error={err('kode_ktp')} />
        <Field label={t('wf.telepon')} type="tel" value={f.telepon} onValue={set('telepon')} error={err('telepon')} />
        <Field label={t('wf.username')} value={f.username} onValue={set('username')} error={err('username')} />
        <button type="submit" class="btn">
          {t('wf.save')}
        </button>
      </form>
    </details>
  );
}
