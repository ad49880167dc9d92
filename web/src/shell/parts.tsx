// Pieces of the page frame shared by the signed-in shell and the login / password screens.
import { useState } from 'preact/hooks';
import { setLang, t, langStore } from '../i18n';
import { applyUpdate, updateReady } from '../pwa';
import { onlineStore } from '../state/connectivity';
import { useStore } from '../state/store';
import { Link } from '../router/Link';
import { SyncStatus } from '../offline/SyncStatus';

export function SkipLink() {
  return (
    <a class="skip-link" href="#main">
      {t('shell.skip')}
    </a>
  );
}

/** The logo (public/icons/icon.svg, tools/make-icons.mjs) drawn inline: as an <img>, an SVG costs
 *  the page a document of its own, 7-12 ms of main thread on the bench host; inline, nothing. */
function Logo() {
  return (
    <svg class="logo" viewBox="0 0 512 512" width={28} height={28} aria-hidden="true" focusable="false">
      <rect width="512" height="512" rx="96" fill="#0b5394" />
      <g fill="#fff">
        <polygon points="96,176 256,92 416,176" />
        <rect x="112" y="188" width="288" height="32" />
        <rect x="144" y="236" width="40" height="144" />
        <rect x="236" y="236" width="40" height="144" />
        <rect x="328" y="236" width="40" height="144" />
        <rect x="104" y="392" width="304" height="32" />
      </g>
    </svg>
  );
}

export function Brand() {
  return (
    <Link href="/" class="brand">
      <Logo />
      <span>Pilar</span>
    </Link>
  );
}

export function LangToggle() {
  const lang = useStore(langStore);
  const other = lang === 'id' ? 'en' : 'id';
  return (
    <button type="button" class="btn btn-quiet lang-toggle" lang={other} onClick={() => setLang(other)}>
      {/* Named in the language it switches to, so a reader of that language recognises it. */}
      {other === 'en' ? 'English' : 'Indonesia'}
    </button>
  );
}

/**
 * Shown while the device has no network, and for field roles the offline queue's status (how
 * many changes wait, how many need review), always, online or not.
 */
export function OfflineBanner() {
  const online = useStore(onlineStore);
  return (
    <>
      {!online && (
        <div class="banner banner-offline" role="status">
          <strong>{t('offline.title')}</strong> {t('offline.body')}
        </div>
      )}
      <SyncStatus />
    </>
  );
}

export function UpdateBanner() {
  const waiting = useStore(updateReady);
  const [busy, setBusy] = useState(false);
  if (!waiting) return null;
  return (
    <div class="banner banner-update" role="status">
      <span>{t('update.body')}</span>{' '}
      <button
        type="button"
        class="btn btn-small"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          applyUpdate();
        }}
      >
        {t('update.action')}
      </button>
    </div>
  );
}

export function Footer() {
  return (
    <footer class="app-footer">
      <p>
        {t('footer.wilayahData')}{' '}
        <a href="https://www.npmjs.com/package/idn-area-data" rel="noopener">
          idn-area-data
        </a>
        , {t('footer.license')}{' '}
        <a href="https://opendatacommons.org/licenses/odbl/1-0/" rel="license noopener">
          ODbL 1.0
        </a>
      </p>
    </footer>
  );
}
