// Registry import by upload for the office operator: choose keluarga or anggota, a CSV/XLSX file
// (docs/formats.md) and whether to skip bad rows; the file goes to POST /api/v1/impor/{jenis} as
// the request body, then the job is polled every 500 ms for its progress until it is done or
// failed. The result says plainly whether anything was written and lists the rejected rows.
// Its choices (.checks) and error table (.compare) are styled with the registry screens' CSS.
import '../../styles/registry.css';
import './impor.css';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { getImpor, startImpor, type ImporHasil, type ImporJenis, type ImporJob } from '../../api/impor';
import { useKept } from '../../components/kept';
import { Notice, PageTitle, describeError, useFieldId } from '../../components/ui';
import { formatNumber, lang, t, tn } from '../../i18n';
import type { ScreenProps } from '../../routes';

const POLL_MS = 500;
const KINDS: ImporJenis[] = ['keluarga', 'anggota'];

export default function ImporScreen({ me }: ScreenProps) {
  const [jenis, setJenis] = useState<ImporJenis>('keluarga');
  const [file, setFile] = useState<File | null>(null);
  const [lewati, setLewati] = useState(false);
  const [fileError, setFileError] = useState<string | undefined>();
  const [message, setMessage] = useState<{ text: string; hint?: string } | null>(null);
  const [job, setJob] = useState<ImporJob | null>(null);
  const [sending, setSending] = useState(false);
  const [pollError, setPollError] = useState<{ text: string } | null>(null);
  const [pollTick, setPollTick] = useState(0);
  const fileId = useFieldId('impor-file');
  // The last upload of this tab, kept (components/kept.ts): an operator who leaves the screen while
  // the server imports, or comes back later, finds its progress and error report again (they were
  // gone with the screen, and nothing said whether the file had been saved).
  const [last, setLast] = useKept<{ jenis: ImporJenis; id: string } | null>(`${me.username}.impor`, null);
  useEffect(() => {
    if (!last || job) return;
    const ctl = new AbortController();
    getImpor(last.jenis, last.id, ctl.signal).then(setJob, (e) => {
      if (!(e instanceof DOMException && e.name === 'AbortError')) setLast(null); // gone (finished jobs are kept for days)
    });
    return () => ctl.abort();
  }, []);

  const running = sending || job?.status === 'berjalan';

  // Poll the running job until it is done or failed.
  useEffect(() => {
    if (!job || job.status !== 'berjalan' || pollError) return;
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      getImpor(job.jenis, job.id, ctl.signal).then(
        (j) => setJob(j),
        (e) => {
          if (e instanceof DOMException && e.name === 'AbortError') return;
          setPollError({ text: describeError(e).message });
        },
      );
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [job, pollError, pollTick]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (running) return;
    if (!file) {
      setFileError(t('impor.fileRequired'));
      setMessage({ text: t('form.fixErrors') });
      return;
    }
    setFileError(undefined);
    setMessage(null);
    setPollError(null);
    setJob(null);
    setSending(true);
    try {
      const j = await startImpor(jenis, file, lewati);
      setJob(j);
      setLast({ jenis: j.jenis, id: j.id });
    } catch (err) {
      if (err instanceof ApiError && err.status === 413) setMessage({ text: t('impor.tooLarge'), hint: t('impor.tooLargeHint') });
      else if (err instanceof ApiError && err.status === 409) setMessage({ text: err.message, hint: t('impor.busyHint') });
      else setMessage({ text: describeError(err).message });
    } finally {
      setSending(false);
    }
  };

  return (
    <section>
      <PageTitle title={t('impor.title')}>{t('impor.title')}</PageTitle>
      <p class="subtitle">{t('impor.lede')}</p>

      <form class="form form-inline-card" onSubmit={submit} noValidate aria-busy={running ? 'true' : undefined}>
        {message && (
          <Notice tone="error" focus={message}>
            <p>{message.text}</p>
            {message.hint && <p>{message.hint}</p>}
          </Notice>
        )}
        <fieldset class="field" aria-describedby="impor-order">
          <legend>{t('impor.jenis')}</legend>
          <p id="impor-order" class="field-hint">
            {t('impor.order')}
          </p>
          <ul class="checks">
            {KINDS.map((k) => (
              <li key={k}>
                <label>
                  <input type="radio" name="impor-jenis" value={k} checked={jenis === k} disabled={running} onChange={() => setJenis(k)} />
                  {t(k === 'keluarga' ? 'impor.jenis.keluarga' : 'impor.jenis.anggota')}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>

        <div class={`field${fileError ? ' field-invalid' : ''}`}>
          <label for={fileId}>{t('impor.file')}</label>
          <p id={`${fileId}-hint`} class="field-hint">
            {t('impor.fileHint')}
          </p>
          <input
            id={fileId}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={running}
            aria-describedby={`${fileId}-hint${fileError ? ` ${fileId}-err` : ''}`}
            aria-invalid={fileError ? 'true' : undefined}
            onChange={(e) => {
              const f = (e.target as HTMLInputElement).files?.[0] ?? null;
              setFile(f);
              if (f) setFileError(undefined);
            }}
          />
          {fileError && (
            <p id={`${fileId}-err`} class="field-error">
              {fileError}
            </p>
          )}
        </div>

        <ul class="checks">
          <li>
            <label>
              <input type="checkbox" checked={lewati} disabled={running} aria-describedby="impor-lewati-hint" onChange={(e) => setLewati((e.target as HTMLInputElement).checked)} />
              {t('impor.lewati')}
            </label>
          </li>
        </ul>
        <p id="impor-lewati-hint" class="field-hint">
          {lewati ? t('impor.lewatiOn') : t('impor.lewatiOff')}
        </p>

        <div class="btn-row">
          <button type="submit" class="btn btn-primary" disabled={running}>
            {sending ? t('impor.sending') : running ? t('impor.running') : t('impor.submit')}
          </button>
        </div>
      </form>

      {job && <JobView job={job} />}
      {pollError && job?.status === 'berjalan' && (
        <Notice tone="error" focus={pollError}>
          <p>{pollError.text}</p>
          <p>{t('impor.pollHint')}</p>
          <button
            type="button"
            class="btn"
            onClick={() => {
              setPollError(null);
              setPollTick(pollTick + 1);
            }}
          >
            {t('impor.pollRetry')}
          </button>
        </Notice>
      )}
    </section>
  );
}

function JobView({ job }: { job: ImporJob }) {
  const en = lang() === 'en';
  return (
    <section class="impor-job" aria-labelledby="impor-job-h">
      <h2 id="impor-job-h">{t('impor.job', { file: job.nama_file })}</h2>
      <div
        class="impor-progress"
        role="progressbar"
        aria-labelledby="impor-job-h"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={job.persen}
        aria-valuetext={tn('impor.progressText', job.baris, { persen: job.persen })}
      >
        <div class="impor-progress-fill" style={{ width: `${job.persen}%` }} />
      </div>
      <p class="field-hint">
        {tn('impor.progressText', job.baris, { persen: job.persen })}
        {job.ditolak > 0 && <> · {t('impor.progressRejected', { n: formatNumber(job.ditolak) })}</>}
      </p>
      {job.status === 'gagal' && job.error && (
        <Notice tone="error" focus={job}>
          <p>
            <strong>{t('impor.failed')}</strong> {t('impor.nothingSaved')}
          </p>
          <p>{en ? job.error.message_en : job.error.message}</p>
          {(job.error.row || job.error.field) && (
            <p>
              {job.error.row ? t('impor.failedRow', { row: job.error.row }) : ''}
              {job.error.row && job.error.field ? ' · ' : ''}
              {job.error.field ? t('impor.failedField', { field: job.error.field }) : ''}
            </p>
          )}
          <p>{t('impor.failedHint')}</p>
        </Notice>
      )}
      {job.status === 'selesai' && job.hasil && <Result hasil={job.hasil} focus={job} />}
    </section>
  );
}

function Result({ hasil, focus }: { hasil: ImporHasil; focus: unknown }) {
  const en = lang() === 'en';
  const ok = hasil.diterapkan;
  const shown = hasil.kesalahan.length;
  const caption =
    hasil.jumlah_kesalahan > shown
      ? tn('impor.errors.captionSome', hasil.jumlah_kesalahan, { shown: formatNumber(shown) })
      : tn('impor.errors.caption', hasil.jumlah_kesalahan);
  return (
    <div>
      <Notice tone={ok ? 'ok' : 'error'} focus={focus}>
        {ok ? (
          <p>
            <strong>{t('impor.applied')}</strong>{' '}
            {hasil.ditolak > 0 ? tn('impor.appliedSkipped', hasil.ditolak) : t('impor.appliedAll')}
          </p>
        ) : (
          <p>
            <strong>{t('impor.nothingSaved')}</strong> {t('impor.nothingSavedWhy')}
          </p>
        )}
      </Notice>
      <h3>{t('impor.summary')}</h3>
      <dl class="impor-summary">
        <div>
          <dt>{t('impor.sum.baris')}</dt>
          <dd>{formatNumber(hasil.baris)}</dd>
        </div>
        <div>
          <dt>{t('impor.sum.baru')}</dt>
          <dd>{formatNumber(hasil.baru)}</dd>
        </div>
        <div>
          <dt>{t('impor.sum.berubah')}</dt>
          <dd>{formatNumber(hasil.berubah)}</dd>
        </div>
        <div>
          <dt>{t('impor.sum.sama')}</dt>
          <dd>{formatNumber(hasil.sama)}</dd>
        </div>
        <div>
          <dt>{t('impor.sum.ditolak')}</dt>
          <dd>{formatNumber(hasil.ditolak)}</dd>
        </div>
        {hasil.peringatan > 0 && (
          <div>
            <dt>{t('impor.sum.peringatan')}</dt>
            <dd>{formatNumber(hasil.peringatan)}</dd>
          </div>
        )}
      </dl>
      {!ok && <p>{t('impor.sum.wouldBe')}</p>}
      <p class="field-hint">{tn('impor.seconds', hasil.detik, undefined, 1)}</p>
      {shown > 0 && (
        // On a phone each row is a card ("Baris 3 / Kolom: no_kk / Nilai: 36710A / harus 16 angka",
        // impor.css): squeezed into four columns at 360 px its words broke letter by letter ("Bari/s",
        // "kode_wila/yah"). Display: block drops a table's meaning, so the roles say it.
        <table class="compare impor-errors" role="table">
          <caption>{caption}</caption>
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">{t('impor.errors.baris')}</th>
              <th scope="col" role="columnheader">{t('impor.errors.kolom')}</th>
              <th scope="col" role="columnheader">{t('impor.errors.nilai')}</th>
              <th scope="col" role="columnheader">{t('impor.errors.pesan')}</th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {hasil.kesalahan.map((k, i) => (
              <tr key={`${k.baris}-${k.kolom}-${i}`} role="row">
                <th scope="row" role="rowheader" data-label={t('impor.errors.baris')}>
                  {k.baris}
                </th>
                <td role="cell" data-label={t('impor.errors.kolom')}>
                  <span class="code">{k.kolom || '—'}</span>
                </td>
                <td role="cell" data-label={t('impor.errors.nilai')}>
                  {k.nilai === '' ? <span class="muted">{t('impor.errors.empty')}</span> : <span class="code">{k.nilai}</span>}
                </td>
                <td role="cell">{en ? k.pesan_en : k.pesan}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasil.jumlah_kesalahan > shown && <p class="field-hint">{t('impor.errors.more')}</p>}
    </div>
  );
}
