// Results of the global search box. 16 digits: a NIK or No. KK (GET /cari, exact) and the
// household of a No. KK (GET /keluarga?no_kk=); text: people by the fuzzy person search
// (GET /cari: titles, spelling variants and typos forgiven, best match first, optionally by birth
// year, sex and wilayah — kecamatan, kelurahan ... —, with the birth date, when known, ranking the
// person born that day first); and wilayah by name or code prefix, as before. Numbers come masked, as
// the server sends them. The admin manages accounts, not people: only wilayah for that role.
import type { Me } from '../api/types';
import { useState } from 'preact/hooks';

import { listKeluarga } from '../api/registry';
import { cariOrang } from '../api/search';
import { searchWilayah } from '../api/wilayah';
import { EmptyState, ErrorState, Loading, PageTitle } from '../components/ui';
import { useAsync } from '../components/useAsync';
import { formatDate, t, tn } from '../i18n';
import { levelLabel, roleLabel, wilayahName } from '../labels';
import type { ScreenProps } from '../routes';
import { Link } from '../router/Link';
import { wilayahHref } from '../router/links';
import { WilayahFilter } from './registry/common';

const digitsOf = (q: string) => q.replace(/[\s.-]/g, '');
const isNumber16 = (q: string) => /^\d{16}$/.test(digitsOf(q));
const hasRegistry = (me: Me) => me.role !== 'admin';

export function Search({ query, me }: ScreenProps) {
  const q = (query.get('q') ?? '').trim();
  const title = q ? t('search.resultsFor', { q }) : t('search.title');
  const registry = hasRegistry(me);
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      <p class="notice notice-info">{registry ? t('search.registryHint') : t('search.noRegistry', { role: roleLabel(me.role) })}</p>
      {!q ? (
        <EmptyState title={t('search.empty')}>{t('search.emptyHint')}</EmptyState>
      ) : (
        <>
          {/* keyed by the query: a new search starts without the last one's filters */}
          {registry && <People key={q} q={q} scope={me.wilayah} />}
          {registry && isNumber16(q) && <Households q={q} />}
          <WilayahResults q={q} skipNumbers={registry} />
        </>
      )}
    </section>
  );
}

/** More than ten people rank alike (one score, so one name as far as the query tells): the first
 * page cannot single the person out, and a common name with a birth year often does not — the birth
 * date or the kelurahan does (bench/RESULTS.md, fuzzy search). */
const manyAlike = (items: { skor: number }[]) => items.length > 10 && items[10].skor === items[0].skor;

function People({ q, scope }: { q: string; scope: string[] }) {
  const number = isNumber16(q);
  const byName = !number && /\p{L}/u.test(q) && q.length >= 2;
  const [tahun, setTahun] = useState('');
  const [jk, setJk] = useState<'' | 'L' | 'P'>('');
  const [tanggal, setTanggal] = useState('');
  const [wilayah, setWilayah] = useState('');
  const year = /^\d{4}$/.test(tahun) ? Number(tahun) : undefined;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(tanggal) ? tanggal : undefined;
  // The scope itself is no filter (the server applies it anyway).
  const region = wilayah && !scope.includes(wilayah) ? wilayah : undefined;
  const res = useAsync(
    (signal) =>
      number || byName
        ? cariOrang(
            number
              ? { q: digitsOf(q), limit: 20 }
              : { q, tahun_lahir: year, tanggal_lahir: date, jenis_kelamin: jk || undefined, kode_wilayah: region, limit: 20 },
            signal,
          )
        : Promise.resolve(null),
    [q, year, jk, date, region],
  );
  if (res.state === 'ok' && res.data === null) return null;
  return (
    <section aria-labelledby="search-people">
      <h2 id="search-people">{t('search.personsHeading')}</h2>
      {byName && (
        <div class="search-filters">
          <div class="field">
            <label for="cari-tahun">{t('search.birthYear')}</label>
            <input
              id="cari-tahun"
              type="text"
              inputMode="numeric"
              pattern="[0-9]{4}"
              maxLength={4}
              value={tahun}
              onInput={(e) => setTahun((e.target as HTMLInputElement).value.trim())}
              aria-describedby="cari-tahun-hint"
            />
            <small id="cari-tahun-hint">{t('search.birthYearHint')}</small>
          </div>
          <div class="field">
            <label for="cari-jk">{t('f.jenis_kelamin')}</label>
            <select id="cari-jk" value={jk} onChange={(e) => setJk((e.target as HTMLSelectElement).value as '' | 'L' | 'P')}>
              <option value="">{t('search.sexAny')}</option>
              <option value="L">{t('search.sexL')}</option>
              <option value="P">{t('search.sexP')}</option>
            </select>
          </div>
          <div class="field">
            <label for="cari-tanggal">{t('search.birthDate')}</label>
            <input id="cari-tanggal" type="date" value={tanggal} onInput={(e) => setTanggal((e.target as HTMLInputElement).value)} aria-describedby="cari-tanggal-hint" />
            <small id="cari-tanggal-hint">{t('search.birthDateHint')}</small>
          </div>
          {scope.length > 0 && <WilayahFilter scope={scope} value={wilayah} onValue={setWilayah} label={t('search.wilayah')} />}
        </div>
      )}
      {res.state === 'loading' ? (
        <Loading />
      ) : res.state === 'error' ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : (
        <>
          <p class="subtitle" aria-live="polite">{tn('search.persons', res.data!.items.length)}</p>
          {byName && !date && !region && manyAlike(res.data!.items) && <p class="notice notice-info">{t('search.manyAlike')}</p>}
          {res.data!.items.length === 0 ? (
            <EmptyState title={t('search.noPersons', { q })}>{t('search.noPersonsHint')}</EmptyState>
          ) : (
            <ol class="list search-results">
              {res.data!.items.map((a) => (
                <li key={a.id}>
                  <Link href={`/anggota/${a.id}`} class="list-link">
                    <span class="list-main">{a.nama}</span>
                    <span class="list-sub">
                      {t('f.nik')} <span class="code">{a.nik ?? '-'}</span>
                      {a.tanggal_lahir && <> · {formatDate(a.tanggal_lahir)}</>} · {a.kelurahan.nama || a.kelurahan.kode}
                      {res.data!.cara === 'nama' && <> · {t('search.score', { pct: Math.round(a.skor * 100) })}</>}
                    </span>
                  </Link>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

function Households({ q }: { q: string }) {
  const res = useAsync((signal) => listKeluarga({ no_kk: digitsOf(q), limit: 10 }, signal), [q]);
  return (
    <section aria-labelledby="search-households">
      {res.state === 'loading' ? (
        <Loading />
      ) : res.state === 'error' ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : (
        <>
          <h2 id="search-households">{t('search.households', { n: res.data.items.length })}</h2>
          {res.data.items.length === 0 ? (
            <p class="muted">{t('search.noHouseholds')}</p>
          ) : (
            <ul class="list">
              {res.data.items.map((k) => (
                <li key={k.id}>
                  <Link href={`/keluarga/${k.id}`} class="list-link">
                    <span class="list-main">{k.alamat}</span>
                    <span class="list-sub">
                      {t('f.no_kk')} <span class="code">{k.no_kk}</span> · {t('reg.rtrw', { rt: k.rt ?? '-', rw: k.rw ?? '-' })} ·{' '}
                      {tn('reg.members', k.jumlah_anggota)}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** `skipNumbers`: a 16-digit query is a NIK or No. KK, never a wilayah code (searched above). */
function WilayahResults({ q, skipNumbers }: { q: string; skipNumbers: boolean }) {
  const skip = skipNumbers && isNumber16(q);
  const res = useAsync((signal) => (skip ? Promise.resolve([]) : searchWilayah(q, { limit: 50, signal })), [q, skip]);
  if (res.state === 'loading') return <Loading />;
  if (res.state === 'error') return <ErrorState error={res.error} onRetry={res.reload} />;
  if (skip) return null;
  if (res.data.length === 0) return <EmptyState title={t('search.noWilayah', { q })}>{t('search.noWilayahHint')}</EmptyState>;
  return (
    <section aria-labelledby="search-wilayah">
      <h2 id="search-wilayah">{t('search.wilayahHeading', { n: res.data.length })}</h2>
      <ul class="list">
        {res.data.map((w) => (
          <li key={w.kode}>
            <Link href={wilayahHref(w.kode)} class="list-link">
              <span class="list-main">{wilayahName(w)}</span>
              <span class="list-sub">
                {levelLabel(w)} · <span class="code">{w.kode}</span>
                {w.aktif === false && <> · {t('wilayah.retired')}</>}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
