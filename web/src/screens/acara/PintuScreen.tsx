// The door: a committee member or operator checks participants in by scanning their QR code with
// the phone's camera, or by typing the code printed under it. Several doors work at once; the
// server counts each participant once per session and tells a second door who was first.
import { useEffect, useRef, useState } from 'preact/hooks';
import { checkIn, getAcara, type CheckIn, type Sesi } from '../../api/acara';
import { ErrorState, Field, Loading, Notice, PageTitle, describeError } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { t, tn } from '../../i18n';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { Select } from '../registry/common';
import { jam } from './common';
import type { Scanner } from './scan';

const DOOR_KEY = 'pilar.pintu';

/** The session running now (local time), else the next one today, else the first. */
function currentSesi(sesi: Sesi[]): Sesi | undefined {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  const now = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return sesi.find((s) => s.mulai <= now && now <= s.selesai) ?? sesi.find((s) => s.selesai >= now) ?? sesi[0];
}

export default function PintuScreen({ params }: ScreenProps) {
  const id = Number(params.id);
  const res = useAsync((signal) => getAcara(id, signal), [id]);
  if (res.state === 'loading') return <Loading />;
  if (res.state === 'error') return <ErrorState error={res.error} onRetry={res.reload} />;
  return <Door id={id} judul={res.data.judul} sesi={res.data.sesi ?? []} />;
}

function Door({ id, judul, sesi }: { id: number; judul: string; sesi: Sesi[] }) {
  const [sesiId, setSesiId] = useState(String(currentSesi(sesi)?.id ?? ''));
  const [pintu, setPintu] = useState(() => localStorage.getItem(DOOR_KEY) ?? 'Pintu 1');
  const [kode, setKode] = useState('');
  const [result, setResult] = useState<{ tone: 'ok' | 'info' | 'error'; text: string } | null>(null);
  const [count, setCount] = useState(0);
  const [busy, setBusy] = useState(false);
  const [camera, setCamera] = useState<'off' | 'starting' | 'on'>('off');
  const video = useRef<HTMLVideoElement>(null);
  const scanner = useRef<Scanner | null>(null);
  const last = useRef<{ code: string; at: number }>({ code: '', at: 0 });

  useEffect(() => localStorage.setItem(DOOR_KEY, pintu), [pintu]);
  useEffect(() => () => scanner.current?.stop(), []);

  const submit = async (code: string) => {
    if (!code.trim()) {
      setResult({ tone: 'error', text: t('pintu.codeRequired') });
      return;
    }
    setBusy(true);
    try {
      const r: CheckIn = await checkIn(id, { kode: code, sesi_id: sesiId ? Number(sesiId) : undefined, pintu });
      if (r.hasil === 'hadir') setCount((n) => n + 1);
      setResult({ tone: r.hasil === 'hadir' ? 'ok' : 'info', text: r.pesan });
      setKode('');
    } catch (err) {
      setResult({ tone: 'error', text: describeError(err).message });
    } finally {
      setBusy(false);
    }
  };

  const onScan = (code: string) => {
    // The same card stays in front of the camera for a while: one request per card per 3 s.
    const now = Date.now();
    if (code === last.current.code && now - last.current.at < 3000) return;
    last.current = { code, at: now };
    void submit(code);
  };

  const toggleCamera = async () => {
    if (scanner.current) {
      scanner.current.stop();
      scanner.current = null;
      setCamera('off');
      return;
    }
    setCamera('starting');
    try {
      const { startScanner } = await import('./scan');
      scanner.current = await startScanner(video.current!, onScan);
      setCamera('on');
    } catch (err) {
      setCamera('off');
      setResult({ tone: 'error', text: t('pintu.noCamera', { reason: describeError(err).message }) });
    }
  };

  return (
    <section>
      <PageTitle title={t('pintu.title')}>{t('pintu.title')}</PageTitle>
      <p class="subtitle">
        <Link href={`/acara/${id}`}>{judul}</Link>
      </p>
      <Select label={t('pintu.sesi')} value={sesiId} onValue={setSesiId} options={sesi.map((s) => ({ value: String(s.id), label: `${s.urutan}. ${s.judul} (${jam(s.mulai)})` }))} />
      <Field label={t('pintu.pintu')} value={pintu} onValue={setPintu} autocomplete="off" />
      <div aria-live="polite" aria-atomic="true">
        {result && (
          <Notice tone={result.tone} focus={result}>
            {result.text}
          </Notice>
        )}
      </div>
      <p class="muted">{tn('pintu.count', count)}</p>
      <div class="btn-row">
        <button type="button" class="btn btn-primary" onClick={() => void toggleCamera()} disabled={camera === 'starting'}>
          {camera === 'on' ? t('pintu.cameraStop') : t('pintu.cameraStart')}
        </button>
      </div>
      <video ref={video} class={camera === 'off' ? 'vh' : 'pintu-video'} muted aria-label={t('pintu.cameraLabel')} />
      <form
        class="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(kode);
        }}
      >
        <Field
          label={t('pintu.manual')}
          hint={t('pintu.manualHint')}
          value={kode}
          onValue={setKode}
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
        />
        <div class="btn-row">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {t('pintu.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
