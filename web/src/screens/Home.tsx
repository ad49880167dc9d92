// Beranda: a greeting and the panels for this role (src/dashboard/panels.tsx). Every panel's
// chunk and data are fetched first and the panels drawn together, in one render (see
// components/prepare.ts); until then one spinner holds the screen's room, so nothing on screen
// moves when they arrive.
import { Loading, PageTitle } from '../components/ui';
import { PanelSlot } from '../components/PanelSlot';
import { prepare, prepareGroup } from '../components/prepare';
import { useAsync } from '../components/useAsync';
import { panelsFor, type PanelProps } from '../dashboard/panels';
import { t } from '../i18n';
import type { ScreenProps } from '../routes';

/** How long the home waits for its slowest panel before drawing the others without it. */
const CAP_MS = 2500;

export function Home({ me }: ScreenProps) {
  const title = t('home.title');
  const list = panelsFor(me.role);
  const res = useAsync(
    (signal) =>
      prepareGroup<PanelProps>(
        list.map((p) => () => prepare(p.load ? p.load() : { default: p.component! }, { me }, signal, p.data)),
        CAP_MS,
      ),
    [me.username, me.role],
  );
  return (
    <section>
      <PageTitle title={title}>{t('home.greeting', { name: me.nama || me.username })}</PageTitle>
      {res.state !== 'ok' ? (
        <div class="screen-wait">
          <Loading />
        </div>
      ) : (
        <div class="panels">
          {list.map((p, i) => (
            <section class={`panel panel-${p.id}`} key={p.id} aria-labelledby={`panel-${p.id}`}>
              <h2 id={`panel-${p.id}`}>{t(p.title)}</h2>
              <PanelSlot slot={res.data[i]} props={{ me }} />
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
