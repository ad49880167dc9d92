// A new proposal from a household or member page (?keluarga=ID[&anggota=ID]): the kind, the
// member it is about, what it proposes, a note. It is saved as a draft; the proposal's own page
// submits it, so the author checks it once more first. Without signal a PSM's proposal is made
// from the household kept on the phone and queued as usulan.buat (src/offline).
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { getKeluarga, membersOf, type Anggota } from '../../api/registry';
import type { Me } from '../../api/types';
import { JENIS, createUsulan, type Jenis } from '../../api/usulan';
import { useKept } from '../../components/kept';
import { EmptyState, ErrorState, Loading, Notice, PageTitle, TextArea, describeError, useFieldId } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { t } from '../../i18n';
import { readList } from '../../offline/cache';
import { editsOffline, loadOrCached } from '../../offline/edit';
import { enqueue, refusedMessage } from '../../offline/queue';
import { newUid } from '../../offline/uid';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { navigate } from '../../router/router';
import { Select } from '../registry/common';
import { ContentFields, emptyContent, jenisLabel, payloadOf, type Content } from './common';

export default function UsulanBaruScreen({ query, me }: ScreenProps) {
  const keluarga = Number(query.get('keluarga') ?? '');
  const title = t('usulan.new.title');
  const data = useAsync(async (signal) => {
    if (!(keluarga > 0)) return null;
    const k = await loadOrCached(me, 'keluarga', keluarga, () => getKeluarga(keluarga, {}, signal));
    const members = k.cachedAt
      ? ((await readList<Anggota>(me.username, 'anggota'))?.items ?? []).filter((a) => a.keluarga_id === keluarga)
      : await membersOf(keluarga, signal);
    return { k: k.record, members };
  }, [keluarga]);
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      {!(keluarga > 0) ? (
        <EmptyState title={t('usulan.new.title')}>
          {t('usulan.new.noKeluarga')} <Link href="/keluarga">{t('usulan.new.toKeluarga')}</Link>
        </EmptyState>
      ) : data.state === 'loading' ? (
        <Loading />
      ) : data.state === 'error' ? (
        <ErrorState error={data.error} onRetry={data.reload} />
      ) : (
        data.data && <NewForm me={me} keluargaId={keluarga} alamat={data.data.k.alamat} members={data.data.members} initialMember={query.get('anggota') ?? ''} />
      )}
    </section>
  );
}

function NewForm({
  me,
  keluargaId,
  alamat,
  members,
  initialMember,
}: {
  me: Me;
  keluargaId: number;
  alamat: string;
  members: { id: number; nama: string }[];
  initialMember: string;
}) {
  // What is typed is kept in the tab until saved (components/kept.ts): a reload or a look at the
  // household page loses nothing.
  type Form = { anggota: string; jenis: Jenis; content: Content; catatan: string };
  const [form, setForm, forget, restored] = useKept<Form>(`${me.username}.usulan-baru.${keluargaId}.${initialMember}`, {
    anggota: members.some((m) => String(m.id) === initialMember) ? initialMember : '',
    jenis: initialMember ? 'ppks' : 'keluarga_baru',
    content: emptyContent(),
    catatan: '',
  });
  const { anggota, jenis, content, catatan } = form;
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const setAnggota = (v: string) => set({ anggota: v });
  const setJenis = (v: Jenis) => set({ jenis: v });
  const setContent = (v: Content) => set({ content: v });
  const setCatatan = (v: string) => set({ catatan: v });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [queued, setQueued] = useState<object | null>(null);
  const jenisId = useFieldId('jenis');

  const submit = async (e: Event) => {
    e.preventDefault();
    const p = payloadOf(jenis, content, anggota);
    if (!p.ok) {
      setErrors(p.errors);
      setMessage({ text: t('form.fixErrors') });
      return;
    }
    setErrors({});
    setBusy(true);
    setMessage(null);
    const body = {
      jenis,
      keluarga_id: keluargaId,
      anggota_id: anggota ? Number(anggota) : undefined,
      alasan: p.alasan,
      isi: p.isi,
      catatan: catatan.trim() || undefined,
    };
    try {
      const u = await createUsulan(body);
      forget();
      navigate(`/usulan/${u.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.isNetwork && editsOffline(me)) {
        // No signal: the same draft goes into the phone's queue, sent when there is signal.
        try {
          await enqueue({ jenis: 'usulan.buat', label: t('usulan.new.opLabel', { alamat }), data: { uid: newUid(), ...body } });
        } catch (refused) {
          // The phone's storage refused it (the button stayed disabled with no word before): said,
          // and the draft stays in the form.
          setMessage({ text: refusedMessage('usulan', refused) });
          setBusy(false);
          return;
        }
        forget();
        setQueued({});
        setBusy(false);
        return;
      }
      const { message: m, field } = describeError(err);
      if (field) setErrors({ [field]: m });
      setMessage({ text: m });
      setBusy(false);
    }
  };

  if (queued)
    return (
      <Notice tone="ok" focus={queued}>
        {t('usulan.new.queued')} <Link href="/sinkron">{t('sync.title')}</Link>
      </Notice>
    );
  return (
    <form class="form" onSubmit={submit} noValidate>
      <p class="subtitle">{t('usulan.new.for', { alamat })}</p>
      {restored && <Notice tone="info">{t('field.kept')}</Notice>}
      {message && (
        <Notice tone="error" focus={message}>
          {message.text}
        </Notice>
      )}
      <fieldset class="field" aria-describedby={`${jenisId}-hint`}>
        <legend>{t('usulan.new.jenis')}</legend>
        <p id={`${jenisId}-hint`} class="field-hint">
          {t('reg.propose.hint')}
        </p>
        <ul class="checks">
          {JENIS.map((j) => (
            <li key={j}>
              <label>
                <input type="radio" name="jenis" value={j} checked={jenis === j} onChange={() => setJenis(j)} />
                {jenisLabel(j)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <Select
        label={t('usulan.new.member')}
        value={anggota}
        onValue={setAnggota}
        blank={t('usulan.new.memberNone')}
        error={errors.anggota ?? errors.anggota_id}
        options={members.map((m) => ({ value: String(m.id), label: m.nama }))}
      />
      <ContentFields jenis={jenis} member={!!anggota} value={content} onValue={setContent} errors={errors} />
      <TextArea label={t('usulan.noteOptional')} value={catatan} onValue={setCatatan} error={errors.catatan} rows={3} />
      <p class="field-hint">{t('usulan.new.draftNote')}</p>
      <div class="btn-row">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('usulan.new.submit')}
        </button>
      </div>
    </form>
  );
}
