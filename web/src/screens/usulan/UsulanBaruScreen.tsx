// A new proposal from a household or member page (?keluarga=ID[&anggota=ID]): the kind, the
// member it is about, what it proposes, a note. It is saved as a draft; the proposal's own page
// submits it, so the author checks it once more first.
import { useState } from 'preact/hooks';
import { getKeluarga, membersOf } from '../../api/registry';
import { JENIS, createUsulan, type Jenis } from '../../api/usulan';
import { EmptyState, ErrorState, Loading, Notice, PageTitle, TextArea, describeError, useFieldId } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { t } from '../../i18n';
import type { ScreenProps } from '../../routes';
import { navigate } from '../../router/router';
import { Select } from '../registry/common';
import { ContentFields, emptyContent, jenisLabel, payloadOf, type Content } from './common';

export default function UsulanBaruScreen({ query }: ScreenProps) {
  const keluarga = Number(query.get('keluarga') ?? '');
  const title = t('usulan.new.title');
  const data = useAsync(
    async (signal) => (keluarga > 0 ? { k: await getKeluarga(keluarga, {}, signal), members: await membersOf(keluarga, signal) } : null),
    [keluarga],
  );
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      {!(keluarga > 0) ? (
        <EmptyState title={t('usulan.new.title')}>{t('usulan.new.noKeluarga')}</EmptyState>
      ) : data.state === 'loading' ? (
        <Loading />
      ) : data.state === 'error' ? (
        <ErrorState error={data.error} onRetry={data.reload} />
      ) : (
        data.data && <NewForm keluargaId={keluarga} alamat={data.data.k.alamat} members={data.data.members} initialMember={query.get('anggota') ?? ''} />
      )}
    </section>
  );
}

function NewForm({ keluargaId, alamat, members, initialMember }: { keluargaId: number; alamat: string; members: { id: number; nama: string }[]; initialMember: string }) {
  const [anggota, setAnggota] = useState(members.some((m) => String(m.id) === initialMember) ? initialMember : '');
  const [jenis, setJenis] = useState<Jenis>(initialMember ? 'ppks' : 'keluarga_baru');
  const [content, setContent] = useState<Content>(emptyContent);
  const [catatan, setCatatan] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string } | null>(null);
  const [busy, setBusy] = useState(false);
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
    try {
      const u = await createUsulan({
        jenis,
        keluarga_id: keluargaId,
        anggota_id: anggota ? Number(anggota) : undefined,
        alasan: p.alasan,
        isi: p.isi,
        catatan: catatan.trim() || undefined,
      });
      navigate(`/usulan/${u.id}`);
    } catch (err) {
      const { message: m, field } = describeError(err);
      if (field) setErrors({ [field]: m });
      setMessage({ text: m });
      setBusy(false);
    }
  };

  return (
    <form class="form" onSubmit={submit} noValidate>
      <p class="subtitle">{t('usulan.new.for', { alamat })}</p>
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
