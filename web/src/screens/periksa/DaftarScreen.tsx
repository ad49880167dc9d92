// One ground-check list: totals, assignment by RW (automatic, or one RW to a named PSM) for the
// operator, and progress grouped per PSM, RW, kelurahan or kecamatan (?per=). The RW and PSM typed
// for one assignment are kept in the tab until assigned or sign-out (components/kept.ts).
import { useRef, useState } from 'preact/hooks';
import { bagiDaftar, getDaftar, kemajuan, type BagiReport, type KemajuanPer } from '../../api/usulan';
import { hasKept, useKept } from '../../components/kept';
import { Disclosure, EmptyState, ErrorState, Field, Loading, Notice, PageTitle, describeError } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { formatDateTime, formatNumber, type MessageKey, t, tn } from '../../i18n';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { Tabs } from '../registry/common';

const PERS: KemajuanPer[] = ['psm', 'rw', 'kelurahan', 'kecamatan'];

export default function DaftarScreen({ params, query, me }: ScreenProps) {
  const id = params.id;
  const per = (PERS as string[]).includes(query.get('per') ?? '') ? (query.get('per') as KemajuanPer) : 'rw';
  const res = useAsync((signal) => getDaftar(id, signal), [id]);
  const [rev, setRev] = useState(0);
  if (res.state === 'loading') return <Loading />;
  if (res.state === 'error')
    return (
      <section>
        <PageTitle title={t('periksa.title')}>{t('periksa.title')}</PageTitle>
        <ErrorState error={res.error} onRetry={res.reload} />
      </section>
    );
  const d = res.data;
  return (
    <section>
      <PageTitle title={d.nama}>{d.nama}</PageTitle>
      <p class="subtitle">
        {t('periksa.byAt', { who: d.created_by, when: formatDateTime(d.created_at) })} · {t(`periksa.source.${d.sumber}` as MessageKey)}
      </p>
      <p class="lede">
        {t('periksa.progress', { done: formatNumber(d.selesai), total: formatNumber(d.total) })}
        {d.tanpa_petugas > 0 && <> · {t('periksa.unassigned', { n: formatNumber(d.tanpa_petugas) })}</>}
      </p>
      {me.role === 'operator' && (
        <Assign
          id={d.id}
          keepKey={`${me.username}.periksa.daftar.${d.id}.bagi`}
          onDone={() => {
            // Refresh the counts in place: a reload would unmount the assignment report.
            getDaftar(d.id).then(res.set, () => {});
            setRev((r) => r + 1);
          }}
        />
      )}
      <h2>{t('periksa.kemajuan')}</h2>
      <Tabs
        label={t('periksa.per')}
        items={PERS.map((p) => ({ href: `/periksa/daftar/${d.id}?per=${p}`, label: t(`periksa.per.${p}` as MessageKey), current: per === p }))}
      />
      <Progress id={d.id} per={per} rev={rev} />
      <p>
        <Link href="/periksa/daftar">{t('periksa.back')}</Link>
      </p>
    </section>
  );
}

function Progress({ id, per, rev }: { id: number; per: KemajuanPer; rev: number }) {
  const res = useAsync((signal) => kemajuan(id, per, signal), [id, per, rev]);
  if (res.state === 'loading') return <Loading />;
  if (res.state === 'error') return <ErrorState error={res.error} onRetry={res.reload} />;
  if (res.data.length === 0) return <EmptyState title={t('periksa.kemajuanNone')} />;
  return (
    <ul class="plain">
      {res.data.map((k) => {
        const name = k.kelompok || t('periksa.noGroup');
        return (
          <li key={k.kelompok} class="progress-row">
            <span>
              <strong class={per === 'psm' ? '' : 'code'}>{name}</strong> · {t('periksa.progress', { done: formatNumber(k.selesai), total: formatNumber(k.total) })}
            </span>
            <progress max={k.total || 1} value={k.selesai} aria-label={`${name}: ${t('periksa.progress', { done: k.selesai, total: k.total })}`} />
          </li>
        );
      })}
    </ul>
  );
}

function Assign({ id, keepKey, onDone }: { id: number; keepKey: string; onDone: () => void }) {
  const [report, setReport] = useState<BagiReport | null>(null);
  const [error, setError] = useState<{ text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // Open when it holds input from before (a reload, a look at the PSM list): not lost out of sight.
  const [manualOpen, setManualOpen] = useState(() => hasKept(keepKey));
  const [manual, setManual, forgetManual, restored] = useKept(keepKey, { rw: '', petugas: '' });
  const { rw, petugas } = manual;
  const setRw = (v: string) => setManual((m) => ({ ...m, rw: v }));
  const setPetugas = (v: string) => setManual((m) => ({ ...m, petugas: v }));
  const [manualErrors, setManualErrors] = useState<{ rw?: string; petugas?: string }>({});
  const rwRef = useRef<HTMLInputElement>(null);
  const petugasRef = useRef<HTMLInputElement>(null);
  const run = async (penugasan?: { kode_rw: string; petugas: string }[]) => {
    setBusy(true);
    setError(null);
    try {
      setReport(await bagiDaftar(id, penugasan));
      if (penugasan) forgetManual();
      onDone();
    } catch (err) {
      setError({ text: describeError(err).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="bagi-h" class="panel">
      <h2 id="bagi-h">{t('periksa.bagi')}</h2>
      <p class="field-hint">{t('periksa.bagiHint')}</p>
      {error && (
        <Notice tone="error" focus={error}>
          {error.text}
        </Notice>
      )}
      {report && (
        <Notice tone="ok" focus={report}>
          <p>{tn('periksa.bagiDone', report.ditugaskan)}</p>
          {Object.keys(report.per_petugas).length > 0 && (
            <ul>
              {Object.entries(report.per_petugas).map(([who, n]) => (
                <li key={who}>{t('periksa.bagiPer', { who, n: formatNumber(n) })}</li>
              ))}
            </ul>
          )}
          {report.rw_tanpa_petugas.length > 0 && <p>{t('periksa.bagiNoPsm', { list: report.rw_tanpa_petugas.map((r) => r || t('periksa.noGroup')).join(', ') })}</p>}
        </Notice>
      )}
      <div class="btn-row">
        <button type="button" class="btn btn-primary" disabled={busy} onClick={() => void run()}>
          {t('periksa.bagiSubmit')}
        </button>
      </div>
      <Disclosure label={t('periksa.bagiManual')} open={manualOpen} onToggle={setManualOpen}>
        <form
          class="form form-inline-card"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            // Each empty field says so, and the first takes focus.
            const errs = { rw: rw.trim() ? undefined : t('periksa.rwRequired'), petugas: petugas.trim() ? undefined : t('periksa.petugasRequired') };
            setManualErrors(errs);
            if (errs.rw || errs.petugas) {
              (errs.rw ? rwRef : petugasRef).current?.focus();
              return;
            }
            void run([{ kode_rw: rw.trim(), petugas: petugas.trim() }]);
          }}
        >
          {restored && <Notice tone="info">{t('field.kept')}</Notice>}
          <Field label={t('periksa.kodeRw')} value={rw} onValue={setRw} error={manualErrors.rw} inputRef={rwRef} inputMode="text" autocomplete="off" spellcheck={false} />
          <Field
            label={t('periksa.petugas')}
            value={petugas}
            onValue={setPetugas}
            error={manualErrors.petugas}
            inputRef={petugasRef}
            autocomplete="off"
            autocapitalize="none"
            spellcheck={false}
          />
          <div class="btn-row">
            <button type="submit" class="btn btn-secondary" disabled={busy}>
              {t('periksa.bagi')}
            </button>
          </div>
        </form>
      </Disclosure>
    </section>
  );
}
