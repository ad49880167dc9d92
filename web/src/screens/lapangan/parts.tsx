// Small pieces the field screens share: a labelled select, a hook that reads one of the
// device's cached lists and re-reads it when the cache or the queue changes, what became of the
// ops a form queued (QueuedNotice), and a photo picked from the camera and compressed on the device.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useKept } from '../../components/kept';
import { Notice, useFieldId } from '../../components/ui';
import { t } from '../../i18n';
import { Link } from '../../router/Link';
import { compressImage, type Compressed } from '../../offline/compress';
import { cacheState, readList, type ListKey } from '../../offline/cache';
import { listOps, syncState, type QueuedOp } from '../../offline/queue';
import { useStore } from '../../state/store';

export function Select({
  label,
  value,
  onValue,
  options,
  error,
}: {
  label: string;
  value: string;
  onValue: (v: string) => void;
  options: { value: string; label: string }[];
  error?: string;
}) {
  const id = useFieldId('s');
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onValue((e.target as HTMLSelectElement).value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-err`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function useCachedList<T>(username: string, key: ListKey): { items: T[]; fetched_at?: string; loaded: boolean } {
  const { rev } = useStore(cacheState);
  const [state, setState] = useState<{ items: T[]; fetched_at?: string; loaded: boolean }>({ items: [], loaded: false });
  useEffect(() => {
    let live = true;
    readList<T>(username, key).then(
      (r) => live && setState({ items: r?.items ?? [], fetched_at: r?.fetched_at, loaded: true }),
      () => live && setState({ items: [], loaded: true }),
    );
    return () => {
      live = false;
    };
  }, [username, key, rev]);
  return state;
}

export function useOps(): QueuedOp[] {
  const { rev } = useStore(syncState);
  const [ops, setOps] = useState<QueuedOp[]>([]);
  useEffect(() => {
    let live = true;
    listOps().then((o) => live && setOps(o));
    return () => {
      live = false;
    };
  }, [rev]);
  return ops;
}

/**
 * The notice after a form was queued, following its ops as they go: the screen's own "saved on the
 * device, waiting to sync" while any waits, "sent" once the server has them all, and refused or in
 * conflict (with the server's reason and the way to /sinkron) when it did not take one. A notice
 * that kept saying "waiting" after the ops had gone out, or had been refused, misled.
 */
export function QueuedNotice({ ids, waiting, focus, children }: { ids: string[]; waiting: string; focus: object; children?: ComponentChildren }) {
  const ops = useOps().filter((o) => ids.includes(o.op_id));
  const bad = ops.find((o) => o.status === 'ditolak' || o.status === 'konflik');
  if (bad)
    return (
      <Notice tone="error" focus={focus}>
        {bad.status === 'konflik' ? t('field.op.conflict') : `${t('sync.refused')} ${bad.error?.message ?? ''}`}{' '}
        <Link href="/sinkron">{t('field.seeQueue')}</Link>
      </Notice>
    );
  const sent = ops.length === ids.length && ops.every((o) => o.status === 'terkirim');
  return (
    <Notice tone="ok" focus={focus}>
      {sent ? t('field.op.sent') : waiting} {children}
    </Notice>
  );
}

/** RW codes in a scope list ("36.71.01.1001.004"): the places a PSM registers households. */
export function rwCodes(wilayah: string[]): string[] {
  return wilayah.filter((w) => w.split('.').length === 5);
}

/**
 * A photo chosen in a file input (`onChange={photo.pick}`), compressed on the device. `message`
 * says what happened (working, ready with its size, unreadable) for a role="status" line, so a
 * photo is never dropped silently; `working` is true while it is being compressed (a form saved
 * then would go without it). Given `keepKey`, the compressed photo (about 200 KB) is kept in the
 * tab with the form's other input (components/kept.ts) until `forget()`: a look at another screen
 * or a reload no longer drops the photo the worker took (a file input cannot be refilled, so the
 * status line says the photo is still there).
 */
export function usePhoto(keepKey?: string): {
  photo: Compressed | null;
  message: string;
  working: boolean;
  pick: (e: Event) => Promise<void>;
  forget: () => void;
} {
  const [photo, setPhoto, forget, restored] = useKept<Compressed | null>(keepKey ? `${keepKey}.foto` : '', null, keepKey !== undefined);
  const [message, setMessage] = useState(() => (restored && photo ? t('field.ph.photoKept', { kb: Math.round(photo.bytes / 1024) }) : ''));
  const [working, setWorking] = useState(false);
  // Only the last photo chosen counts: one chosen while an earlier one was still being made small
  // must not be replaced by the earlier one finishing later (the form would send a photo the worker
  // had already replaced).
  const picks = useRef(0);
  async function pick(e: Event) {
    const file = (e.target as HTMLInputElement).files?.[0];
    const n = ++picks.current;
    setPhoto(null);
    if (!file) {
      setMessage('');
      setWorking(false);
      return;
    }
    setMessage(t('field.ph.photoWorking'));
    setWorking(true);
    try {
      const c = await compressImage(file);
      if (n !== picks.current) return;
      setPhoto(c);
      setMessage(t('field.ph.photoReady', { kb: Math.round(c.bytes / 1024) }));
    } catch {
      if (n === picks.current) setMessage(t('field.ph.photoFail'));
    } finally {
      if (n === picks.current) setWorking(false);
    }
  }
  return { photo, message, working, pick, forget };
}
