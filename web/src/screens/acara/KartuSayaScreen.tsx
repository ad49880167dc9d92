// The participant's own cards: every event they are invited to or registered for, with the QR code
// to show at the door. The last list fetched is kept on the device, so the card still opens
// without signal at the venue.
import { acaraSaya, type AcaraSaya } from '../../api/acara';
import { EmptyState, ErrorState, Loading, Notice, PageTitle } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { formatDateTime, t } from '../../i18n';
import type { ScreenProps } from '../../routes';
import { Link } from '../../router/Link';
import { jam, peranLabel, statusLabel, tanggal } from './common';

const CACHE_KEY = 'pilar.kartu-saya';

interface Cached {
  at: string;
  user: string;
  items: AcaraSaya[];
}

async function load(user: string, signal: AbortSignal): Promise<{ items: AcaraSaya[]; cachedAt?: string }> {
  try {
    const items = await acaraSaya(signal);
    localStorage.setItem(CACHE_KEY, JSON.stringify({ at: new Date().toISOString(), user, items } satisfies Cached));
    return { items };
  } catch (err) {
    const cached = localStorage.getItem(CACHE_KEY);
    const c = cached ? (JSON.parse(cached) as Cached) : null;
    if (c && c.user === user && (err as { isNetwork?: boolean }).isNetwork) return { items: c.items, cachedAt: c.at };
    throw err;
  }
}

export default function KartuSayaScreen({ me }: ScreenProps) {
  const res = useAsync((signal) => load(me.username, signal), [me.username]);
  return (
    <section>
      <PageTitle title={t('kartu.title')}>{t('kartu.title')}</PageTitle>
      <p class="subtitle">{t('kartu.lede')}</p>
      {res.state === 'loading' ? (
        <Loading />
      ) : res.state === 'error' ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : res.data.items.length === 0 ? (
        <EmptyState title={t('kartu.none')}>
          <Link href="/acara">{t('acara.title')}</Link>
        </EmptyState>
      ) : (
        <>
          {res.data.cachedAt && <Notice tone="info">{t('kartu.cached', { at: formatDateTime(res.data.cachedAt) })}</Notice>}
          <ul class="cards">
            {res.data.items.map((a) => (
              <li key={a.id} class="card kartu">
                <h2 class="card-title">{a.judul}</h2>
                <p class="card-sub">
                  {tanggal(a)} · {a.tempat} · {statusLabel(a.status)}
                </p>
                <p>
                  <strong>{a.peserta.nama}</strong> · {peranLabel(a.peserta.peran)} · {t(`acara.pstatus.${a.peserta.status}`)}
                </p>
                {a.peserta.status === 'terdaftar' && a.peserta.qr_svg ? (
                  <>
                    {/* The server's SVG (its only text, the title, is escaped there). */}
                    <div class="kartu-qr" dangerouslySetInnerHTML={{ __html: a.peserta.qr_svg }} />
                    <p class="code kartu-kode">{a.peserta.kode_kartu}</p>
                  </>
                ) : (
                  <p class="muted">
                    {t('kartu.notRegistered')} <Link href={`/acara/${a.id}`}>{t('kartu.openEvent')}</Link>
                  </p>
                )}
                <ul class="plain">
                  {a.sesi.map((s) => (
                    <li key={s.id}>
                      {jam(s.mulai)} · {s.judul}
                      {s.topik && <> ({s.topik})</>}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
