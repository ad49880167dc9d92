// The ground-check answer (result code 1-6, a note, the GPS position from the phone or typed),
// shared by the field form for a check-list item (PeriksaHasilScreen, queued offline) and the
// ground check of a proposal forwarded by the TKSK (UsulanScreen, sent at once).
import { useRef, useState } from 'preact/hooks';
import { Field, Notice, TextArea } from '../../components/ui';
import { t, type MessageKey } from '../../i18n';
import type { HasilValue } from './hasil';

const HASIL = [1, 2, 3, 4, 5, 6] as const;

// The answer's value and its check live in hasil.ts (no DOM: unit-tested in tests/web/hasil.test.mjs).
export { checkHasil, emptyHasil, type HasilValue } from './hasil';

export function HasilFields({ value, onValue, errors }: { value: HasilValue; onValue: (v: HasilValue) => void; errors: Record<string, string> }) {
  const [gps, setGps] = useState<{ text: string; tone: 'info' | 'error' } | null>(null);
  // The latest value, read when a patch lands: the GPS fix comes back after the user may have
  // typed a note meanwhile.
  const latest = useRef(value);
  latest.current = value;
  const set = (patch: Partial<HasilValue>) => onValue({ ...latest.current, ...patch });

  function locate() {
    if (!('geolocation' in navigator)) {
      setGps({ text: t('field.ph.gpsNone'), tone: 'error' });
      return;
    }
    setGps({ text: t('field.ph.gpsWait'), tone: 'info' });
    navigator.geolocation.getCurrentPosition(
      (p) => {
        set({ lat: p.coords.latitude.toFixed(6), lon: p.coords.longitude.toFixed(6) });
        setGps({ text: t('field.ph.gpsOk', { m: Math.round(p.coords.accuracy) }), tone: 'info' });
      },
      () => setGps({ text: t('field.ph.gpsFail'), tone: 'error' }),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  }

  return (
    <>
      <fieldset class={`choices${errors.hasil ? ' field-invalid' : ''}`} aria-describedby={errors.hasil ? 'hasil-err' : undefined}>
        <legend>{t('field.ph.hasil')}</legend>
        {HASIL.map((h) => (
          <label key={h} class="choice">
            <input type="radio" name="hasil" value={String(h)} checked={value.hasil === String(h)} onChange={() => set({ hasil: String(h) })} />{' '}
            {h}. {t(`field.hasil.${h}` as MessageKey)}
          </label>
        ))}
        {errors.hasil && (
          <p id="hasil-err" class="field-error">
            {errors.hasil}
          </p>
        )}
      </fieldset>
      <TextArea label={t('field.ph.catatan')} value={value.catatan} onValue={(catatan) => set({ catatan })} rows={3} />
      <p>
        <button type="button" class="btn btn-secondary" onClick={locate}>
          {t('field.ph.gps')}
        </button>
      </p>
      {gps && <Notice tone={gps.tone}>{gps.text}</Notice>}
      <Field label={t('field.ph.lat')} value={value.lat} onValue={(lat) => set({ lat })} inputMode="text" error={errors.lat} />
      <Field label={t('field.ph.lon')} value={value.lon} onValue={(lon) => set({ lon })} inputMode="text" error={errors.lon} />
    </>
  );
}
