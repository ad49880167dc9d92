// Admin actions on the region tree: add RW/RT, rename, retire, reactivate.
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import type { Tingkat, Wilayah } from '../../api/types';
import { createChild, getWilayah, reactivateWilayah, renameWilayah, retireWilayah } from '../../api/wilayah';
import { Disclosure, Field, Notice, TextArea, describeError } from '../../components/ui';
import { t } from '../../i18n';
import { tingkatLabel } from '../../labels';

export function AddChildForm({
  parent,
  childTk,
  existing,
  onCreated,
}: {
  parent: Wilayah;
  childTk: Tingkat;
  existing: Wilayah[];
  onCreated: (w: Wilayah) => void;
}) {
  const [open, setOpen] = useState(false);
  const [nomor, setNomor] = useState('');
  const [nama, setNama] = useState('');
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const level = tingkatLabel(childTk);
  const next = existing.reduce((m, w) => Math.max(m, Number(w.kode.slice(w.kode.lastIndexOf('.') + 1)) || 0), 0) + 1;

  const submit = async (e: Event) => {
    e.preventDefault();
    const n = Number(nomor || next);
    if (!Number.isInteger(n) || n < 1 || n > 999) {
      setError({ message: t('wilayah.nomorRange'), field: 'nomor' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const w = await createChild(parent.kode, n, nama.trim() || undefined);
      setNomor('');
      setNama('');
      setOpen(false);
      onCreated(w);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Disclosure label={t('wilayah.add', { level })} open={open} onToggle={setOpen} class="add-child">
      <form onSubmit={submit} noValidate class="form form-inline-card">
        {error && (
          <Notice tone="error" focus={error}>
            {error.message}
          </Notice>
        )}
        <Field
          label={t('wilayah.nomor', { level })}
          hint={t('wilayah.nomorHint', { next })}
          value={nomor}
          onValue={setNomor}
          error={error?.field === 'nomor' ? error.message : undefined}
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={3}
          placeholder={String(next)}
        />
        <Field
          label={t('wilayah.namaOptional')}
          hint={t('wilayah.namaHint', { level })}
          value={nama}
          onValue={setNama}
          error={error?.field === 'nama' ? error.message : undefined}
          maxLength={100}
        />
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('wilayah.addSubmit', { level })}
        </button>
      </form>
    </Disclosure>
  );
}

export function RenameForm({
  w,
  onSaved,
  onConflict,
}: {
  w: Wilayah;
  onSaved: (w: Wilayah) => void;
  onConflict: (current: Wilayah) => void;
}) {
  const [open, setOpen] = useState(false);
  const [nama, setNama] = useState(w.nama);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!nama.trim()) {
      setError(t('wilayah.namaRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const nw = await renameWilayah(w.kode, nama.trim(), w.version ?? 1);
      setOpen(false);
      onSaved(nw);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        // Someone else changed it since this page loaded: show what it is now; the typed name
        // stays in the field so the user can decide and save again on the current version.
        try {
          onConflict(await getWilayah(w.kode, { fresh: true }));
        } catch {
          setError(err.message);
        }
      } else {
        setError(describeError(err).message);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Disclosure label={t('wilayah.rename')} open={open} onToggle={setOpen}>
      <form onSubmit={submit} noValidate class="form form-inline-card">
        <Field
          label={t('wilayah.newName')}
          value={nama}
          onValue={setNama}
          error={error ?? undefined}
          maxLength={100}
          required
        />
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('action.save')}
        </button>
      </form>
    </Disclosure>
  );
}

export function RetireForm({ w, onDone }: { w: Wilayah; onDone: (n: number) => void }) {
  const [open, setOpen] = useState(false);
  const [alasan, setAlasan] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!alasan.trim()) {
      setError(t('wilayah.reasonRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const n = await retireWilayah(w.kode, alasan.trim());
      setOpen(false);
      setAlasan('');
      onDone(n);
    } catch (err) {
      setError(describeError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Disclosure label={t('wilayah.retire')} open={open} onToggle={setOpen}>
      <form onSubmit={submit} noValidate class="form form-inline-card">
        <p>{w.tingkat === 'rw' ? t('wilayah.retireWarnRw') : t('wilayah.retireWarnRt')}</p>
        <TextArea label={t('wilayah.reason')} value={alasan} onValue={setAlasan} error={error ?? undefined} rows={2} required />
        <button type="submit" class="btn btn-danger" disabled={busy}>
          {t('wilayah.retireSubmit')}
        </button>
      </form>
    </Disclosure>
  );
}

export function ReactivateButton({ w, onDone }: { w: Wilayah; onDone: (w: Wilayah) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      {error && <Notice tone="error">{error}</Notice>}
      <button
        type="button"
        class="btn btn-secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            onDone(await reactivateWilayah(w.kode));
          } catch (err) {
            setError(describeError(err).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('wilayah.reactivate')}
      </button>
    </div>
  );
}
