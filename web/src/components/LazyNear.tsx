// A component fetched as its own chunk and drawn only when its place comes near the screen (the
// coverage map; the dashboard's panels do the same as a group, screens/DasborScreen.tsx): on a
// phone a map below the fold costs nothing until the
// user scrolls to it, and the screen's first paint never waits for Leaflet. The placeholder holds
// about the component's height (`tall`), so the page does not jump and far places stay far.
import type { ComponentType } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { ErrorState, Loading } from './ui';

const loaded = new Map<string, ComponentType<any>>();

export interface LazyNearProps<P> {
  /** Names the chunk (one component per key). */
  id: string;
  load: () => Promise<{ default: ComponentType<P> }>;
  props: P;
  tall?: boolean;
}

export function LazyNear<P>({ id, load, props, tall }: LazyNearProps<P>) {
  const [C, setC] = useState<ComponentType<P> | undefined>(() => loaded.get(id));
  const [failed, setFailed] = useState(false);
  const spot = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    if (near || !spot.current) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: '200px' });
    io.observe(spot.current);
    return () => io.disconnect();
  }, [near]);
  useEffect(() => {
    if (C || !near) return;
    let live = true;
    load().then(
      (m) => {
        loaded.set(id, m.default);
        if (live) setC(() => m.default);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [id, load, C, near]);
  if (failed) return <ErrorState error={new Error(t('error.chunk'))} />;
  if (!C || !near)
    return (
      <div ref={spot} class={`panel-wait${tall ? ' panel-wait-wide' : ''}`}>
        <Loading />
      </div>
    );
  return <C {...(props as any)} />;
}
