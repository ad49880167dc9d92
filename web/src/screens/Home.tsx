// Beranda: a greeting and the panels for this role (src/dashboard/panels.tsx).
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorState, Loading, PageTitle } from '../components/ui';
import { panelsFor, type PanelDef, type PanelProps } from '../dashboard/panels';
import { t } from '../i18n';
import type { ScreenProps } from '../routes';

const loadedPanels = new Map<string, ComponentType<PanelProps>>();

function PanelBody({ panel, me }: { panel: PanelDef } & PanelProps) {
  const [C, setC] = useState(() => panel.component ?? loadedPanels.get(panel.id));
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (C || !panel.load) return;
    let live = true;
    panel.load().then(
      (m) => {
        loadedPanels.set(panel.id, m.default);
        if (live) setC(() => m.default);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [panel, C]);
  if (failed) return <ErrorState error={new Error(t('error.chunk'))} />;
  if (!C) return <Loading />;
  return <C me={me} />;
}

export function Home({ me }: ScreenProps) {
  const title = t('home.title');
  return (
    <section>
      <PageTitle title={title}>{t('home.greeting', { name: me.nama || me.username })}</PageTitle>
      <div class="panels">
        {panelsFor(me.role).map((p) => (
          <section class="panel" key={p.id} aria-labelledby={`panel-${p.id}`}>
            <h2 id={`panel-${p.id}`}>{t(p.title)}</h2>
            <PanelBody panel={p} me={me} />
          </section>
        ))}
      </div>
    </section>
  );
}
