// The region picker of the account and pilar sosial forms (see WilayahPicker below).
import { useEffect, useState } from 'preact/hooks';
import type { Tingkat, Wilayah } from '../api/types';
import { childrenOf, searchWilayah } from '../api/wilayah';
import { t } from '../i18n';
import { tingkatLabel, useWilayahNames, wilayahLongName } from '../labels';
import { Notice, describeError, useFieldId } from './ui';

/**
 * Search-and-pick for region codes at one level (a user's scope: RW for PSM, kecamatan for TKSK,
 * kota otherwise; a pilar sosial's kelurahan or kecamatan and the RWs assigned), or at any level
 * when `level` is left out. Picked regions show as named chips; the form gets the codes.
 */
export function WilayahPicker({
  level,
  under,
  value,
  onChange,
  error,
  multiple,
  label,
  hint,
}: {
  level?: Tingkat;
  under?: string;
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
  multiple: boolean;
  /** The legend; by default "Wilayah tugas (level)". */
  label?: string;
  hint?: string;
}) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Wilayah[] | null>(null);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [searchError, setSearchError] = useState<string | null>(null);
  const names = useWilayahNames(value);
  const id = useFieldId('wp');
  const levelName = level ? tingkatLabel(level) : t('users.scopeAnyLevel');

  useEffect(() => {
    setResults(null);
    setQ('');
  }, [level]);

  const search = async () => {
    setSearchError(null);
    try {
      const text = q.trim() || under || '';
      let items = await searchWilayah(text, { tingkat: level, under, limit: 20 });
      if (items.length === 0 && level === 'rw') {
        // RW are named "RW 004": an admin looking for a PSM's RW types the kelurahan's name.
        const kels = await searchWilayah(text, { tingkat: 'kelurahan', under, limit: 5 });
        items = (await Promise.all(kels.map((k) => childrenOf(k.kode)))).flat();
      }
      setResults(items.filter((w) => w.aktif !== false));
      for (const w of items) {
        wilayahLongName(w.kode).then(
          (n) => setLabels((m) => ({ ...m, [w.kode]: n })),
          () => {},
        );
      }
    } catch (err) {
      setSearchError(describeError(err).message);
      setResults(null);
    }
  };

  const pick = (kode: string) => {
    onChange(multiple ? (value.includes(kode) ? value : [...value, kode]) : [kode]);
  };

  return (
    <fieldset class={`field picker${error ? ' field-invalid' : ''}`} aria-describedby={error ? `${id}-err` : undefined}>
      <legend>{label ?? t('users.scope', { level: levelName })}</legend>
      {hint && <p class="field-hint">{hint}</p>}
      {value.length > 0 ? (
        <ul class="chips" aria-label={t('users.scopeChosen')}>
          {value.map((k, i) => (
            <li key={k} class="chip">
              <span>
                {names[i]} <span class="code">{k}</span>
              </span>
              <button
                type="button"
                class="btn btn-quiet btn-small"
                aria-label={t('users.scopeRemove', { name: names[i] })}
                onClick={() => onChange(value.filter((x) => x !== k))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="field-hint">{t('users.scopeNone', { level: levelName })}</p>
      )}
      {error && (
        <p id={`${id}-err`} class="field-error">
          {error}
        </p>
      )}
      <label for={`${id}-q`}>{t('users.scopeSearch', { level: levelName })}</label>
      {level === 'rw' && (
        <p id={`${id}-qh`} class="field-hint">
          {t('users.scopeSearchRwHint')}
        </p>
      )}
      <div class="input-with-button">
        <input
          id={`${id}-q`}
          aria-describedby={level === 'rw' ? `${id}-qh` : undefined}
          type="search"
          value={q}
          autocomplete="off"
          onInput={(e) => setQ((e.target as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void search();
            }
          }}
        />
        <button type="button" class="btn btn-secondary" onClick={() => void search()}>
          {t('action.search')}
        </button>
      </div>
      {searchError && <Notice tone="error">{searchError}</Notice>}
      {results && (
        <div role="status" class="picker-results">
          {results.length === 0 ? (
            <p>{t('users.scopeNoResults', { level: levelName })}</p>
          ) : (
            <ul class="plain">
              {results.map((w) => (
                <li key={w.kode}>
                  <button
                    type="button"
                    class="btn btn-quiet picker-option"
                    aria-pressed={value.includes(w.kode)}
                    onClick={() => pick(w.kode)}
                  >
                    {labels[w.kode] ?? w.nama} <span class="code">{w.kode}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </fieldset>
  );
}
