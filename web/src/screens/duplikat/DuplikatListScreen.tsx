// The duplicate review queue (/duplikat): probable duplicate pairs whose members are both in the
// caller's scope, best score first within a page, each with both names and the reasons; tabs for
// waiting / decided pairs. The operator can start a dedup run here (synchronous; large registries
// use `pilar dedup`).
import { useState } from 'preact/hooks';
import { jalankanProses, listDuplikat, prosesTerakhir, type Pasangan, type Proses } from '../../api/duplikat';
import { EmptyState, Notice, PageTitle, describeError } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { formatDateTime, formatNumber, t, tn } from '../../i18n';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { PagedList, usePaged } from '../../components/paged';
import { Tabs } from '../registry/common';
import { MemberLine, pctSkor, ringkasAlasan } from './common';

type View = 'menunggu' | 'semua';

export default function DuplikatListScreen({ me, query }: ScreenProps) {
  const view: View = query.get('lihat') === 'semua' ? 'semua' : 'menunggu';
  const paged = usePaged((after, signal) => listDuplikat({ status: view, after, limit: 50 }, signal), [view]);
  return (
    <section>
      <PageTitle title={t('dup.title')}>{t('dup.title')}</PageTitle>
      <p class="subtitle">{t('dup.lede')}</p>
      {me.role === 'operator' && <RunPanel onDone={paged.reload} />}
      <Tabs
        label={t('dup.view')}
        items={[
          { href: '/duplikat', label: t('dup.waiting'), current: view === 'menunggu' },
          { href: '/duplikat?lihat=semua', label: t('dup.all'), current: view === 'semua' },
        ]}
      />
      <PagedList<Pasangan> paged={paged} empty={<EmptyState title={t('dup.empty')}>{t('dup.emptyHint')}</EmptyState>}>
        {(items) => (
          <ul class="list">
            {items.map((p) => (
              <li key={p.id}>
                <Link href={`/duplikat/${p.id}`} class="list-link">
                  <span class="list-main">
                    {p.a.nama} ↔ {p.b.nama} <span class="badge">{pctSkor(p.skor)}</span>
                    {p.status !== 'menunggu' && <span class="badge">{t(p.status === 'digabung' ? 'dup.status.digabung' : 'dup.status.bukan_duplikat')}</span>}
                  </span>
                  <span class="list-sub">
                    <MemberLine a={p.a} />
                  </span>
                  <span class="list-sub">
                    <MemberLine a={p.b} />
                  </span>
                  <span class="list-sub">{ringkasAlasan(p.rincian)}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </PagedList>
    </section>
  );
}

function RunPanel({ onDone }: { onDone: () => void }) {
  const last = useAsync((signal) => prosesTerakhir(signal), []);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Proses | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = done ?? (last.state === 'ok' ? last.data.terakhir : null);
  async function run() {
    setBusy(true);
    setProblem(null);
    try {
      const p = await jalankanProses();
      setDone(p);
      onDone();
    } catch (e) {
      setProblem(describeError(e).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="panel">
      {shown ? (
        <p>
          {t('dup.lastRun', {
            at: formatDateTime(shown.selesai),
            orang: tn('count.anggota', shown.orang),
            pasangan: tn('count.pasangan', shown.pasangan),
            n: formatNumber(shown.baru),
          })}
        </p>
      ) : (
        <p>{t('dup.neverRun')}</p>
      )}
      {done && <Notice tone="ok" focus={done}>{tn('dup.runDone', done.baru, { detik: tn('count.detik', done.detik) })}</Notice>}
      {problem && <Notice tone="error" focus={problem}>{problem}</Notice>}
      <button type="button" class="btn btn-secondary" onClick={run} disabled={busy} aria-busy={busy}>
        {busy ? t('dup.running') : t('dup.run')}
      </button>
    </div>
  );
}
