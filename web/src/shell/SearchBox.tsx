// The global search box: NIK or No. KK (16 digits, exact), a name (by its beginning) or a
// wilayah; the results screen (screens/Search.tsx) asks the registry and the region tree.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { searchHref } from '../router/links';
import { locationStore, navigate } from '../router/router';
import { useStore } from '../state/store';

export function SearchBox() {
  const loc = useStore(locationStore);
  const current = loc.path === '/cari' ? (loc.query.get('q') ?? '') : '';
  const [q, setQ] = useState(current);
  useEffect(() => setQ(current), [current]);
  return (
    <form
      role="search"
      class="searchbox"
      aria-label={t('search.label')}
      onSubmit={(e) => {
        e.preventDefault();
        const v = q.trim();
        if (v) navigate(searchHref(v));
      }}
    >
      <label for="global-search" class="vh">
        {t('search.label')}
      </label>
      <input
        id="global-search"
        type="search"
        name="q"
        value={q}
        onInput={(e) => setQ((e.target as HTMLInputElement).value)}
        placeholder={t('search.placeholder')}
        autocomplete="off"
        enterKeyHint="search"
      />
      <button type="submit" class="btn">
        {t('action.search')}
      </button>
    </form>
  );
}
