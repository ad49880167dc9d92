import { useWilayahNames } from '../labels';
import { Link } from '../router/Link';
import { wilayahHref } from '../router/links';

/** The user's scope regions by name and code, each a way into the wilayah browser. */
export function ScopeList({ codes }: { codes: string[] }) {
  const names = useWilayahNames(codes);
  return (
    <ul class="list">
      {codes.map((k, i) => (
        <li key={k}>
          <Link href={wilayahHref(k)} class="list-link">
            <span class="list-main">{names[i]}</span>
            <span class="list-sub code">{k}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
