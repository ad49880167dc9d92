// The workforce rules of the caller's kota ("aturan pilar sosial"): requirements, SK and
// ground-check deadlines, incentive, score weights. Each rule shows its value, its default and
// who changed it last; the office (operator, admin) changes one at a time, everyone else reads
// (GET is open to every signed-in account, POST to operator/admin: src/access/policy.cpp). The
// kinds and ranges come from the server (`daftar`), so the check here and the server's agree.
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { getAturan, setAturan, type Aturan, type AturanKota } from '../../api/workforce';
import { ErrorState, Field, Loading, PageTitle } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { formatDateTime, formatNumber, type MessageKey, type PluralKey, t, tn } from '../../i18n';
import { useWilayahNames } from '../../labels';
import type { ScreenProps } from '../../routes';
import { FormMessage, useSubmit } from '../acara/common';
import { Select } from '../lapangan/parts';

/** The screen's sections and the rules in each (a rule the server adds later lands in the last). */
const GROUPS: { title: MessageKey; keys: (k: string) => boolean }[] = [
  { title: 'wf.aturan.gSyarat', keys: (k) => ['usia_minimal', 'larang_ketua_rt_rw', 'tksk_masa_tahun'].includes(k) },
  { title: 'wf.aturan.gTenggat', keys: (k) => ['sk_peringatan_hari', 'periksa_tenggat_hari'].includes(k) },
  { title: 'wf.aturan.gInsentif', keys: (k) => k.startsWith('insentif_') },
  { title: 'wf.aturan.gBobot', keys: (k) => k.startsWith('bobot.') },
];

const UNITS: Record<string, PluralKey> = {
  usia_minimal: 'wf.aturan.uTahun',
  tksk_masa_tahun: 'wf.aturan.uTahun',
  sk_peringatan_hari: 'wf.aturan.uHari',
  periksa_tenggat_hari: 'wf.aturan.uHari',
  insentif_min_laporan: 'wf.aturan.uLaporan',
};

function label(a: Aturan): string {
  if (a.kunci.startsWith('bobot.')) return t('wf.aturan.bobot', { indikator: t(`wf.ind.${a.kunci.slice(6)}` as MessageKey) });
  return t(`wf.aturan.k.${a.kunci}` as MessageKey);
}

function hint(a: Aturan): string {
  return a.kunci.startsWith('bobot.') ? t('wf.aturan.h.bobot') : t(`wf.aturan.h.${a.kunci}` as MessageKey);
}

/** A value as a person reads it: "Ya", "Rp500.000", "60 hari", "2,5". */
function show(a: Aturan, v: number): string {
  if (a.jenis === 'boolean') return v ? t('wf.aturan.ya') : t('wf.aturan.tidak');
  if (a.kunci === 'insentif_nominal') return `Rp${formatNumber(v)}`;
  const unit = UNITS[a.kunci];
  return unit ? tn(unit, v) : formatNumber(v);
}

/** The value to send, or the message saying why it cannot be (same kinds and ranges as the server). */
function parse(a: Aturan, text: string): { nilai: string } | { error: string } {
  const s = text.trim().replace(',', '.');
  const range = { label: label(a), min: formatNumber(a.min), max: formatNumber(a.max) };
  if (a.jenis === 'number') {
    if (!/^\d+(\.\d+)?$/.test(s) || Number(s) < a.min || Number(s) > a.max) return { error: t('wf.aturan.errAngka', range) };
  } else if (!/^\d+$/.test(text.trim()) || Number(s) < a.min || Number(s) > a.max) {
    return { error: t(a.jenis === 'boolean' ? 'wf.aturan.errYaTidak' : 'wf.aturan.errBulat', range) };
  }
  return { nilai: s };
}

function Rule({ a, editable, onSaved }: { a: Aturan; editable: boolean; onSaved: (k: AturanKota) => void }) {
  const [value, setValue] = useState(String(a.nilai));
  const f = useSubmit();
  const id = `aturan-${a.kunci.replace('.', '-')}`;
  return (
    <li class="card">
      <h3 id={id} class="card-title">
        {label(a)}
      </h3>
      <p class="card-sub">{hint(a)}</p>
      <dl class="facts">
        <dt>{t('wf.aturan.nilai')}</dt>
        <dd>{show(a, a.nilai)}</dd>
        <dt>{t('wf.aturan.bawaan')}</dt>
        <dd>{show(a, a.bawaan)}</dd>
        <dt>{t('wf.aturan.diubah')}</dt>
        <dd>{a.updated_by ? t('wf.aturan.oleh', { user: a.updated_by, waktu: formatDateTime(a.updated_at ?? undefined) }) : t('wf.aturan.belum')}</dd>
      </dl>
      {editable && (
        <form
          class="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void f.run(async () => {
              const p = parse(a, value);
              if ('error' in p) throw new ApiError(400, 'invalid_argument', p.error, 'nilai');
              const k = await setAturan(a.kunci, p.nilai);
              onSaved(k);
              const saved = k.daftar.find((x) => x.kunci === a.kunci) ?? a;
              return t('wf.aturan.saved', { label: label(a), nilai: show(saved, saved.nilai) });
            });
          }}
        >
          <FormMessage m={f.message} />
          {a.jenis === 'boolean' ? (
            <Select
              label={t('wf.aturan.baru', { label: label(a) })}
              value={value}
              onValue={setValue}
              options={[
                { value: '1', label: t('wf.aturan.ya') },
                { value: '0', label: t('wf.aturan.tidak') },
              ]}
              error={f.errors.nilai}
            />
          ) : (
            <Field
              label={t('wf.aturan.baru', { label: label(a) })}
              hint={t('wf.aturan.rentang', { min: formatNumber(a.min), max: formatNumber(a.max) })}
              inputMode={a.jenis === 'number' ? 'decimal' : 'numeric'}
              autocomplete="off"
              value={value}
              onValue={setValue}
              error={f.errors.nilai}
            />
          )}
          <div class="btn-row">
            <button type="submit" class="btn btn-secondary" disabled={f.busy}>
              {t('wf.aturan.simpan', { label: label(a) })}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

function Rules({ initial, editable }: { initial: AturanKota; editable: boolean }) {
  const [k, setK] = useState(initial);
  const [kota] = useWilayahNames([k.kode_kota]);
  return (
    <>
      <p class="subtitle">{t('wf.aturan.kota', { kota: kota === k.kode_kota ? kota : `${kota} (${k.kode_kota})` })}</p>
      {!editable && <p>{t('wf.aturan.hanyaBaca')}</p>}
      {GROUPS.map((g, i) => {
        const rules = k.daftar.filter((a) => g.keys(a.kunci) || (i === GROUPS.length - 1 && !GROUPS.some((x) => x.keys(a.kunci))));
        if (rules.length === 0) return null;
        return (
          <section key={g.title} aria-labelledby={`aturan-g${i}`}>
            <h2 id={`aturan-g${i}`}>{t(g.title)}</h2>
            <ul class="cards">
              {rules.map((a) => (
                <Rule key={a.kunci} a={a} editable={editable} onSaved={setK} />
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}

export default function AturanScreen({ me }: ScreenProps) {
  const res = useAsync((signal) => getAturan(signal), []);
  return (
    <section>
      <PageTitle title={t('wf.aturan.title')}>{t('wf.aturan.title')}</PageTitle>
      {res.state === 'loading' ? (
        <Loading />
      ) : res.state === 'error' ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : (
        <Rules initial={res.data} editable={me.role === 'operator' || me.role === 'admin'} />
      )}
    </section>
  );
}
