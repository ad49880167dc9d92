// One event: its facts, sessions and topics, participants (invite by role and wilayah, add a
// speaker or guest, register or cancel), attendance files, cards, certificates and the door-prize
// draw. The office manages; others see what their scope allows and may register themselves.
import { useState } from 'preact/hooks';
import type { Me, Role } from '../../api/types';
import {
  addPeserta,
  addSesi,
  daftarSendiri,
  getAcara,
  listPeserta,
  listUndian,
  saveFile,
  setPesertaStatus,
  terbitkanSertifikat,
  ulangUndian,
  undang,
  undi,
  updateAcara,
  type Acara,
  type PeranPeserta,
  type StatusAcara,
} from '../../api/acara';
import { Disclosure, EmptyState, ErrorState, Field, Loading, Notice, PageTitle } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { Named, WilayahName } from '../../components/WilayahName';
import { roleLabel } from '../../labels';
import { useWilayahRowNames } from '../../wilayahRows';
import { formatDateTime, formatNumber, t, tn } from '../../i18n';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { Select } from '../registry/common';
import { Check, FormMessage, isOffice, jam, peranLabel, pukul, statusLabel, tanggal, useSubmit } from './common';

export default function AcaraScreen({ params, me }: ScreenProps) {
  const id = Number(params.id);
  const res = useAsync((signal) => getAcara(id, signal), [id]);
  if (res.state === 'loading') return <Loading />;
  if (res.state === 'error') return <ErrorState error={res.error} onRetry={res.reload} />;
  const a = res.data;
  const office = isOffice(me.role);
  return (
    <section>
      <PageTitle title={a.judul}>{a.judul}</PageTitle>
      <p class="subtitle">
        {t(`acara.jenis.${a.jenis}`)} · {tanggal(a)} · {a.tempat}
      </p>
      <dl class="details">
        <dt>{t('acara.status')}</dt>
        <dd>{statusLabel(a.status)}</dd>
        <dt>{t('acara.penyelenggara')}</dt>
        <dd>{a.penyelenggara}</dd>
        <dt>{t('acara.kapasitas')}</dt>
        <dd>{tn('acara.seats', a.kapasitas, { terisi: formatNumber(a.jumlah_terdaftar) })}</dd>
        <dt>{t('acara.wilayah')}</dt>
        <dd>
          <WilayahName kode={a.kode_wilayah} />
        </dd>
        {a.pelatihan_dasar && (
          <>
            <dt>{t('acara.dasarShort')}</dt>
            <dd>{t('acara.ya')}</dd>
          </>
        )}
      </dl>
      <div class="btn-row">
        <Link href={`/acara/${a.id}/pintu`} class="btn btn-primary">
          {t('acara.openDoor')}
        </Link>
        {!office && a.status === 'dibuka' && <SelfRegister id={a.id} />}
      </div>
      {office && <EditForm a={a} onSaved={res.reload} />}
      <h2>{t('acara.sesi')}</h2>
      <ul class="list list-rows">
        {(a.sesi ?? []).map((s) => (
          <li key={s.id}>
            <span class="list-title">
              {s.urutan}. {s.judul}
            </span>
            <span class="list-meta">
              {jam(s.mulai)} – {pukul(s.selesai)}
              {s.topik && <> · {s.topik}</>}
              {s.narasumber_nama && <> · {s.narasumber_nama}</>} · {t('acara.hadirN', { n: formatNumber(s.jumlah_hadir) })}
            </span>
          </li>
        ))}
      </ul>
      {office && <SesiForm a={a} onSaved={res.reload} />}
      <Participants a={a} me={me} />
      {(office || me.role === 'kepala') && <Files a={a} />}
      {office && <Certificates a={a} />}
      {(office || me.role === 'kepala') && <Draws a={a} office={office} />}
    </section>
  );
}

function SelfRegister({ id }: { id: number }) {
  const f = useSubmit();
  return (
    <>
      <button type="button" class="btn btn-secondary" disabled={f.busy} onClick={() => void f.run(async () => (await daftarSendiri(id), t('acara.registered')))}>
        {t('acara.register')}
      </button>
      {f.message && (
        <Notice tone={f.message.tone} focus={f.message}>
          {f.message.text} {f.message.tone === 'ok' && <Link href="/kartu-saya">{t('acara.myCards')}</Link>}
        </Notice>
      )}
    </>
  );
}

function EditForm({ a, onSaved }: { a: Acara; onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<StatusAcara>(a.status);
  const [kapasitas, setKapasitas] = useState(String(a.kapasitas));
  const [tempat, setTempat] = useState(a.tempat);
  const f = useSubmit();
  const statuses = (['draf', 'dibuka', 'ditutup', 'selesai', 'batal'] as const).map((s) => ({ value: s, label: statusLabel(s) }));
  return (
    <Disclosure label={t('acara.edit')} open={open} onToggle={setOpen}>
      <form
        class="form form-inline-card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void f.run(async () => {
            await updateAcara(a.id, { status, kapasitas: Number(kapasitas), tempat, version: a.version });
            onSaved();
            return t('acara.saved');
          });
        }}
      >
        <FormMessage m={f.message} />
        <Select label={t('acara.status')} value={status} onValue={(v) => setStatus(v as StatusAcara)} options={statuses} error={f.errors.status} />
        <Field label={t('acara.kapasitas')} inputMode="numeric" value={kapasitas} onValue={setKapasitas} error={f.errors.kapasitas} />
        <Field label={t('acara.tempat')} value={tempat} onValue={setTempat} error={f.errors.tempat} />
        <div class="btn-row">
          <button type="submit" class="btn btn-primary" disabled={f.busy}>
            {t('action.save')}
          </button>
        </div>
      </form>
    </Disclosure>
  );
}

function SesiForm({ a, onSaved }: { a: Acara; onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  const [judul, setJudul] = useState('');
  const [topik, setTopik] = useState('');
  const [mulai, setMulai] = useState(`${a.tanggal_mulai}T08:00`);
  const [selesai, setSelesai] = useState(`${a.tanggal_mulai}T12:00`);
  const f = useSubmit();
  return (
    <Disclosure label={t('acara.addSesi')} open={open} onToggle={setOpen}>
      <form
        class="form form-inline-card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void f.run(async () => {
            await addSesi(a.id, { judul, topik: topik || undefined, mulai, selesai });
            onSaved();
            return t('acara.saved');
          });
        }}
      >
        <FormMessage m={f.message} />
        <Field label={t('acara.sesiJudul')} value={judul} onValue={setJudul} error={f.errors['sesi.judul']} />
        <Field label={t('acara.topik')} value={topik} onValue={setTopik} hint={t('acara.topikHint')} error={f.errors['sesi.topik']} />
        <Field label={t('acara.sesiMulai')} value={mulai} onValue={setMulai} hint="YYYY-MM-DDTHH:MM" error={f.errors['sesi.mulai']} />
        <Field label={t('acara.sesiSelesai')} value={selesai} onValue={setSelesai} hint="YYYY-MM-DDTHH:MM" error={f.errors['sesi.selesai']} />
        <div class="btn-row">
          <button type="submit" class="btn btn-primary" disabled={f.busy}>
            {t('acara.addSesi')}
          </button>
        </div>
      </form>
    </Disclosure>
  );
}

function Participants({ a, me }: { a: Acara; me: Me }) {
  const office = isOffice(me.role);
  const res = useAsync((signal) => listPeserta(a.id, signal), [a.id]);
  const nameOf = useWilayahRowNames(res.state === 'ok' ? res.data.flatMap((p) => (p.kode_wilayah ? [p.kode_wilayah] : [])) : []);
  const [tab, setTab] = useState<'' | 'undang' | 'tambah'>('');
  const change = useSubmit();
  return (
    <>
      <h2>{t('acara.peserta')}</h2>
      {office && (
        <>
          <Disclosure label={t('acara.invite')} open={tab === 'undang'} onToggle={(o) => setTab(o ? 'undang' : '')}>
            <InviteForm a={a} onDone={res.reload} />
          </Disclosure>
          <Disclosure label={t('acara.addGuest')} open={tab === 'tambah'} onToggle={(o) => setTab(o ? 'tambah' : '')}>
            <GuestForm a={a} onDone={res.reload} />
          </Disclosure>
        </>
      )}
      <FormMessage m={change.message} />
      {res.state === 'loading' ? (
        <Loading />
      ) : res.state === 'error' ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : res.data.length === 0 ? (
        <EmptyState title={t('acara.noPeserta')} />
      ) : (
        <ul class="list list-rows">
          {res.data.map((p) => (
            <li key={p.id}>
              <span class="list-title">{p.nama}</span>
              <span class="list-meta">
                {peranLabel(p.peran)}
                {p.peran_akun && <> ({roleLabel(p.peran_akun as Role)})</>}
                {p.kode_wilayah && (
                  <>
                    {' · '}
                    <Named kode={p.kode_wilayah} nama={nameOf(p.kode_wilayah)} />
                  </>
                )}{' '}
                · {t(`acara.pstatus.${p.status}`)} ·{' '}
                {tn('acara.sesiHadir', p.sesi_hadir)}
                {p.sertifikat_kode && !p.sertifikat_dicabut_pada && <> · {t('acara.certShort')}</>}
              </span>
              {office && p.status !== 'terdaftar' && (
                <button
                  type="button"
                  class="btn btn-small btn-secondary"
                  disabled={change.busy}
                  onClick={() => void change.run(async () => (await setPesertaStatus(a.id, p.id, 'terdaftar'), res.reload(), t('acara.registeredOther', { nama: p.nama })))}
                >
                  {t('acara.doRegister', { nama: p.nama })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function InviteForm({ a, onDone }: { a: Acara; onDone: () => void }) {
  const [psm, setPsm] = useState(true);
  const [tksk, setTksk] = useState(true);
  const [wilayah, setWilayah] = useState(a.kode_wilayah);
  const [langsung, setLangsung] = useState(false);
  const f = useSubmit();
  return (
    <form
      class="form form-inline-card"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const roles = [psm && 'psm', tksk && 'tksk'].filter(Boolean) as string[];
        void f.run(async () => {
          const r = await undang(a.id, { peran_akun: roles, kode_wilayah: wilayah, langsung_daftar: langsung });
          onDone();
          return tn('acara.invited', r.sudah_ada, { diundang: formatNumber(r.diundang), penuh: formatNumber(r.penuh) });
        });
      }}
    >
      <FormMessage m={f.message} />
      <fieldset class="plain">
        <legend>{t('acara.inviteRoles')}</legend>
        <Check label="PSM" checked={psm} onChange={setPsm} />
        <Check label="TKSK" checked={tksk} onChange={setTksk} />
        {f.errors.peran_akun && <p class="field-error">{f.errors.peran_akun}</p>}
      </fieldset>
      <Field label={t('acara.wilayah')} value={wilayah} onValue={setWilayah} error={f.errors.kode_wilayah} />
      <Check label={t('acara.inviteRegister')} checked={langsung} onChange={setLangsung} />
      <div class="btn-row">
        <button type="submit" class="btn btn-primary" disabled={f.busy}>
          {t('acara.inviteSubmit')}
        </button>
      </div>
    </form>
  );
}

function GuestForm({ a, onDone }: { a: Acara; onDone: () => void }) {
  const [nama, setNama] = useState('');
  const [peran, setPeran] = useState<PeranPeserta>('narasumber');
  const [instansi, setInstansi] = useState('');
  const f = useSubmit();
  const roles = (['narasumber', 'tamu', 'panitia', 'peserta'] as const).map((p) => ({ value: p, label: peranLabel(p) }));
  return (
    <form
      class="form form-inline-card"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void f.run(async () => {
          const p = await addPeserta(a.id, { nama, peran, instansi: instansi || undefined, daftar: true });
          setNama('');
          onDone();
          return t('acara.guestAdded', { nama: p.nama });
        });
      }}
    >
      <FormMessage m={f.message} />
      <Field label={t('acara.nama')} value={nama} onValue={setNama} error={f.errors.nama} autocomplete="off" />
      <Select label={t('acara.peran')} value={peran} onValue={(v) => setPeran(v as PeranPeserta)} options={roles} error={f.errors.peran} />
      <Field label={t('acara.instansi')} value={instansi} onValue={setInstansi} error={f.errors.instansi} />
      <div class="btn-row">
        <button type="submit" class="btn btn-primary" disabled={f.busy}>
          {t('acara.addGuestSubmit')}
        </button>
      </div>
    </form>
  );
}

function Files({ a }: { a: Acara }) {
  const f = useSubmit();
  const get = (what: 'hadir' | 'kartu' | 'sertifikat', format?: string) =>
    void f.run(async () => (await saveFile(a.id, what, format ? { format } : undefined), t('acara.downloaded')));
  return (
    <>
      <h2>{t('acara.files')}</h2>
      <FormMessage m={f.message} />
      <div class="btn-row">
        <button type="button" class="btn btn-secondary" disabled={f.busy} onClick={() => get('hadir', 'xlsx')}>
          {t('acara.fileHadirXlsx')}
        </button>
        <button type="button" class="btn btn-secondary" disabled={f.busy} onClick={() => get('hadir', 'pdf')}>
          {t('acara.fileHadirPdf')}
        </button>
        <button type="button" class="btn btn-secondary" disabled={f.busy} onClick={() => get('kartu')}>
          {t('acara.fileKartu')}
        </button>
        <button type="button" class="btn btn-secondary" disabled={f.busy} onClick={() => get('sertifikat')}>
          {t('acara.fileSertifikat')}
        </button>
      </div>
    </>
  );
}

// Certificates and draws go to people who attended: until someone has, their buttons say why they
// cannot be used yet instead of answering "0 issued" or a conflict.
function nobodyPresent(a: Acara): boolean {
  return (a.sesi ?? []).every((s) => s.jumlah_hadir === 0);
}

function NobodyPresent({ id }: { id: string }) {
  return (
    <p class="muted" id={id}>
      {t('acara.nobodyPresent')}
    </p>
  );
}

function Certificates({ a }: { a: Acara }) {
  const [minimal, setMinimal] = useState('0');
  const f = useSubmit();
  const waiting = nobodyPresent(a);
  return (
    <form
      class="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void f.run(async () => {
          const r = await terbitkanSertifikat(a.id, Number(minimal) || 0);
          return tn('acara.certIssued', r.diterbitkan, { ada: formatNumber(r.sudah_ada), kurang: formatNumber(r.tidak_memenuhi) });
        });
      }}
    >
      <h2>{t('acara.cert')}</h2>
      <FormMessage m={f.message} />
      <Field label={t('acara.certMinimal')} hint={t('acara.certMinimalHint')} inputMode="numeric" value={minimal} onValue={setMinimal} error={f.errors.minimal_sesi} />
      {waiting && <NobodyPresent id="cert-waiting" />}
      <div class="btn-row">
        <button type="submit" class="btn btn-primary" disabled={f.busy || waiting} aria-describedby={waiting ? 'cert-waiting' : undefined}>
          {t('acara.certSubmit')}
        </button>
      </div>
    </form>
  );
}

function Draws({ a, office }: { a: Acara; office: boolean }) {
  const res = useAsync((signal) => listUndian(a.id, signal), [a.id]);
  const [hadiah, setHadiah] = useState('');
  const [jumlah, setJumlah] = useState('1');
  const [seed, setSeed] = useState('');
  const f = useSubmit();
  const check = useSubmit();
  const waiting = nobodyPresent(a);
  return (
    <>
      <h2>{t('acara.draw')}</h2>
      <p class="muted">{t('acara.drawLede')}</p>
      {office && (
        <form
          class="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void f.run(async () => {
              const u = await undi(a.id, { hadiah, jumlah: Number(jumlah) || 1, seed: seed || undefined });
              res.reload();
              return t('acara.drawDone', { names: u.pemenang.map((w) => w.nama).join(', '), seed: u.seed });
            });
          }}
        >
          <FormMessage m={f.message} />
          <Field label={t('acara.hadiah')} value={hadiah} onValue={setHadiah} error={f.errors.hadiah} />
          <Field label={t('acara.jumlahPemenang')} inputMode="numeric" value={jumlah} onValue={setJumlah} error={f.errors.jumlah} />
          <Field label={t('acara.seed')} hint={t('acara.seedHint')} value={seed} onValue={setSeed} error={f.errors.seed} />
          {waiting && <NobodyPresent id="draw-waiting" />}
          <div class="btn-row">
            <button type="submit" class="btn btn-primary" disabled={f.busy || waiting} aria-describedby={waiting ? 'draw-waiting' : undefined}>
              {t('acara.drawSubmit')}
            </button>
          </div>
        </form>
      )}
      <FormMessage m={check.message} />
      {res.state === 'ok' && res.data.length > 0 && (
        <ul class="list list-rows">
          {res.data.map((u) => (
            <li key={u.id}>
              <span class="list-title">
                {u.hadiah}: {u.pemenang.map((w) => w.nama).join(', ')}
              </span>
              <span class="list-meta">
                {t('acara.drawMeta', { seed: u.seed, n: formatNumber(u.calon.length) })} · {formatDateTime(u.dibuat_pada)}
              </span>
              <button
                type="button"
                class="btn btn-small btn-secondary"
                disabled={check.busy}
                onClick={() => void check.run(async () => ((await ulangUndian(a.id, u.id)).sama ? t('acara.drawSame') : t('acara.drawDiffers')))}
              >
                {t('acara.drawRerun')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
