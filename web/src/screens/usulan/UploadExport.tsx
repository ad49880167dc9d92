// The operator's national upload: approved proposals as XLSX/CSV (docs/formats.md, "Usulan siap
// unggah"), NIK and No. KK in full; by default each exported proposal is marked `diekspor` in
// the same step, so the next download holds only what is new.
import { useState } from 'preact/hooks';

import { download, saveBlob } from '../../api/client';
import { Disclosure, Notice, describeError } from '../../components/ui';
import { formatNumber, t, tn } from '../../i18n';
import { Select } from '../registry/common';

export function UploadExport({ ready, onDone }: { ready: number; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [tandai, setTandai] = useState(true);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  async function run() {
    setBusy(true);
    setResult(null);
    try {
      const r = await download(tandai ? 'POST' : 'GET', '/api/v1/usulan/ekspor', { query: { format } });
      saveBlob(r.blob, r.name);
      const usulan = formatNumber(Number(r.headers.get('x-export-usulan') ?? 0));
      const baris = formatNumber(Number(r.headers.get('x-export-rows') ?? 0));
      setResult({ tone: 'ok', text: t(tandai ? 'usulan.upload.doneMarked' : 'usulan.upload.done', { usulan, baris, name: r.name }) });
      if (tandai) onDone();
    } catch (e) {
      setResult({ tone: 'error', text: describeError(e).message });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Disclosure label={tn('usulan.upload.title', ready)} open={open} onToggle={setOpen}>
      <div class="form form-inline-card">
        <p class="field-hint">{t('usulan.upload.hint')}</p>
        <Select label={t('reg.export.format')} value={format} onValue={(v) => setFormat(v as 'xlsx' | 'csv')} options={[{ value: 'xlsx', label: 'XLSX' }, { value: 'csv', label: 'CSV' }]} />
        <ul class="checks">
          <li>
            <label>
              <input type="checkbox" checked={tandai} onChange={(e) => setTandai((e.target as HTMLInputElement).checked)} />
              {t('usulan.upload.tandai')}
            </label>
          </li>
        </ul>
        <p>
          <button type="button" class="btn btn-primary" disabled={busy} onClick={run}>
            {busy ? t('usulan.upload.busy') : t('usulan.upload.button')}
          </button>
        </p>
        {result && (
          <Notice tone={result.tone} focus={result}>
            {result.text}
          </Notice>
        )}
      </div>
    </Disclosure>
  );
}
