// Record one ground-check result offline: the result code (1-6), notes, the GPS position from
// the phone (or typed), and a photo compressed on the device (src/offline/compress.ts). Queued as
// a periksa.hasil op on the item's version and a lampiran.unggah op for the photo, all or none. What is typed
// and the compressed photo are kept in the tab until saved (components/kept.ts): leaving the screen
// or a reload loses nothing.
import { useState } from 'preact/hooks';
import { useKept } from '../../components/kept';
import { EmptyState, Loading, Notice, PageTitle } from '../../components/ui';
import { t, type MessageKey } from '../../i18n';
import { enqueueAll, refusedMessage } from '../../offline/queue';
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
  const { photo, message: photoMsg, working: photoWorking, pick, forget: forgetPhoto } = usePhoto(`${me.username}.periksa.${id}`);
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
      // The result and its photo in one go: stored all or none, so a failure never leaves the
      // result queued without the photo the worker took (and saving again queue it twice).
      const ops = await enqueueAll([
        {
          jenis: 'periksa.hasil',
          version: item!.version,
          label: t('field.op.periksa', { id: item!.id }),
          data: { id: item!.id, hasil: a.hasil, lat: a.lat, lon: a.lon, jawaban: a.jawaban },
        },
        ...(photo
          ? [
              {
                jenis: 'lampiran.unggah',
                label: t('field.op.foto', { id: item!.id }),
                data: { uid: newUid(), pemilik: 'periksa', pemilik_id: item!.id, berkas: photo.base64 },
              },
            ]
          : []),
      ]);
      const ids = ops.map((o) => o.op_id);
      forget();
      forgetPhoto();
      setDone({ ids });
    } catch (err) {
      // The phone's storage refused it (full, or blocked): nothing was queued, said in the user's
      // words with the browser's own (English) reason beside it; what was typed stays in the form.
      setProblem({ text: refusedMessage('periksa', err) });
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
          {restored && <Notice tone="info">{t(photo ? 'field.kept' : 'field.keptPhoto')}</Notice>}
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
