// Record one ground-check result offline: the result code (1-6), notes, the GPS position from
// the phone (or typed), and a photo compressed on the device (src/offline/compress.ts). Queued as
// a periksa.hasil op on the item's version, then a lampiran.unggah op for the photo. What is typed
// is kept in the tab until saved (components/kept.ts): leaving the screen or a reload loses nothing.
import { useState } from 'preact/hooks';
import { useKept } from '../../components/kept';
import { EmptyState, Loading, Notice, PageTitle } from '../../components/ui';
import { t, type MessageKey } from '../../i18n';
import { enqueue } from '../../offline/queue';
import { newUid } from '../../offline/uid';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import type { PeriksaItem } from './PeriksaListScreen';
import { HasilFields, checkHasil, emptyHasil, type HasilValue } from './HasilFields';
import { QueuedNotice, useCachedList, useOps, usePhoto } from './parts';

export default function PeriksaHasilScreen({ me, params }: ScreenProps) {
  const list = useCachedList<PeriksaItem>(me.username, 'periksa');
  const households = useCachedList<{ id: number; alamat: string; rt?: string | null; rw?: string | null }>(me.username, 'keluarga');
  const id = Number(params.id);
  const item = list.items.find((i) => i.id === id);
  // The house the worker is standing at, by its address as on the list (not the record's id).
  const house = item && households.items.find((k) => k.id === item.keluarga_id);
  // A result this phone already holds or sent, or the server's: saying it again replaces it.
  const earlier = useOps().find((o) => o.jenis === 'periksa.hasil' && Number(o.data.id) === id && o.status !== 'ditolak');
  const [answer, setAnswer, forget, restored] = useKept<HasilValue>(`${me.username}.periksa.${id}`, emptyHasil());
  const { photo, message: photoMsg, working: photoWorking, pick } = usePhoto();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<{ ids: string[] } | null>(null);
  const [problem, setProblem] = useState<{ text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  if (!list.loaded) return <Loading />;
  if (!item)
    return (
      <section>
        <PageTitle title={t('field.ph.title')}>{t('field.ph.title')}</PageTitle>
        <EmptyState title={t('field.ph.missing')}>
          <Link href="/periksa">{t('field.ph.back')}</Link>
        </EmptyState>
      </section>
    );

  async function submit(ev: Event) {
    ev.preventDefault();
    const a = checkHasil(answer);
    setErrors(a.ok ? {} : a.errors);
    if (!a.ok) {
      setProblem({ text: t('field.err.form') });
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      const ids: string[] = [];
      const op = await enqueue({
        jenis: 'periksa.hasil',
        version: item!.version,
        label: t('field.op.periksa', { id: item!.id }),
        data: { id: item!.id, hasil: a.hasil, lat: a.lat, lon: a.lon, jawaban: a.jawaban },
      });
      ids.push(op.op_id);
      if (photo) {
        const foto = await enqueue({
          jenis: 'lampiran.unggah',
          label: t('field.op.foto', { id: item!.id }),
          data: { uid: newUid(), pemilik: 'periksa', pemilik_id: item!.id, berkas: photo.base64 },
        });
        ids.push(foto.op_id);
      }
      forget();
      setDone({ ids });
    } catch (err) {
      // The phone's storage refused it (full, or blocked): said in the user's words, the browser's
      // own (English) reason beside it; what was typed stays in the form.
      setProblem({ text: t('field.err.device', { why: err instanceof Error ? err.message : String(err) }) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <PageTitle title={t('field.ph.title')}>{t('field.ph.title')}</PageTitle>
      <p class="subtitle">
        {house ? (
          <>
            {house.alamat} · {t('reg.rtrw', { rt: house.rt ?? '-', rw: house.rw ?? '-' })}
          </>
        ) : (
          <>
            {t('field.pl.keluarga', { id: item.keluarga_id })} · <span class="code">{item.kode_rw ?? item.kode_wilayah}</span>
          </>
        )}
      </p>
      {done ? (
        <QueuedNotice ids={done.ids} waiting={t('field.ph.saved')} focus={done}>
          <Link href="/periksa">{t('field.ph.back')}</Link>
        </QueuedNotice>
      ) : (
        <form class="form" onSubmit={submit} noValidate>
          {(earlier || item.status === 'selesai') && (
            <Notice tone="info">
              {t('field.ph.already', {
                hasil: t(`field.hasil.${earlier ? Number(earlier.data.hasil) : item.hasil}` as MessageKey),
              })}
            </Notice>
          )}
          {restored && <Notice tone="info">{t('field.keptPhoto')}</Notice>}
          {problem && (
            <Notice tone="error" focus={problem}>
              {problem.text}
            </Notice>
          )}
          <HasilFields value={answer} onValue={setAnswer} errors={errors} />
          <div class="field">
            <label for="foto-periksa">{t('field.ph.photo')}</label>
            <p id="foto-hint" class="field-hint">
              {t('field.ph.photoHint')}
            </p>
            <input id="foto-periksa" type="file" accept="image/*" capture="environment" aria-describedby="foto-hint" onChange={pick} />
            {photoMsg && (
              <p class="field-hint" role="status">
                {photoMsg}
              </p>
            )}
          </div>
          <button type="submit" class="btn" disabled={busy || photoWorking}>
            {t('field.ph.save')}
          </button>
        </form>
      )}
    </section>
  );
}
