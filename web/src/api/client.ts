// The one place that talks HTTP to the Pilar server. Screens never call fetch() themselves:
// they call the per-module functions in src/api/*.ts, which call request() here.
//
// Every request sends Accept-Language (the server answers errors in the UI's language) and,
// for state-changing methods, the session's X-CSRF-Token. Failures become ApiError with the
// server's own message ({"error":{"code","message","field"}}) or a local one for network errors.
//
// Offline writes: field screens (households, persons, proposals, ground checks, activity
// reports) will not call request() directly for writes. They will go through
// src/offline/queue.ts (IndexedDB, client-generated UUIDs, replayed to an idempotent sync
// endpoint); see src/offline/README.md. Reads and office-only writes keep using request().

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** Server error code (invalid_argument, not_found, conflict, ...) or 'network'. */
    readonly code: string,
    message: string,
    /** The request field the error is about, when the server names one. */
    readonly field?: string,
    /** Seconds from a Retry-After header (throttled logins). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

interface ClientConfig {
  csrfToken: () => string | null;
  language: () => string;
  /** Called when a signed-in request answers 401: the session ended or was revoked. */
  onUnauthenticated: () => void;
  networkMessage: () => string;
  statusMessage: (status: number) => string;
}

let config: ClientConfig = {
  csrfToken: () => null,
  language: () => 'id',
  onUnauthenticated: () => {},
  networkMessage: () => 'Server tidak dapat dihubungi',
  statusMessage: (s) => `HTTP ${s}`,
};

export function configureClient(c: Partial<ClientConfig>): void {
  config = { ...config, ...c };
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  body?: unknown;
  /** Bytes sent as they are (file uploads) with their Content-Type, instead of a JSON body. */
  raw?: { data: Blob | ArrayBuffer | string; type: string };
  query?: Query;
  signal?: AbortSignal;
  /** Login and the session probe: a 401 there is an answer, not an expired session. */
  anonymousOk?: boolean;
}

/** Encodes one path segment (wilayah codes keep their dots). */
export const seg = (s: string): string => encodeURIComponent(s);

let inFlight = 0;
/** Requests sent and not yet answered (with their body read). The service worker's registration
 *  waits until there are none (src/pwa.ts), so it never competes with a screen's data. */
export const requestsInFlight = (): number => inFlight;

async function send(method: Method, path: string, opts: RequestOptions, accept: string): Promise<{ res: Response; data: unknown }> {
  inFlight++;
  try {
    return await sendNow(method, path, opts, accept);
  } finally {
    inFlight--;
  }
}

async function sendNow(method: Method, path: string, opts: RequestOptions, accept: string): Promise<{ res: Response; data: unknown }> {
  let url = path;
  if (opts.query) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query)) if (v !== undefined && v !== '') qs.set(k, String(v));
    const s = qs.toString();
    if (s) url += (url.includes('?') ? '&' : '?') + s;
  }
  const headers: Record<string, string> = {
    Accept: accept,
    'Accept-Language': config.language(),
  };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.raw) headers['Content-Type'] = opts.raw.type;
  if (method !== 'GET') {
    const csrf = config.csrfToken();
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }

  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: opts.raw ? opts.raw.data : opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', config.networkMessage());
  }

  let data: unknown;
  if ((res.headers.get('content-type') ?? '').includes('json') && (accept === 'application/json' || !res.ok)) {
    try {
      data = await res.json();
    } catch {
      data = undefined;
    }
  }
  if (res.ok) return { res, data };

  const err = (data as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error;
  const retry = Number(res.headers.get('retry-after'));
  const apiError = new ApiError(
    res.status,
    err?.code ?? `http_${res.status}`,
    err?.message ?? config.statusMessage(res.status),
    err?.field,
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
  if (res.status === 401 && !opts.anonymousOk) config.onUnauthenticated();
  throw apiError;
}

export async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  return (await send(method, path, opts, 'application/json')).data as T;
}

/** A file the server builds on request (a POST that also changes something, say): the bytes,
 *  the name from Content-Disposition and the response headers. Errors as for request(). */
export async function download(method: Method, path: string, opts: RequestOptions = {}): Promise<{ blob: Blob; name: string; headers: Headers }> {
  const { res } = await send(method, path, opts, '*/*');
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'pilar-ekspor';
  return { blob: await res.blob(), name, headers: res.headers };
}

/** Hands a downloaded file to the browser's save dialog. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
