// Record one ground-check result offline: the result code (1-6), notes, the GPS position from
// the phone (or typed), and a photo compressed on the device (src/offline/compress.ts). Queued as
// a periksa.hasil op on the item's version, then a lampiran.unggah op for the photo.
import { useState } from 'preact/hooks';
import { EmptyState, Field, Loading, Notice, PageTitle, TextArea } from '../../components/ui';
import { t, type MessageKey } from '../../i18n';
import { compressImage, type Compressed } from '../../offline/compress';
import { enqueue } from '../../offline/queue';
import { newUid } from '../../offline/uid';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import type { PeriksaItem } from './PeriksaListScreen';
import { useCachedList } from './parts';

const HASIL = [1, 2, 3, 4, 5, 6] as const;

export default function PeriksaHasilScreen({ me, params }: ScreenProps) {
  const list = useCachedList<PeriksaItem>(me.username, 'periksa');
  const id = Number(params.id);
  const item = list.items.find((i) => i.id === id);
  const [hasil, setHasil] = useState('');
  const [catatan, setCatatan] = useState('');
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [gps, setGps] = useState<{ text: string; tone: 'info' | 'error' } | null>(null);
  const [photo, setPhoto] = useState<Compressed | null>(null);
  const [photoMsg, setPhotoMsg] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<object | null>(null);
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

  function locate() {
    if (!('geolocation' in navigator)) {
      setGps({ text: t('field.ph.gpsNone'), tone: 'error' });
      return;
    }
    setGps({ text: t('field.ph.gpsWait'), tone: 'info' });
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLat(p.coords.latitude.toFixed(6));
        setLon(p.coords.longitude.toFixed(6));
        setGps({ text: t('field.ph.gpsOk', { m: Math.round(p.coords.accuracy) }), tone: 'info' });
      },
      () => setGps({ text: t('field.ph.gpsFail'), tone: 'error' }),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  }

  async function pick(e: Event) {
    const file = (e.target as HTMLInputElement).files?.[0];
    setPhoto(null);
    if (!file) return;
    setPhotoMsg(t('field.ph.photoWorking'));
    try {
      const c = await compressImage(file);
      setPhoto(c);
      setPhotoMsg(t('field.ph.photoReady', { kb: Math.round(c.bytes / 1024) }));
    } catch {
      setPhotoMsg(t('field.ph.photoFail'));
    }
  }

  async function submit(ev: Event) {
    ev.preventDefault();
    const e: Record<string, string> = {};
    if (!hasil) e.hasil = t('field.ph.errHasil');
    const la = Number(lat);
    const lo = Number(lon);
    if (!lat.trim() || !Number.isFinite(la) || la < -11 || la > 6) e.lat = t('field.ph.errLat');
    if (!lon.trim() || !Number.isFinite(lo) || lo < 95 || lo > 141) e.lon = t('field.ph.errLon');
    setErrors(e);
    if (Object.keys(e).length) {
      setProblem({ text: t('field.err.form') });
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      await enqueue({
        jenis: 'periksa.hasil',
        version: item!.version,
        label: t('field.op.periksa', { id: item!.id }),
        data: { id: item!.id, hasil: Number(hasil), lat: la, lon: lo, jawaban: catatan.trim() ? { catatan: catatan.trim() } : {} },
      });
      if (photo)
        await enqueue({
          jenis: 'lampiran.unggah',
          label: t('field.op.foto', { id: item!.id }),
          data: { uid: newUid(), pemilik: 'periksa', pemilik_id: item!.id, berkas: photo.base64 },
        });
      setDone({});
    } catch (err) {
      setProblem({ text: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <PageTitle title={t('field.ph.title')}>{t('field.ph.title')}</PageTitle>
      <p class="subtitle">
        {t('field.pl.keluarga', { id: item.keluarga_id })} · <span class="code">{item.kode_rw ?? item.kode_wilayah}</span>
      </p>
      {done ? (
        <Notice tone="ok" focus={done}>
          {t('field.ph.saved')} <Link href="/periksa">{t('field.ph.back')}</Link>
        </Notice>
      ) : (
        <form class="form" onSubmit={submit} noValidate>
          {problem && (
            <Notice tone="error" focus={problem}>
              {problem.text}
            </Notice>
          )}
          <fieldset class={`choices${errors.hasil ? ' field-invalid' : ''}`} aria-describedby={errors.hasil ? 'hasil-err' : undefined}>
            <legend>{t('field.ph.hasil')}</legend>
            {HASIL.map((h) => (
              <label key={h} class="choice">
                <input type="radio" name="hasil" value={String(h)} checked={hasil === String(h)} onChange={() => setHasil(String(h))} />{' '}
                {h}. {t(`field.hasil.${h}` as MessageKey)}
              </label>
            ))}
            {errors.hasil && (
              <p id="hasil-err" class="field-error">
                {errors.hasil}
              </p>
            )}
          </fieldset>
          <TextArea label={t('field.ph.catatan')} value={catatan} onValue={setCatatan} rows={3} />
          <p>
            <button type="button" class="btn btn-secondary" onClick={locate}>
              {t('field.ph.gps')}
            </button>
          </p>
          {gps && <Notice tone={gps.tone}>{gps.text}</Notice>}
          <Field label={t('field.ph.lat')} value={lat} onValue={setLat} inputMode="text" error={errors.lat} />
          <Field label={t('field.ph.lon')} value={lon} onValue={setLon} inputMode="text" error={errors.lon} />
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
          <button type="submit" class="btn" disabled={busy}>
            {t('field.ph.save')}
          </button>
        </form>
      )}
    </section>
  );
}
