// Wilayah browser: kota → kecamatan → kelurahan/desa → RW → RT, starting from the user's own
// scope. Admins also create RW/RT, rename them and retire or reactivate them (Kemendagri levels
// come from idn-area-data and are not edited here).
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import type { Me, Wilayah } from '../../api/types';
import { childrenOf, getWilayah } from '../../api/wilayah';
import { ScopeList } from '../../components/ScopeList';
import { EmptyState, ErrorState, Loading, Notice, PageTitle } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { formatDateTime, t, tn } from '../../i18n';
import { childTingkat, levelLabel, tingkatLabel, useWilayahNames, wilayahName } from '../../labels';
import type { ScreenProps } from '../../routes';
import { wilayahHref } from '../../router/links';
import { Link } from '../../router/Link';
import { AddChildForm, ReactivateButton, RenameForm, RetireForm } from './forms';

export default function WilayahScreen({ query, me }: ScreenProps) {
  const kode = query.get('kode') ?? (me.wilayah.length === 1 ? me.wilayah[0] : undefined);
  if (kode) return <WilayahView kode={kode} me={me} key={kode} />;
  return <ScopeRoots me={me} />;
}

function ScopeRoots({ me }: { me: Me }) {
  return (
    <section>
      <PageTitle title={t('wilayah.title')}>{t('wilayah.title')}</PageTitle>
      <p>{t('wilayah.pickScope')}</p>
      {me.wilayah.length === 0 ? (
        <EmptyState title={t('shell.noScope')}>{t('wilayah.noScopeHint')}</EmptyState>
      ) : (
        <ScopeList codes={me.wilayah} />
      )}
    </section>
  );
}

/** Codes from the top of the user's scope (or the kota) down to `kode`. */
function trail(kode: string, scope: string[]): string[] {
  const parts = kode.split('.');
  const root = scope.find((s) => kode === s || kode.startsWith(s + '.'));
  const start = root ? root.split('.').length : Math.min(2, parts.length);
  const out: string[] = [];
  for (let n = start; n <= parts.length; n++) out.push(parts.slice(0, n).join('.'));
  return out;
}

function Breadcrumbs({ kode, me }: { kode: string; me: Me }) {
  const codes = trail(kode, me.wilayah);
  const names = useWilayahNames(codes, { long: false });
  if (codes.length < 2) return null;
  return (
    <nav aria-label={t('wilayah.breadcrumb')} class="breadcrumb">
      <ol>
        {codes.map((c, i) =>
          i === codes.length - 1 ? (
            <li key={c} aria-current="page">
              {names[i]}
            </li>
          ) : (
            <li key={c}>
              <Link href={wilayahHref(c)}>{names[i]}</Link>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

function WilayahView({ kode, me }: { kode: string; me: Me }) {
  const isAdmin = me.role === 'admin';
  const rec = useAsync(() => getWilayah(kode, { fresh: true }), [kode]);
  const kidsTk = rec.state === 'ok' ? childTingkat(rec.data.tingkat) : undefined;
  const kids = useAsync(
    () => (kidsTk === null ? Promise.resolve([] as Wilayah[]) : childrenOf(kode, isAdmin)),
    [kode, kidsTk === null],
  );
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error' | 'info'; text: string } | null>(null);

  if (rec.state === 'loading') return <Loading />;
  if (rec.state === 'error') {
    const notFound = rec.error instanceof ApiError && rec.error.status === 404;
    return (
      <section>
        <PageTitle title={t('wilayah.title')}>{notFound ? t('wilayah.notFound', { kode }) : t('wilayah.title')}</PageTitle>
        <ErrorState error={rec.error} onRetry={rec.reload} />
        <p>
          <Link href="/wilayah">{t('wilayah.backToScope')}</Link>
        </p>
      </section>
    );
  }

  const w = rec.data;
  const name = wilayahName(w);
  const editable = isAdmin && (w.tingkat === 'rw' || w.tingkat === 'rt');
  const canAddChild = isAdmin && w.aktif !== false && (w.tingkat === 'kelurahan' || w.tingkat === 'rw');
  const childTk = childTingkat(w.tingkat);

  return (
    <section>
      <Breadcrumbs kode={kode} me={me} />
      <PageTitle title={name}>{name}</PageTitle>
      <p class="subtitle">
        {levelLabel(w)} · <span class="code">{w.kode}</span>
        {w.aktif === false && (
          <>
            {' '}
            · <span class="badge badge-off">{t('wilayah.retired')}</span>
          </>
        )}
      </p>
      {w.aktif === false && (
        <p class="muted">
          {t('wilayah.retiredSince', { when: formatDateTime(w.dinonaktifkan_pada), reason: w.alasan_nonaktif ?? '-' })}
        </p>
      )}
      {notice && (
        <Notice tone={notice.tone} focus={notice}>
          {notice.text}
        </Notice>
      )}

      {editable && (
        <div class="actions-row">
          <RenameForm
            w={w}
            onSaved={(nw) => {
              rec.set(nw);
              setNotice({ tone: 'ok', text: t('wilayah.renamed', { name: wilayahName(nw) }) });
            }}
            onConflict={(fresh) => {
              rec.set(fresh);
              setNotice({
                tone: 'error',
                text: t('wilayah.conflict', { nama: fresh.nama, version: fresh.version ?? '?' }),
              });
            }}
          />
          {w.aktif === false ? (
            <ReactivateButton
              w={w}
              onDone={(nw) => {
                rec.set(nw);
                kids.reload();
                setNotice({ tone: 'ok', text: t('wilayah.reactivated', { name: wilayahName(nw) }) });
              }}
            />
          ) : (
            <RetireForm
              w={w}
              onDone={(n) => {
                getWilayah(kode, { fresh: true }).then(rec.set, rec.reload);
                kids.reload();
                setNotice({ tone: 'ok', text: tn('wilayah.retiredN', n) });
              }}
            />
          )}
        </div>
      )}

      {childTk === null ? (
        <EmptyState title={t('wilayah.rtLowest')}>{t('wilayah.rtLowestHint')}</EmptyState>
      ) : (
        <section aria-labelledby="children-heading" class="children">
          <h2 id="children-heading">{t('wilayah.childrenOf', { level: tingkatLabel(childTk) })}</h2>
          {canAddChild && (
            <AddChildForm
              parent={w}
              childTk={childTk}
              existing={kids.state === 'ok' ? kids.data : []}
              onCreated={(c) => {
                kids.reload();
                setNotice({ tone: 'ok', text: t('wilayah.created', { name: wilayahName(c) }) });
              }}
            />
          )}
          {kids.state === 'loading' ? (
            <Loading />
          ) : kids.state === 'error' ? (
            <ErrorState error={kids.error} onRetry={kids.reload} />
          ) : kids.data.length === 0 ? (
            <EmptyState title={t('wilayah.noChildren', { level: tingkatLabel(childTk) })}>
              {isAdmin && canAddChild
                ? t('wilayah.noChildrenAdmin', { level: tingkatLabel(childTk) })
                : t('wilayah.noChildrenAsk', { level: tingkatLabel(childTk) })}
            </EmptyState>
          ) : (
            <ul class="list">
              {kids.data.map((c) => (
                <li key={c.kode}>
                  <Link href={wilayahHref(c.kode)} class={`list-link${c.aktif === false ? ' is-off' : ''}`}>
                    <span class="list-main">{wilayahName(c)}</span>
                    <span class="list-sub">
                      <span class="code">{c.kode}</span>
                      {c.aktif === false && <> · {t('wilayah.retired')}</>}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </section>
  );
}
