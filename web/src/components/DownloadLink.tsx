// A link to a file the server builds as it streams (an export, the audit trail as CSV, an
// attachment): the browser saves it itself, never holding a large file in the page's memory.
// Before it goes, one small request asks whether the session is still there and the server can be
// reached. A plain link followed after the session had expired saved the server's JSON error as a
// file ("true.json"), and without signal it failed silently in the downloads bar; now an expired
// session leads to the sign-in, no signal says so here.
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { request } from '../api/client';
import { Notice, describeError } from './ui';

export function DownloadLink({
  href,
  class: cls,
  describedBy,
  children,
}: {
  href: string;
  class?: string;
  describedBy?: string;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLAnchorElement>(null);
  const checked = useRef(false);
  const [problem, setProblem] = useState<{ text: string } | null>(null);
  const onClick = async (e: MouseEvent) => {
    if (checked.current) {
      checked.current = false; // the click made below, once the check passed: let it go
      return;
    }
    e.preventDefault();
    setProblem(null);
    try {
      // Not anonymousOk: a 401 here ends the session in the app (the sign-in screen).
      await request('GET', '/api/v1/auth/me');
    } catch (err) {
      setProblem({ text: describeError(err).message });
      return;
    }
    checked.current = true;
    ref.current?.click();
  };
  return (
    <>
      {/* download="": the file's name comes from the server (Content-Disposition). */}
      <a ref={ref} class={cls} href={href} download="" aria-describedby={describedBy} onClick={(e) => void onClick(e)}>
        {children}
      </a>
      {problem && (
        <Notice tone="error" focus={problem}>
          {problem.text}
        </Notice>
      )}
    </>
  );
}
