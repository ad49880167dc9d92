// File an activity report, online or not: the report is queued on the device as kegiatan.buat
// (src/offline/queue.ts) and its photo as kegiatan.foto, all or none, sent when there is signal.
// What is typed is kept in the tab until saved (components/kept.ts). Households
// touched are picked from the PSM's cached list (src/offline/cache.ts), so this works offline.
import { useState } from 'preact/hooks';
import { JENIS_KEGIATAN } from '../../api/workforce';
import { fieldSetter, useKept } from '../../components/kept';
import { Field, Notice, PageTitle, TextArea } from '../../components/ui';
import { formatDate, t, type MessageKey } from '../../i18n';
import { enqueueAll, refusedMessage } from '../../offline/queue';
import { newUid } from '../../offline/uid';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { Select, useCachedList, usePhoto } from '../lapangan/parts';

interface KeluargaRow {
  id: number;
  alamat: string;
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export default function KegiatanBaruScreen({ me }: ScreenProps) {
  const households = useCachedList<KeluargaRow>(me.username, 'keluarga');
  // What is typed (and the photo, compressed) is kept in the tab until saved (components/kept.ts):
  // a look at the household list or the home, a reload or Android dropping the tab loses nothing.
  type Form = { tanggal: string; jenis: string; uraian: string; sasaran: number[]; pos: { lat: number; lon: number } | null };
  const key = `${me.username}.kegiatan-baru`;
  const [form, setForm, forget, restored] = useKept<Form>(key, { tanggal: today(), jenis: 'kunjungan_rumah', uraian: '', sasaran: [], pos: null });
  const { tanggal, jenis, uraian, sasaran, pos } = form;
  const setter = fieldSetter(setForm);
  const [setTanggal, setJenis, setUraian, setPos] = [setter('tanggal'), setter('jenis'), setter('uraian'), setter('pos')];
  const [gpsMsg, setGpsMsg] = useState('');
  const { photo, message: photoMsg, working: photoWorking, pick, forget: forgetPhoto } = usePhoto(key);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<{ text: string } | null>(null);
  const [done, setDone] = useState<object | null>(null);
  const [busy, setBusy] = useState(false);

  function locate() {
    if (!('geolocation' in navigator)) return setGpsMsg(t('field.ph.gpsNone'));
    setGpsMsg(t('field.ph.gpsWait'));
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPos({ lat: Number(p.coords.latitude.toFixed(6)), lon: Number(p.coords.longitude.toFixed(6)) });
        setGpsMsg(t('field.ph.gpsOk', { m: Math.round(p.coords.accuracy) }));
      },
      () => setGpsMsg(t('field.ph.gpsFail')),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  }

  async function submit(ev: Event) {
    ev.preventDefault();
    const e: Record<string, string> = {};
    if (!tanggal || tanggal > today()) e.tanggal = t('wf.kegiatan.errTanggal');
    if (!uraian.trim()) e.uraian = t('wf.kegiatan.errUraian');
    setErrors(e);
    // A new object each time: the notice takes focus, so a long form's error is never off-screen.
    setProblem(Object.keys(e).length ? { text: t('field.err.form') } : null);
    if (Object.keys(e).length) return;
    const uid = newUid();
    setBusy(true);
    try {
      // The report and its photo in one go: stored all or none, so a failure never leaves the
      // report queued without its photo (and saving again queue the report twice).
      await enqueueAll([
        {
          jenis: 'kegiatan.buat',
          label: t('wf.kegiatan.op', { tanggal: formatDate(tanggal) }),
          data: { uid, tanggal, jenis, uraian: uraian.trim(), ...(pos ?? {}), sasaran: sasaran.map((keluarga_id) => ({ keluarga_id })) },
        },
        ...(photo ? [{ jenis: 'kegiatan.foto', label: t('wf.kegiatan.opFoto', { tanggal: formatDate(tanggal) }), data: { uid: newUid(), laporan_uid: uid, berkas: photo.base64 } }] : []),
      ]);
      forget();
      forgetPhoto();
      setDone({});
    } catch (err) {
      // The phone's storage refused it (it was an unhandled error before: nothing said, the worker
      // thought it saved): nothing was queued, said so, and what was typed stays in the form.
      setProblem({ text: refusedMessage('kegiatan', err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <PageTitle title={t('wf.kegiatan.new')}>{t('wf.kegiatan.new')}</PageTitle>
      {done ? (
        <Notice tone="ok" focus={done}>
          {t('wf.kegiatan.saved')} <Link href="/kegiatan">{t('wf.kegiatan.title')}</Link>
        </Notice>
      ) : (
        <form class="form" onSubmit={submit} noValidate>
          {restored && <Notice tone="info">{t(photo ? 'field.kept' : 'field.keptPhoto')}</Notice>}
          {problem && (
            <Notice tone="error" focus={problem}>
              {problem.text}
            </Notice>
          )}
          <Field label={t('wf.tanggal')} type="date" value={tanggal} onValue={setTanggal} error={errors.tanggal} />
          <Select label={t('wf.jenisKegiatan')} value={jenis} onValue={setJenis} options={JENIS_KEGIATAN.map((k) => ({ value: k, label: t(`wf.keg.${k}` as MessageKey) }))} />
          <TextArea label={t('wf.uraian')} value={uraian} onValue={setUraian} rows={3} error={errors.uraian} />
          {households.items.length > 0 && (
            <fieldset class="choices">
              <legend>{t('wf.sasaran')}</legend>
              {households.items.slice(0, 50).map((k) => (
                <label key={k.id} class="choice">
                  <input
                    type="checkbox"
                    checked={sasaran.includes(k.id)}
                    onChange={(e) => {
                      const on = (e.target as HTMLInputElement).checked;
                      setForm((f) => ({ ...f, sasaran: on ? [...f.sasaran, k.id] : f.sasaran.filter((x) => x !== k.id) }));
                    }}
                  />{' '}
                  {k.alamat}
                </label>
              ))}
            </fieldset>
          )}
          <p>
            <button type="button" class="btn btn-secondary" onClick={locate}>
              {t('field.ph.gps')}
            </button>{' '}
            <span role="status">{gpsMsg}</span>
          </p>
          <div class="field">
            <label for="foto-kegiatan">{t('wf.foto')}</label>
            <input id="foto-kegiatan" type="file" accept="image/*" capture="environment" onChange={pick} />
            {photoMsg && (
              <p class="field-hint" role="status">
                {photoMsg}
              </p>
            )}
          </div>
          <button type="submit" class="btn" disabled={busy || photoWorking}>
            {t('wf.kegiatan.save')}
          </button>
        </form>
      )}
    </section>
  );
}
