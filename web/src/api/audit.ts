// Admin audit trail: /api/v1/audit (browse, newest first, keyset cursor), /verify, /export (CSV).
import { request } from './client';

export interface AuditEntry {
  seq: number;
  at: string;
  actor_user_id: number | null;
  actor_username: string;
  actor_role: string;
  client_address: string;
  request_id: string;
  action: string;
  entity: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  entity?: string;
  entity_id?: string;
  /** YYYY-MM-DD, inclusive (UTC). */
  from?: string;
  /** YYYY-MM-DD, exclusive (UTC). */
  to?: string;
}

export interface AuditPage {
  items: AuditEntry[];
  next?: string;
}

export interface AuditVerify {
  ok: boolean;
  count: number;
  head_seq: number;
  head_hash: string;
  bad_seq?: number;
  problem: string;
  message: string;
}

export const listAudit = (f: AuditFilter, cursor?: string, signal?: AbortSignal) =>
  request<AuditPage>('GET', '/api/v1/audit', { query: { ...f, limit: 50, cursor }, signal });

export const verifyAudit = () => request<AuditVerify>('GET', '/api/v1/audit/verify');

/** The CSV export address for a filter (a plain download link; the session cookie goes along). */
export function auditExportUrl(f: AuditFilter): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) qs.set(k, v);
  const s = qs.toString();
  return '/api/v1/audit/export' + (s ? `?${s}` : '');
}
