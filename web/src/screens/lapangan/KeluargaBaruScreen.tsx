// Register a household and its members, online or not (PSM in the field). Saved to the device's
// queue first — a household op with a client uid, then one op per member that names the
// household by that uid, all in one transaction (all or none) — and sent by the sync in the
// background (src/offline/queue.ts).
//
// Duplicate warning: when online, each member is first checked against the registry
// (POST /api/v1/anggota/cek-duplikat); probable duplicates are listed under the form and the
// worker either corrects the entry or saves anyway. Offline (or when the check fails) the record
// is queued as usual: the server puts a member saved with probable duplicates in the review queue,
// so nothing is dropped and nothing slips through unseen.
import { useState } from 'preact/hooks';
import { fieldSetter, useKept } from '../../components/kept';
import { cekDuplikat, type Kandidat } from '../../api/duplikat';
import { Field, Notice, PageTitle } from '../../components/ui';
import { type MessageKey, t, tn } from '../../i18n';
import { enqueueAll, refusedMessage } from '../../offline/queue';
import { newUid } from '../../offline/uid';
import type { ScreenProps } from '../../routes';
import { rwLabel, useWilayahNames } from '../../labels';
import { Link } from '../../router/Link';
import { MemberLine, pctSkor, ringkasAlasan } from '../duplikat/common';
import { QueuedNotice, Select, rwCodes } from './parts';

const HUBUNGAN = ['kepala_keluarga', 'istri_suami', 'anak', 'menantu', 'cucu', 'orang_tua', 'mertua', 'famili_lain', 'lainnya'] as const;

interface Member {
  key: string;
  nama: string;
  nik: string;
  jenis_kelamin: string;
  tanggal_lahir: string;
  hubungan: string;
}

const emptyMember = (first: boolean): Member => ({
  key: newUid(),
  nama: '',
  nik: '',
  jenis_kelamin: 'L',
  tanggal_lahir: '',
  hubungan: first ? 'kepala_keluarga' : 'anak',
});

type Errors = Record<string, string>;

export default function KeluargaBaruScreen({ me }: ScreenProps) {
  const rws = rwCodes(me.wilayah);

  // The RW by name as the header names it (already fetched, so drawn at once); offline on a fresh
  // page, its number and kelurahan code, read from the code (it was the bare code).
  const rwNames = useWilayahNames(rws);
  const rwName = (w: string) => {
    const n = rwNames[rws.indexOf(w)];
    return n && n !== w ? `${n} (${w})` : rwLabel(w);
  };
  // What is typed is kept in the tab until saved (components/kept.ts): a reload, a look at another
  // screen or Android dropping the tab loses nothing.
  type Form = { rw: string; noKk: string; rt: string; alamat: string; members: Member[] };
  const [form, setForm, forget, restored] = useKept<Form>(`${me.username}.keluarga-baru`, {
    rw: rws[0] ?? '',
    noKk: '',
    rt: '',
    alamat: '',
    members: [emptyMember(true)],
  });
  const { rw, noKk, rt, alamat, members } = form;
  const setter = fieldSetter(setForm);
  const [setRw, setNoKk, setRt, setAlamat] = [setter('rw'), setter('noKk'), setter('rt'), setter('alamat')];
  const setMembers = (u: (ms: Member[]) => Member[]) => setForm((f) => ({ ...f, members: u(f.members) }));
  const [errors, setErrors] = useState<Errors>({});
  const [saved, setSaved] = useState<{ n: number; ids: string[] } | null>(null);
  const [problem, setProblem] = useState<{ text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  /** Probable duplicates per member (by key); non-null once the check found some: the next submit saves anyway. */
  const [warnings, setWarnings] = useState<{ member: Member; items: Kandidat[] }[] | null>(null);

  const setMember = (i: number, p: Partial<Member>) => {
    setWarnings(null);
    setMembers((ms) => ms.map((m, j) => (j === i ? { ...m, ...p } : m)));
  };

  /** The registry's probable duplicates of each member; [] when offline or the check fails (the server flags them on sync). */
  async function checkDuplicates(): Promise<{ member: Member; items: Kandidat[] }[]> {
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return [];
    const found: { member: Member; items: Kandidat[] }[] = [];
    try {
      for (const m of members) {
        const r = await cekDuplikat({
          nama: m.nama.trim(),
          jenis_kelamin: m.jenis_kelamin,
          ...(m.nik.trim() ? { nik: m.nik.trim() } : {}),
          ...(m.tanggal_lahir ? { tanggal_lahir: m.tanggal_lahir } : {}),
          kode_wilayah: rw,
          ...(rt.trim() ? { rt: rt.trim().padStart(3, '0') } : {}),
          alamat: alamat.trim(),
        });
        if (r.items.length) found.push({ member: m, items: r.items });
      }
    } catch {
      return [];
    }
    return found;
  }

  function validate(): Errors {
    const e: Errors = {};
    if (!rw) e.rw = t('field.err.noRw');
    if (!/^\d{16}$/.test(noKk.trim())) e.no_kk = t('field.err.noKk');
    if (rt.trim() && !/^\d{1,3}$/.test(rt.trim())) e.rt = t('field.err.rt');
    if (!alamat.trim()) e.alamat = t('field.err.required');
    members.forEach((m, i) => {
      if (!m.nama.trim()) e[`nama${i}`] = t('field.err.required');
      if (m.nik.trim() && !/^\d{16}$/.test(m.nik.trim())) e[`nik${i}`] = t('field.err.nik');
    });
    return e;
  }

  async function submit(ev: Event) {
    ev.preventDefault();
    const e = validate();
    setErrors(e);
    setSaved(null);
    if (Object.keys(e).length) {
      setProblem({ text: t('field.err.form') });
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      if (!warnings) {
        const found = await checkDuplicates();
        if (found.length) {
          setWarnings(found);
          return;
        }
      }
      const uid = newUid();
      const parts = rw.split('.');
      // The household and its members in one go: the device stores them all or none, so a storage
      // failure part way never leaves a household queued without its members (or members whose
      // household never comes).
      const ops = await enqueueAll([
        {
          jenis: 'keluarga.buat',
          label: t('field.op.keluarga', { alamat: alamat.trim() }),
          data: {
            uid,
            no_kk: noKk.trim(),
            kode_wilayah: parts.slice(0, 4).join('.'),
            rw: parts[4],
            ...(rt.trim() ? { rt: rt.trim() } : {}),
            alamat: alamat.trim(),
          },
        },
        ...members.map((m) => ({
          jenis: 'anggota.buat',
          label: t('field.op.anggota', { nama: m.nama.trim() }),
          data: {
            uid: newUid(),
            keluarga_uid: uid,
            nama: m.nama.trim(),
            jenis_kelamin: m.jenis_kelamin,
            hubungan: m.hubungan,
            ...(m.nik.trim() ? { nik: m.nik.trim() } : {}),
            ...(m.tanggal_lahir ? { tanggal_lahir: m.tanggal_lahir } : {}),
          },
        })),
      ]);
      const ids = ops.map((o) => o.op_id);
      setSaved({ n: members.length, ids });
      setWarnings(null);
      forget();
    } catch (err) {
      // The phone's storage refused it (full, or blocked): nothing was queued, said in the user's
      // words with the browser's own (English) reason beside it; what was typed stays in the form.
      setProblem({ text: refusedMessage('keluarga', err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <PageTitle title={t('field.kb.title')}>{t('field.kb.title')}</PageTitle>
      <p class="subtitle">{t('field.kb.lede')}</p>
      {saved && (
        <QueuedNotice ids={saved.ids} waiting={tn('field.kb.saved', saved.n)} focus={saved}>
          <Link href="/sinkron">{t('field.seeQueue')}</Link>
        </QueuedNotice>
      )}
      {problem && (
        <Notice tone="error" focus={problem}>
          {problem.text}
        </Notice>
      )}
      {restored && !saved && <Notice tone="info">{t('field.kept')}</Notice>}
      <form class="form" onSubmit={submit} noValidate>
        {rws.length > 1 ? (
          <Select label={t('field.kb.rw')} value={rw} onValue={setRw} options={rws.map((w) => ({ value: w, label: rwName(w) }))} error={errors.rw} />
        ) : (
          <p class="field-static">
            {t('field.kb.rw')}: {rw ? rwName(rw) : '—'}
            {errors.rw && <span class="field-error"> {errors.rw}</span>}
          </p>
        )}
        <Field label={t('field.kb.noKk')} value={noKk} onValue={setNoKk} inputMode="numeric" maxLength={16} required error={errors.no_kk} />
        <Field label={t('field.kb.rt')} value={rt} onValue={setRt} inputMode="numeric" maxLength={3} hint={t('field.kb.rtHint')} error={errors.rt} />
        <Field label={t('field.kb.alamat')} value={alamat} onValue={setAlamat} required error={errors.alamat} />
        {members.map((m, i) => (
          <fieldset key={m.key} class="member">
            <legend>{t('field.kb.member', { n: i + 1 })}</legend>
            <Field label={t('field.kb.nama')} value={m.nama} onValue={(v) => setMember(i, { nama: v })} required error={errors[`nama${i}`]} />
            <Field label={t('field.kb.nik')} value={m.nik} onValue={(v) => setMember(i, { nik: v })} inputMode="numeric" maxLength={16} hint={t('field.kb.nikHint')} error={errors[`nik${i}`]} />
            <Select
              label={t('field.kb.jk')}
              value={m.jenis_kelamin}
              onValue={(v) => setMember(i, { jenis_kelamin: v })}
              options={[
                { value: 'L', label: t('field.kb.jk.L') },
                { value: 'P', label: t('field.kb.jk.P') },
              ]}
            />
            <Field label={t('field.kb.lahir')} type="date" value={m.tanggal_lahir} onValue={(v) => setMember(i, { tanggal_lahir: v })} />
            <Select
              label={t('field.kb.hubungan')}
              value={m.hubungan}
              onValue={(v) => setMember(i, { hubungan: v })}
              options={HUBUNGAN.map((h) => ({ value: h, label: t(`field.hubungan.${h}` as MessageKey) }))}
            />
            {members.length > 1 && (
              <button type="button" class="btn btn-quiet" onClick={() => setMembers((ms) => ms.filter((_, j) => j !== i))}>
                {t('field.kb.removeMember', { n: i + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        <p>
          <button type="button" class="btn btn-secondary" onClick={() => setMembers((ms) => [...ms, emptyMember(false)])}>
            {t('field.kb.addMember')}
          </button>
        </p>
        {warnings && (
          <Notice tone="info" focus={warnings}>
            <h2>{t('dup.warn.title')}</h2>
            <p>{t('dup.warn.body')}</p>
            {warnings.map((w) => (
              <div key={w.member.key}>
                <h3>{w.member.nama}</h3>
                <ul class="list">
                  {w.items.map((k) => (
                    <li key={k.anggota.id}>
                      <Link href={`/anggota/${k.anggota.id}`} class="list-link">
                        <span class="list-main">
                          {k.anggota.nama} <span class="badge badge-warn">{pctSkor(k.skor)}</span>
                        </span>
                        <span class="list-sub">
                          <MemberLine a={k.anggota} />
                        </span>
                        <span class="list-sub">{ringkasAlasan(k.rincian)}</span>
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
            <p>{t('dup.warn.how')}</p>
          </Notice>
        )}
        <button type="submit" class="btn" disabled={busy}>
          {warnings ? t('dup.warn.saveAnyway') : t('field.kb.save')}
        </button>
      </form>
    </section>
  );
}
