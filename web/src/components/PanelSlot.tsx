// Draws one panel of a group prepared by components/prepare.ts: at once when it was ready with
// the group, otherwise a spinner until its own chunk and data arrive.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { Slot } from './prepare';
import { ErrorState, Loading } from './ui';

export function PanelSlot<P extends object>({ slot, props }: { slot: Slot<P>; props: P }) {
  const [r, setR] = useState(slot.ready);
  useEffect(() => {
    if (slot.ready) return setR(slot.ready);
    let live = true;
    void slot.later.then((x) => live && setR(x));
    return () => {
      live = false;
    };
  }, [slot]);
  if (!r) return <Loading />;
  if (!r.ok) return <ErrorState error={new Error(t('error.chunk'))} />;
  const { C, data } = r.value;
  return <C {...(props as P & JSX.IntrinsicAttributes)} data={data} />;
}
