// Small pieces the field screens share: a labelled select, and a hook that reads one of the
// device's cached lists and re-reads it when the cache or the queue changes.
import { useEffect, useState } from 'preact/hooks';
import { useFieldId } from '../../components/ui';
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

/** RW codes in a scope list ("36.71.01.1001.004"): the places a PSM registers households. */
export function rwCodes(wilayah: string[]): string[] {
  return wilayah.filter((w) => w.split('.').length === 5);
}
