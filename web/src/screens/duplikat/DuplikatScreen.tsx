// One probable duplicate pair (/duplikat/:id): both members side by side (NIK masked unless the
// operator unmasks, which the server audits), the score and each field's reason, and the decision:
// merge (choose which record is kept; nothing is deleted) or not a duplicate (remembered). A
// decided pair can be undone, which also undoes the merge.
import { useState } from 'preact/hooks';
import { batalkan, getDuplikat, putuskan, type Pasangan } from '../../api/duplikat';
import type { Anggota } from '../../api/registry';
import { fieldSetter, useKept } from '../../components/kept';
import { ErrorState, Loading, Notice, PageTitle, TextArea, describeError } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { formatDate, formatDateTime, t } from '../../i18n';
import { showValue, useKosakata } from '../registry/common';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { arah, kolomLabel, levelLabel, pctSkor } from './common';

export default function DuplikatScreen({ params, me }: ScreenProps) {
  const id = params.id;
  const [buka, setBuka] = useState(false);
  const res = useAsync((signal) => getDuplikat(id, { buka }, signal), [id, buka]);
  const [updated, setUpdated] = useState<Pasangan | null>(null);
  if (res.state === 'loading') return <Loading />;
  if (res.state === 'error') return <ErrorState error={res.error} onRetry={res.reload} />;
  const p = updated && updated.version >= res.data.version ? { ...updated, a: res.data.a, b: res.data.b } : res.data;
  const title = t('dup.pairTitle', { id: String(p.id) });
  const mayDecide = me.role === 'operator' || me.role === 'tksk';
  return (
    <section>
      <PageTitle title={title}>{title}</PageTitle>
      <p>
        <Link href="/duplikat">{t('dup.back')}</Link>
      </p>
      <p class="badges">
        <span class="badge badge-warn">{t('dup.score', { pct: pctSkor(p.skor) })}</span>
        <span class="badge badge-off">{t(`dup.status.${p.status}`)}</span>
        <span class="badge badge-off">{t(p.sumber === 'entri' ? 'dup.source.entri' : 'dup.source.dedup')}</span>
      </p>
      {me.role !== 'kepala' && (
        <p>
          <button type="button" class="btn btn-secondary btn-small" aria-describedby="dup-nik-note" onClick={() => setBuka(!buka)}>
            {buka ? t('reg.mask') : t('reg.unmaskNik')}
          </button>{' '}
          <span id="dup-nik-note" class="field-hint">
            {buka ? t('reg.unmasked') : t('reg.unmaskNote')}
          </span>
        </p>
      )}
      <SideBySide a={p.a} b={p.b} />
      <table class="dasbor-table">
        <caption>{t('dup.reasons')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dup.col.field')}</th>
            <th scope="col">{t('dup.col.level')}</th>
            <th scope="col">{t('dup.col.evidence')}</th>
          </tr>
        </thead>
        <tbody>
          {p.rincian.map((r) => (
            <tr key={r.kolom}>
              <th scope="row">{kolomLabel(r.kolom)}</th>
              <td>{levelLabel(r.tingkat)}</td>
              <td>
                {t(`dup.dir.${arah(r)}`)} ({r.bobot > 0 ? '+' : ''}
                {r.bobot})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.status === 'menunggu' && mayDecide && <Decide p={p} keepKey={`${me.username}.duplikat.${p.id}`} onDone={setUpdated} />}
      {p.status !== 'menunggu' && (
        <div class="panel">
          <p>
            {t(p.status === 'digabung' ? 'dup.decidedMerge' : 'dup.decidedNot', {
              by: p.diputus_oleh ?? '-',
              at: formatDateTime(p.diputus_at ?? undefined),
              kept: String(p.penyintas ?? ''),
            })}
          </p>
          {p.catatan && <p>{t('dup.note', { text: p.catatan })}</p>}
          {mayDecide && <Undo p={p} keepKey={`${me.username}.duplikat.${p.id}.batal`} onDone={setUpdated} />}
        </div>
      )}
    </section>
  );
}

function SideBySide({ a, b }: { a: Anggota; b: Anggota }) {
  const vocab = useKosakata();
  // Codes in words, as on the member's page (Perempuan, Kepala keluarga, 5 Jul 1990).
  const rows: [string, (x: Anggota) => string][] = [
    [t('dup.kolom.nama'), (x) => x.nama],
    [t('f.nik'), (x) => x.nik ?? '-'],
    [t('dup.kolom.jenis_kelamin'), (x) => showValue(vocab, 'jenis_kelamin', x.jenis_kelamin)],
    [t('dup.kolom.tempat_lahir'), (x) => x.tempat_lahir ?? '-'],
    [t('dup.kolom.tanggal_lahir'), (x) => (x.tanggal_lahir ? formatDate(x.tanggal_lahir) : '-')],
    [t('dup.kolom.wilayah'), (x) => x.kode_wilayah_lengkap],
    [t('dup.hubungan'), (x) => (x.hubungan ? showValue(vocab, 'hubungan', x.hubungan) : '-')],
    [t('dup.ppks'), (x) => (x.ppks.filter((q) => !q.sampai).map((q) => q.ppks).join(', ') || '-')],
    [t('dup.merged'), (x) => (x.digabung_ke ? t('dup.mergedInto', { id: String(x.digabung_ke) }) : '-')],
  ];
  return (
    <table class="dasbor-table dup-compare">
      <caption>{t('dup.compare')}</caption>
      <thead>
        <tr>
          <td />
          <th scope="col">
            <Link href={`/anggota/${a.id}`}>{t('dup.member', { id: String(a.id) })}</Link>
          </th>
          <th scope="col">
            <Link href={`/anggota/${b.id}`}>{t('dup.member', { id: String(b.id) })}</Link>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, get]) => (
          <tr key={label} class={get(a) !== get(b) ? 'dup-differ' : undefined}>
            <th scope="row">{label}</th>
            <td>{get(a)}</td>
            <td>{get(b)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Choice = '' | 'a' | 'b' | 'bukan';

function Decide({ p, keepKey, onDone }: { p: Pasangan; keepKey: string; onDone: (p: Pasangan) => void }) {
  // The decision and its note are kept in the tab until sent (components/kept.ts): an operator
  // who opens a record to compare and comes back finds them as left.
  const [form, setForm, forget, restored] = useKept<{ choice: Choice; catatan: string }>(keepKey, { choice: '', catatan: '' });
  const { choice, catatan } = form;
  const [setChoice, setCatatan] = [fieldSetter(setForm)('choice'), fieldSetter(setForm)('catatan')];
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; field?: string } | null>(null);
  async function submit(ev: Event) {
    ev.preventDefault();
    if (!choice) {
      setProblem({ message: t('dup.err.choose'), field: 'keputusan' });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const body =
        choice === 'bukan'
          ? { keputusan: 'bukan_duplikat' as const, catatan, version: p.version }
          : { keputusan: 'gabung' as const, penyintas: choice === 'a' ? p.anggota_a : p.anggota_b, catatan, version: p.version };
      const done = await putuskan(p.id, body);
      forget();
      onDone(done);
    } catch (e) {
      setProblem(describeError(e));
    } finally {
      setBusy(false);
    }
  }
  const opts: [Choice, string][] = [
    ['a', t('dup.keep', { nama: p.a.nama, id: String(p.a.id) })],
    ['b', t('dup.keep', { nama: p.b.nama, id: String(p.b.id) })],
    ['bukan', t('dup.notDuplicate')],
  ];
  return (
    <form class="form panel" onSubmit={submit} noValidate>
      <h2>{t('dup.decide')}</h2>
      {problem && (
        <Notice tone="error" focus={problem}>
          {problem.message}
        </Notice>
      )}
      {restored && <Notice tone="info">{t('field.kept')}</Notice>}
      <fieldset class="field">
        <legend>{t('dup.decision')}</legend>
        <ul class="checks">
          {opts.map(([v, label]) => (
            <li key={v}>
              <label>
                <input type="radio" name="keputusan" value={v} checked={choice === v} onChange={() => setChoice(v)} />
                {label}
              </label>
            </li>
          ))}
        </ul>
        <p class="field-hint">{t('dup.mergeHint')}</p>
      </fieldset>
      <TextArea label={t('dup.catatan')} value={catatan} onValue={setCatatan} required error={problem?.field === 'catatan' ? problem.message : undefined} />
      <button type="submit" class="btn" disabled={busy}>
        {t('dup.submit')}
      </button>
    </form>
  );
}

function Undo({ p, keepKey, onDone }: { p: Pasangan; keepKey: string; onDone: (p: Pasangan) => void }) {
  const [catatan, setCatatan, forget, restored] = useKept(keepKey, '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; field?: string } | null>(null);
  async function submit(ev: Event) {
    ev.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const done = await batalkan(p.id, catatan, p.version);
      forget();
      onDone(done);
    } catch (e) {
      setProblem(describeError(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="form" onSubmit={submit} noValidate>
      {problem && (
        <Notice tone="error" focus={problem}>
          {problem.message}
        </Notice>
      )}
      {restored && <Notice tone="info">{t('field.kept')}</Notice>}
      <TextArea label={t('dup.undoNote')} value={catatan} onValue={setCatatan} required error={problem?.field === 'catatan' ? problem.message : undefined} />
      <button type="submit" class="btn btn-secondary" disabled={busy}>
        {t(p.status === 'digabung' ? 'dup.undoMerge' : 'dup.undo')}
      </button>
    </form>
  );
}
