// One pilar sosial: person and contact, the requirement checklist, SKs, assignments with their
// history and the status history. The office (operator, admin) changes status, assigns RWs or a
// kecamatan, records an SK and basic training held before Pilar here (basic training attended at
// an event comes from its attendance list and links to the event). What the office types in those
// four forms is kept in the tab, each form on its own, until that form is saved or sign-out
// (components/kept.ts).
import { useState } from 'preact/hooks';
import { addSk, assign, getPilar, setStatus, setTraining, STATUS_PILAR, type PilarSosial } from '../../api/workforce';
import { useKept } from '../../components/kept';
import { ErrorState, Field, Loading, Notice, PageTitle, describeError } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { Named } from '../../components/WilayahName';
import { WilayahPicker } from '../../components/WilayahPicker';
import { useWilayahRowNames } from '../../wilayahRows';
import { formatDate, formatDateTime, t, type MessageKey } from '../../i18n';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { Select } from '../lapangan/parts';
import { alasanRiwayat } from './alasan';
import { syaratCatatan } from './syarat';

export default function PilarScreen({ me, params }: ScreenProps) {
  const res = useAsync((signal) => getPilar(params.id, signal), [params.id]);
  const nameOf = useWilayahRowNames(
    res.state === 'ok'
      ? [res.data.kode_wilayah, ...res.data.penugasan.map((x) => x.kode_wilayah), ...(res.data.syarat ?? []).flatMap((s) => [s.kode_ktp ?? '', s.wilayah ?? ''])].filter(Boolean)
      : [],
  );
  if (res.state === 'loading') return <Loading />;
  if (res.state === 'error') return <ErrorState error={res.error} onRetry={res.reload} />;
  const p = res.data;
  const office = me.role === 'operator' || me.role === 'admin';
  return (
    <section>
      <PageTitle title={p.nama}>{p.nama}</PageTitle>
      <p class="subtitle">
        {p.jenis_label} · {t(`wf.status.${p.status}` as MessageKey)}
        {p.status_alasan ? ` (${p.status_alasan})` : ''}
      </p>
      <dl class="facts">
        <dt>{t('wf.wilayah')}</dt>
        <dd>
          <Named kode={p.kode_wilayah} nama={nameOf(p.kode_wilayah)} />
        </dd>
        <dt>{t('wf.telepon')}</dt>
        <dd>{p.telepon ?? '–'}</dd>
        <dt>{t('wf.tanggalLahir')}</dt>
        <dd>{p.tanggal_lahir ? formatDate(p.tanggal_lahir) : '–'}</dd>
        <dt>{t('wf.username')}</dt>
        <dd>{p.username ?? '–'}</dd>
        <dt>{t('wf.pelatihan')}</dt>
        <dd>
          {p.pelatihan_dasar ? formatDate(p.pelatihan_dasar) : '–'}
          {p.pelatihan_sumber?.startsWith('acara:') && (
            <>
              {' · '}
              <Link href={`/acara/${p.pelatihan_sumber.slice(6)}`}>{t('wf.pelatihanAcara', { id: p.pelatihan_sumber.slice(6) })}</Link>
            </>
          )}
        </dd>
      </dl>
      <h2>{t('wf.syarat')}</h2>
      <ul class="list list-rows checklist">
        {(p.syarat ?? []).map((s) => (
          <li key={s.kode}>
            {s.terpenuhi ? '✓' : '✗'} {t(`wf.syarat.${s.kode}` as MessageKey)}
            {!s.wajib && ` (${t('wf.syarat.tidakWajib')})`} <span class="list-meta">{syaratCatatan(s, nameOf)}</span>
          </li>
        ))}
      </ul>
      <h2>{t('wf.penugasan')}</h2>
      <ul class="list list-rows">
        {p.penugasan.map((x) => (
          <li key={x.id}>
            <Named kode={x.kode_wilayah} nama={nameOf(x.kode_wilayah)} /> · {formatDate(x.mulai)} – {x.selesai ? formatDate(x.selesai) : t('wf.sekarang')}
            {x.alasan ? ` (${alasanRiwayat(x.alasan)})` : ''}
          </li>
        ))}
      </ul>
      <h2>SK</h2>
      <ul class="list list-rows">
        {(p.sk_riwayat ?? []).map((s) => (
          <li key={s.id}>
            {s.nomor} · {formatDate(s.mulai)} – {formatDate(s.selesai)} · {s.ditandatangani}
          </li>
        ))}
      </ul>
      {office && (
        <OfficeActions
          p={p}
          username={me.username}
          // The record is fetched again and swapped in place: a reload() would draw "Loading"
          // instead of the page, unmounting the forms and the "Saved." they had just shown.
          onDone={() => void getPilar(p.id).then(res.set, res.reload)}
        />
      )}
      <h2>{t('wf.riwayatStatus')}</h2>
      <ul class="list list-rows status-riwayat">
        {(p.status_riwayat ?? []).map((r, i) => (
          <li key={i}>
            {formatDateTime(r.at)} · {r.dari ? `${statusLabel(r.dari)} → ` : ''}
            {statusLabel(r.ke)} · {r.username}
            {r.alasan ? ` · ${alasanRiwayat(r.alasan)}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

const statusLabel = (s: string) => t(`wf.status.${s}` as MessageKey);

type FormId = 'status' | 'tugas' | 'sk' | 'latihan';

function OfficeActions({ p, username, onDone }: { p: PilarSosial; username: string; onDone: () => void }) {
  const key = (form: FormId) => `${username}.pilar.${p.id}.${form}`;
  // The status and the areas start from the record (null: untouched), so once saved (the draft
  // forgotten) they show the record as it is now.
  const [statusDraft, setStatusDraft, forgetStatus, statusKept] = useKept<{ status: string; alasan: string } | null>(key('status'), null);
  const status = statusDraft?.status ?? p.status;
  const alasan = statusDraft?.alasan ?? '';
  const setStatusValue = (v: string) => setStatusDraft((f) => ({ status: v, alasan: f?.alasan ?? '' }));
  const setAlasan = (v: string) => setStatusDraft((f) => ({ status: f?.status ?? p.status, alasan: v }));
  const [wilayahDraft, setWilayah, forgetWilayah, wilayahKept] = useKept<string[] | null>(key('tugas'), null);
  const wilayah = wilayahDraft ?? p.penugasan.filter((x) => !x.selesai).map((x) => x.kode_wilayah);
  const [sk, setSkForm, forgetSk, skKept] = useKept(key('sk'), { nomor: '', tanggal: '', ditandatangani: '', mulai: '', selesai: '' });
  const [latihan, setLatihan, forgetLatihan, latihanKept] = useKept(key('latihan'), '');
  const forget: Record<FormId, () => void> = { status: forgetStatus, tugas: forgetWilayah, sk: forgetSk, latihan: forgetLatihan };
  const kept: Record<FormId, boolean> = { status: statusKept, tugas: wilayahKept, sk: skKept, latihan: latihanKept };
  // The outcome of a form is shown in that form, and an error also on the field the server names
  // (it was one notice above all four forms: out of sight on a phone when the SK form failed).
  const [msg, setMsg] = useState<{ form: FormId; tone: 'ok' | 'error'; text: string; field?: string } | null>(null);
  async function run(form: FormId, action: () => Promise<unknown>) {
    try {
      await action();
      forget[form]();
      setMsg({ form, tone: 'ok', text: t('wf.saved') });
      onDone();
    } catch (e) {
      const d = describeError(e);
      setMsg({ form, tone: 'error', text: d.message, field: d.field });
    }
  }
  const submit = (form: FormId, action: () => Promise<unknown>) => (e: Event) => {
    e.preventDefault();
    void run(form, action);
  };
  const note = (form: FormId) =>
    msg?.form === form ? (
      <Notice tone={msg.tone} focus={msg}>
        {msg.text}
      </Notice>
    ) : (
      kept[form] && <Notice tone="info">{t('field.kept')}</Notice>
    );
  const err = (form: FormId, field: string) => (msg?.form === form && msg.field === field ? msg.text : undefined);
  // The assignment's error may name one code of the list ("wilayah[1]").
  const wilayahErr = msg?.form === 'tugas' && msg.field?.startsWith('wilayah') ? msg.text : undefined;
  return (
    <>
      <h2>{t('wf.ubah')}</h2>
      <form class="form" onSubmit={submit('status', () => setStatus(p.id, { status, alasan: alasan || undefined, version: p.version }))}>
        {note('status')}
        <Select label={t('wf.status')} value={status} onValue={setStatusValue} error={err('status', 'status')} options={STATUS_PILAR.map((s) => ({ value: s, label: t(`wf.status.${s}` as MessageKey) }))} />
        <Field label={t('wf.alasan')} value={alasan} onValue={setAlasan} error={err('status', 'alasan')} />
        <button type="submit" class="btn btn-secondary">
          {t('wf.ubahStatus')}
        </button>
      </form>
      <form class="form" onSubmit={submit('tugas', () => assign(p.id, { wilayah, version: p.version }))}>
        {note('tugas')}
        <WilayahPicker
          label={t('wf.tugaskan')}
          hint={t('wf.tugaskanHint')}
          level={p.jenis === 'psm' ? 'rw' : p.jenis === 'tksk' ? 'kecamatan' : undefined}
          under={p.kode_wilayah.slice(0, 5)}
          value={wilayah}
          onChange={setWilayah}
          error={wilayahErr}
          multiple={p.jenis !== 'tksk'}
        />
        <button type="submit" class="btn btn-secondary">
          {t('wf.tugaskanBtn')}
        </button>
      </form>
      <form class="form" onSubmit={submit('sk', () => addSk(p.id, sk))}>
        {note('sk')}
        <Field label={t('wf.sk.nomor')} value={sk.nomor} onValue={(v) => setSkForm((f) => ({ ...f, nomor: v }))} error={err('sk', 'nomor')} />
        <Field label={t('wf.sk.tanggal')} type="date" value={sk.tanggal} onValue={(v) => setSkForm((f) => ({ ...f, tanggal: v }))} error={err('sk', 'tanggal')} />
        <Field label={t('wf.sk.ttd')} value={sk.ditandatangani} onValue={(v) => setSkForm((f) => ({ ...f, ditandatangani: v }))} error={err('sk', 'ditandatangani')} />
        <Field label={t('wf.sk.mulai')} type="date" value={sk.mulai} onValue={(v) => setSkForm((f) => ({ ...f, mulai: v }))} error={err('sk', 'mulai')} />
        <Field label={t('wf.sk.selesai')} type="date" value={sk.selesai} onValue={(v) => setSkForm((f) => ({ ...f, selesai: v }))} error={err('sk', 'selesai')} />
        <button type="submit" class="btn btn-secondary">
          {t('wf.sk.add')}
        </button>
      </form>
      <form class="form" onSubmit={submit('latihan', () => setTraining(p.id, latihan))}>
        {note('latihan')}
        <Field label={t('wf.pelatihan')} type="date" value={latihan} onValue={setLatihan} error={err('latihan', 'tanggal')} />
        <button type="submit" class="btn btn-secondary">
          {t('wf.pelatihanBtn')}
        </button>
      </form>
    </>
  );
}
