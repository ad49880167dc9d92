// One proposal: what it proposes, for which household/member, where it stands, its attachments
// and history, and the moves the caller's role may make now (src/api/usulan.ts MOVES mirrors
// the server's workflow table). A move on a stale version reloads and says so.
import { useRef, useState } from 'preact/hooks';
import { getKeluarga, membersOf } from '../../api/registry';
import type { Me } from '../../api/types';
import { MOVES, getUsulan, isConflict, lampiranHref, moveUsulan, riwayatUsulan, updateUsulan, uploadLampiran, type Move, type Usulan } from '../../api/usulan';
import { DownloadLink } from '../../components/DownloadLink';
import { hasKept, useKept } from '../../components/kept';
import { Disclosure, EmptyState, ErrorState, Loading, Notice, PageTitle, TextArea, describeError } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { WilayahName } from '../../components/WilayahName';
import { formatDateTime, formatNumber, t, type MessageKey } from '../../i18n';
import { roleLabel } from '../../labels';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { HasilFields, checkHasil, emptyHasil, type HasilValue } from '../lapangan/HasilFields';
import { loadOrCached } from '../../offline/edit';
import { useKosakata } from '../registry/common';
import { ContentFields, FileField, IsiText, MAX_UPLOAD, StatusBadge, alasanLabel, contentOf, jenisLabel, payloadOf, statusLabel, type Content } from './common';

export default function UsulanScreen({ params, me }: ScreenProps) {
  const id = params.id;
  // Without signal a PSM's proposal opens from the queue kept on the phone (moves need signal).
  const [cachedAt, setCachedAt] = useState<string | null>(null);
  const res = useAsync(
    (signal) =>
      loadOrCached(me, 'usulan', id, () => getUsulan(id, signal)).then((r) => {
        setCachedAt(r.cachedAt);
        return r.record;
      }),
    [id],
  );
  const [rev, setRev] = useState(0);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const vocab = useKosakata();
  const kk = useAsync(
    (signal) => (res.state === 'ok' ? getKeluarga(res.data.keluarga_id, {}, signal).catch(() => null) : Promise.resolve(null)),
    [res.state === 'ok' ? res.data.keluarga_id : 0],
  );
  // The member by name (as the household's member list shows them), not by record id.
  const members = useAsync(
    (signal) => (res.state === 'ok' && res.data.anggota_id !== null ? membersOf(res.data.keluarga_id, signal).catch(() => null) : Promise.resolve(null)),
    [res.state === 'ok' ? res.data.keluarga_id : 0, res.state === 'ok' ? res.data.anggota_id : null],
  );

  if (res.state === 'loading') return <Loading />;
  if (res.state === 'error')
    return (
      <section>
        <PageTitle title={t('usulan.title')}>{t('usulan.title')}</PageTitle>
        <ErrorState error={res.error} onRetry={res.reload} />
        <p>
          <Link href="/usulan">{t('usulan.title')}</Link>
        </p>
      </section>
    );
  const u = res.data;
  const title = `${t('usulan.item', { id: u.id })} · ${jenisLabel(u.jenis)}`;
  const changed = (nu: Usulan, text: string) => {
    res.set({ ...nu, lampiran: nu.lampiran ?? u.lampiran });
    setRev((r) => r + 1);
    setNotice({ tone: 'ok', text });
  };
  const stale = async () => {
    try {
      const fresh = await getUsulan(u.id);
      res.set(fresh);
      setRev((r) => r + 1);
      setNotice({ tone: 'error', text: t('usulan.stale', { status: statusLabel(fresh.status) }) });
    } catch (e) {
      setNotice({ tone: 'error', text: describeError(e).message });
    }
  };
  const hh = kk.state === 'ok' ? kk.data : null;
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      <p class="badges">
        <StatusBadge s={u.status} />
      </p>
      {cachedAt && <Notice tone="info">{t('usulan.offline', { when: formatDateTime(cachedAt) })}</Notice>}
      {notice && (
        <Notice tone={notice.tone} focus={notice}>
          {notice.text}
          {/* Moved on, it usually leaves the reviewer's queue: the way to the next one. */}
          {notice.tone === 'ok' && (
            <>
              {' '}
              <Link href="/usulan">{t('panel.usulan.open')}</Link>
            </>
          )}
        </Notice>
      )}
      <Actions key={`${u.id}-${u.version}`} u={u} me={me} onMoved={changed} onStale={stale} />
      <h2>{t('usulan.detail')}</h2>
      <dl class="details">
        <dt>{t('usulan.jenis')}</dt>
        <dd>{jenisLabel(u.jenis)}</dd>
        {u.alasan && (
          <>
            <dt>{t('usulan.alasan')}</dt>
            <dd>{alasanLabel(u.alasan)}</dd>
          </>
        )}
        <dt>{t('usulan.isi')}</dt>
        <dd>
          <IsiText u={u} vocab={vocab} />
        </dd>
        <dt>{t('usulan.keluarga')}</dt>
        <dd>
          <Link href={`/keluarga/${u.keluarga_id}`}>{hh ? hh.alamat : `#${u.keluarga_id}`}</Link>
        </dd>
        {u.anggota_id !== null && (
          <>
            <dt>{t('usulan.anggota')}</dt>
            <dd>
              <Link href={`/anggota/${u.anggota_id}`}>{(members.state === 'ok' && members.data?.find((m) => m.id === u.anggota_id)?.nama) || `#${u.anggota_id}`}</Link>
            </dd>
          </>
        )}
        <dt>{t('usulan.wilayah')}</dt>
        <dd>
          <WilayahName kode={u.kode_wilayah} />
        </dd>
        <dt>{t('usulan.status')}</dt>
        <dd>
          {statusLabel(u.status)} · {formatDateTime(u.updated_at)}
        </dd>
        {u.catatan && (
          <>
            <dt>{t('usulan.catatan')}</dt>
            <dd>{u.catatan}</dd>
          </>
        )}
        {u.periksa && (
          <>
            <dt>{t('usulan.periksa')}</dt>
            <dd>{t('usulan.periksaBy', { hasil: t(`field.hasil.${u.periksa.hasil}` as MessageKey), who: u.periksa.oleh ?? '-', when: formatDateTime(u.periksa.at ?? undefined) })}</dd>
          </>
        )}
        {u.musyawarah_id !== null && (
          <>
            <dt>{t('usulan.musyawarah')}</dt>
            <dd>#{u.musyawarah_id}</dd>
          </>
        )}
        {u.hasil_nasional && (
          <>
            <dt>{t('usulan.hasilNasional')}</dt>
            <dd>{statusLabel(u.hasil_nasional)}</dd>
          </>
        )}
      </dl>
      <Attachments u={u} me={me} onUploaded={() => res.reload()} />
      <h2>{t('usulan.history')}</h2>
      <HistoryList id={u.id} rev={rev} />
    </section>
  );
}

function moveLabel(m: Move): string {
  return t(`usulan.move.${m.to}` as MessageKey);
}

/** "Kembalikan ke PSM" -> "kembalikan ke PSM" (after "Ya, "): only the first letter; PSM stays. */
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The ground check of a forwarded proposal (ditinjau -> diverifikasi), sent at once. */
function PeriksaForm({ u, me, onMoved, onStale }: { u: Usulan; me: Me; onMoved: (u: Usulan, text: string) => void; onStale: () => void }) {
  const [answer, setAnswer, forget, restored] = useKept<HasilValue>(`${me.username}.usulan.${u.id}.periksa`, emptyHasil());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const a = checkHasil(answer);
    setErrors(a.ok ? {} : a.errors);
    if (!a.ok) {
      setProblem({ text: t('form.fixErrors') });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const nu = await moveUsulan(u.id, 'diverifikasi', u.version, undefined, { hasil_periksa: a.hasil, lat: a.lat, lon: a.lon, jawaban: a.jawaban });
      forget();
      onMoved(nu, t('usulan.moved', { status: statusLabel(nu.status) }));
    } catch (err) {
      if (isConflict(err)) onStale();
      else {
        // The typed answer stays: only the message changes.
        const { message, field } = describeError(err);
        if (field) setErrors({ [field === 'hasil_periksa' ? 'hasil' : field]: message });
        setProblem({ text: message });
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form form-inline-card" onSubmit={submit} noValidate aria-labelledby="periksa-form-h">
      <h3 id="periksa-form-h">{t('usulan.periksaForm')}</h3>
      <p class="field-hint">{t('usulan.periksaHint')}</p>
      {restored && <Notice tone="info">{t('field.kept')}</Notice>}
      {problem && (
        <Notice tone="error" focus={problem}>
          {problem.text}
        </Notice>
      )}
      <HasilFields value={answer} onValue={setAnswer} errors={errors} />
      <div class="btn-row">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('usulan.periksaSubmit')}
        </button>
      </div>
    </form>
  );
}

function Actions({ u, me, onMoved, onStale }: { u: Usulan; me: Me; onMoved: (u: Usulan, text: string) => void; onStale: () => void }) {
  const moves = MOVES.filter((m) => m.from === u.status && m.roles.includes(me.role) && (!m.onlyCreator || u.created_by === me.username));
  // The move begun and its note are kept in the tab until done or cancelled (components/kept.ts): a
  // reviewer's note survives a reload, a look at the household, an expired session's sign-in.
  const [kept, setKept, forgetKept, restored] = useKept<{ to: string | null; note: string }>(`${me.username}.usulan.${u.id}`, { to: null, note: '' });
  const pending = moves.find((m) => m.to === kept.to) ?? null;
  const note = kept.note;
  const setPending = (m: Move | null) => setKept({ to: m?.to ?? null, note: '' });
  const [error, setError] = useState<{ text: string } | null>(null);
  const [noteError, setNoteError] = useState<string | undefined>();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const [busy, setBusy] = useState(false);
  const editKey = `${me.username}.usulan.${u.id}.ubah`;
  // Open again when an edit was left half typed (kept in the tab by the form).
  const [editOpen, setEditOpen] = useState(() => hasKept(editKey));
  const editable = (u.status === 'draft' || u.status === 'dikembalikan') && (me.role === 'psm' || me.role === 'operator');

  const run = async (m: Move) => {
    if (m.catatan && note.trim().length === 0) {
      setNoteError(t('usulan.noteRequired'));
      noteRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const nu = await moveUsulan(u.id, m.to, u.version, note.trim());
      forgetKept();
      onMoved(nu, t('usulan.moved', { status: statusLabel(nu.status) }));
    } catch (e) {
      if (isConflict(e)) onStale();
      else setError({ text: describeError(e).message });
    } finally {
      setBusy(false);
    }
  };

  // A proposal forwarded for a ground check: the PSM (or the office) records it here.
  const checks = u.status === 'ditinjau' && (me.role === 'psm' || me.role === 'operator');
  const info =
    u.status === 'ditinjau' && !checks
      ? t('usulan.waitPeriksa')
      : u.status === 'diverifikasi' && (me.role === 'tksk' || me.role === 'operator')
        ? t('usulan.toMusyawarah')
        : null;

  return (
    <section aria-labelledby="actions-h" class="panel">
      <h2 id="actions-h">{t('usulan.actions')}</h2>
      {info && <p>{info}</p>}
      {u.status === 'diverifikasi' && (me.role === 'tksk' || me.role === 'operator') && (
        <p>
          <Link href="/usulan/musyawarah" class="btn btn-secondary">
            {t('usulan.musyawarahLink')}
          </Link>
        </p>
      )}
      {checks && <PeriksaForm u={u} me={me} onMoved={onMoved} onStale={onStale} />}
      {moves.length === 0 && !info && !editable && !checks && <p class="muted">{t('usulan.noActions')}</p>}
      {error && (
        <Notice tone="error" focus={error}>
          {error.text}
        </Notice>
      )}
      {pending ? (
        <div class={pending.catatan || pending.to === 'dibatalkan' ? 'confirm' : 'form-inline-card'} role="group" aria-label={moveLabel(pending)}>
          {restored && note && (
            <p class="field-hint" role="status">
              {t('field.kept')}
            </p>
          )}
          <TextArea
            label={pending.catatan ? t('usulan.note') : t('usulan.noteOptional')}
            value={note}
            onValue={(v) => {
              setKept({ to: pending.to, note: v });
              setNoteError(undefined);
            }}
            error={noteError}
            inputRef={noteRef}
            required={pending.catatan}
            rows={3}
          />
          <div class="btn-row">
            <button type="button" class={`btn ${pending.catatan || pending.to === 'dibatalkan' ? 'btn-danger' : 'btn-primary'}`} disabled={busy} onClick={() => void run(pending)}>
              {t('usulan.confirm', { action: lowerFirst(moveLabel(pending)) })}
            </button>
            <button type="button" class="btn btn-secondary" onClick={forgetKept}>
              {t('action.cancel')}
            </button>
          </div>
        </div>
      ) : (
        moves.length > 0 && (
          <div class="btn-row">
            {moves.map((m) => (
              <button
                key={m.to}
                type="button"
                class={`btn ${m.catatan || m.to === 'dibatalkan' ? 'btn-secondary' : 'btn-primary'}`}
                onClick={() => {
                  setPending(m);
                  setNoteError(undefined);
                }}
              >
                {moveLabel(m)}
              </button>
            ))}
          </div>
        )
      )}
      {editable && (
        <Disclosure label={t('usulan.edit')} open={editOpen} onToggle={setEditOpen}>
          <EditUsulan
            u={u}
            keepKey={editKey}
            onSaved={(nu) => {
              setEditOpen(false);
              onMoved(nu, t('usulan.editSaved'));
            }}
            onStale={onStale}
          />
        </Disclosure>
      )}
    </section>
  );
}

function EditUsulan({ u, keepKey, onSaved, onStale }: { u: Usulan; keepKey: string; onSaved: (u: Usulan) => void; onStale: () => void }) {
  // What is typed is kept in the tab until saved (components/kept.ts), with the version it was typed
  // on: a draft from before the proposal changed says so, and saving it applies it to the version
  // now shown, knowingly.
  const [kept, setKept, forget, restored] = useKept<{ version: number; content: Content } | null>(keepKey, null);
  const content = kept?.content ?? contentOf(u);
  const setContent = (c: Content) => setKept({ version: kept?.version ?? u.version, content: c });
  const older = kept !== null && kept.version !== u.version;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const p = payloadOf(u.jenis, content, u.anggota_id ? String(u.anggota_id) : '');
    if (!p.ok) {
      setErrors(p.errors);
      setMessage({ text: t('form.fixErrors') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const saved = await updateUsulan(u.id, u.version, { alasan: p.alasan, isi: p.isi });
      forget();
      onSaved(saved);
    } catch (err) {
      if (isConflict(err)) onStale();
      else {
        const { message: m, field } = describeError(err);
        if (field) setErrors({ [field]: m });
        setMessage({ text: m });
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form form-inline-card" onSubmit={submit} noValidate>
      {message && (
        <Notice tone="error" focus={message}>
          {message.text}
        </Notice>
      )}
      {restored && <Notice tone="info">{t(older ? 'usulan.keptOlder' : 'field.kept')}</Notice>}
      <ContentFields jenis={u.jenis} member={u.anggota_id !== null} value={content} onValue={setContent} errors={errors} />
      <div class="btn-row">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('action.save')}
        </button>
      </div>
    </form>
  );
}

function Attachments({ u, me, onUploaded }: { u: Usulan; me: Me; onUploaded: () => void }) {
  const files = u.lampiran ?? [];
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [done, setDone] = useState<{ text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const may = me.role !== 'kepala';
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) return setError(t('usulan.uploadPick'));
    if (file.size > MAX_UPLOAD) return setError(t('usulan.uploadTooBig'));
    setBusy(true);
    setError(undefined);
    try {
      await uploadLampiran(file, { pemilik: 'usulan', pemilik_id: u.id });
      setOpen(false);
      setDone({ text: t('usulan.uploaded') });
      onUploaded();
    } catch (err) {
      setError(describeError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="files-h">
      <h2 id="files-h">{t('usulan.lampiran')}</h2>
      {done && (
        <Notice tone="ok" focus={done}>
          {done.text}
        </Notice>
      )}
      {files.length === 0 ? (
        <p class="muted">{t('usulan.lampiranNone')}</p>
      ) : (
        <ul class="plain">
          {files.map((f) => (
            <li key={f.id}>
              <DownloadLink href={lampiranHref(f.id)}>
                {t('usulan.lampiranItem', { id: f.id, mime: f.mime, size: formatNumber(Math.ceil(f.ukuran / 1024)) })}
              </DownloadLink>{' '}
              <span class="muted">{t('usulan.byAt', { who: f.created_by, when: formatDateTime(f.created_at) })}</span>
            </li>
          ))}
        </ul>
      )}
      {may && (
        <Disclosure label={t('usulan.upload')} open={open} onToggle={setOpen}>
          <form class="form form-inline-card" onSubmit={submit} noValidate>
            <FileField label={t('usulan.uploadFile')} onFile={setFile} error={error} />
            <div class="btn-row">
              <button type="submit" class="btn btn-primary" disabled={busy}>
                {t('usulan.uploadSubmit')}
              </button>
            </div>
          </form>
        </Disclosure>
      )}
    </section>
  );
}

function HistoryList({ id, rev }: { id: number; rev: number }) {
  const res = useAsync((signal) => riwayatUsulan(id, signal), [id, rev]);
  if (res.state === 'loading') return <Loading />;
  if (res.state === 'error') return <ErrorState error={res.error} onRetry={res.reload} />;
  if (res.data.length === 0) return <EmptyState title={t('reg.history.none')} />;
  return (
    <ol class="cards">
      {[...res.data].reverse().map((h) => (
        <li key={h.id} class="card">
          <h3 class="card-title">{h.dari ? t('usulan.historyItem', { from: statusLabel(h.dari), to: statusLabel(h.ke) }) : `${t('usulan.created')}: ${statusLabel(h.ke)}`}</h3>
          <p class="card-meta">
            <time dateTime={h.at}>{formatDateTime(h.at)}</time> · {h.username} ({(['psm', 'tksk', 'operator', 'kepala', 'admin'] as const).includes(h.role as 'psm') ? roleLabel(h.role as 'psm') : h.role})
          </p>
          {h.catatan && (
            <p>
              {t('usulan.note')}: {h.catatan}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
