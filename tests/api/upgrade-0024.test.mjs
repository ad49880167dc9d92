// Upgrading a database at schema 0023 (migration 0024, docs/operations.md "Schema migrations"):
// what was saved before the write rules refused it — special fields in ground-check answers, a
// full NIK/No. KK typed into a note — is cleaned in the tables and in the audit trail's copies,
// the trail still verifies, one audit entry counts it, and it happens once.
//
// The database is made as a binary whose last migration was 0023 left it: this binary with
// PILAR_TEST_LAST_MIGRATION=23 (src/cli/migrations.cpp) serves it and writes the proposal, its
// return note and its ground check through the API. That binary already refuses the old contents,
// so they are put where the binary before the rules wrote them, and only there, with SQL: the
// return note in usulan/usulan_riwayat and in its audit entry (the old service copied catatan into
// before/after as typed), the ground check's answers with a disability and a NIK in the
// `usulan.verifikasi` entry (0023 cleaned the proposal's own answers, not the trail). The entries
// changed get the payload digest and chain hash the old append_audit computed for such a payload
// (audit.hpp's documented encoding, BLAKE2b-256 in blake2b.mjs), so `pilar audit verify` passes
// before the upgrade as it did for the office.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { blake2b256 } from './blake2b.mjs';
import { KELURAHAN, api, dataDirSnapshot, login, pilarOk, runPilar, setupDataDir, sqlite, startServer } from './helpers.mjs';

const OLDER = { PILAR_TEST_LAST_MIGRATION: '23' };
const GPS = { lat: -6.178, lon: 106.63 };
const NOTE = 'Lampirkan surat kematian (KK ujung 0001)';
const OLD_NOTE = 'Lampirkan surat kematian KK 3671012001150001';
const MASKED_NOTE = 'Lampirkan surat kematian KK 3671********0001';

// audit.hpp: enc(text) = 8-byte big-endian length + bytes, enc(NULL) = 8 bytes 0xFF.
function enc(v) {
  if (v === null) return Buffer.alloc(8, 0xff);
  const b = Buffer.from(String(v), 'utf8');
  const len = Buffer.alloc(8);
  len.writeBigUInt64BE(BigInt(b.length));
  return Buffer.concat([len, b]);
}
const payloadHash = (r) => blake2b256(Buffer.concat([enc(r.before_json), enc(r.after_json), enc(r.detail)]));
const chainHash = (r) =>
  blake2b256(Buffer.concat(['pilar-audit-v2', r.prev_hash, r.seq, r.at, r.actor_user_id, r.actor_username, r.actor_role,
    r.client_address, r.request_id, r.action, r.entity, r.entity_id, r.payload_hash].map(enc)));
const quote = (v) => (v === null ? 'NULL' : `'${String(v).replaceAll("'", "''")}'`);

function rows(file, sql) {
  const r = spawnSync('sqlite3', ['-json', file, sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3 ${sql}: ${r.stderr}`);
  return r.stdout.trim() ? JSON.parse(r.stdout) : [];
}

// Sets the payload of entries as `edit` returns it and rewrites the chain from the first of them
// to the head as append_audit computes it (the entries after keep their own payloads).
function rewriteAuditFrom(file, edit) {
  const all = rows(file, 'SELECT * FROM audit_log ORDER BY seq');
  let prev = null;
  let changed = false;
  const sql = [];
  for (const r of all) {
    const edited = edit(r);
    if (edited) Object.assign(r, edited);
    changed ||= Boolean(edited);
    if (!changed) {
      prev = r.hash;
      continue;
    }
    r.prev_hash = prev;
    r.payload_hash = payloadHash(r);
    r.hash = chainHash(r);
    prev = r.hash;
    sql.push(`UPDATE audit_log SET before_json = ${quote(r.before_json)}, after_json = ${quote(r.after_json)}, detail = ${quote(r.detail)},` +
      ` prev_hash = ${quote(r.prev_hash)}, payload_hash = ${quote(r.payload_hash)}, hash = ${quote(r.hash)} WHERE seq = ${r.seq};`);
  }
  assert.ok(changed, 'no audit entry to edit');
  sqlite(file, sql.join('\n'));
}

describe('migration 0024 on a database at schema 0023', () => {
  let data;
  let db;
  let usulanId;
  before(async () => {
    data = await setupDataDir({ env: OLDER });
    db = path.join(data.dir, 'pilar.db');
    const srv = await startServer({ dataDir: data.dir, env: OLDER });
    try {
      const s = {};
      for (const who of ['operator', 'tksk']) s[who] = await login(srv, who);
      const post = async (p, who, body, status = 200) => {
        const r = await api(srv, 'POST', p, { session: s[who], body });
        assert.equal(r.status, status, `${p}: ${r.text}`);
        return r.json;
      };
      const h = await post('/api/v1/keluarga', 'operator', { no_kk: '3671012001150001', kode_wilayah: KELURAHAN, rw: '1', rt: '2', alamat: 'Jl. Kenari No. 7' }, 201);
      const u = await post('/api/v1/usulan', 'operator', { keluarga_id: h.id, jenis: 'penghapusan', alasan: 'meninggal' }, 201);
      usulanId = u.id;
      const move = (who, ke, extra = {}) => post(`/api/v1/usulan/${u.id}/transisi`, who, { ke, ...extra });
      await move('operator', 'diajukan');
      await move('tksk', 'dikembalikan', { catatan: NOTE });
      await move('operator', 'diajukan');
      await move('tksk', 'ditinjau');
      await move('operator', 'diverifikasi', { hasil_periksa: 2, ...GPS, jawaban: { kondisi_rumah: 'kosong', penghuni: [{ nama: 'Ani', umur: 40 }] } });
    } finally {
      await srv.stop();
    }
    // As the binary before the rules stored them (see the top of the file).
    sqlite(db, `UPDATE usulan_riwayat SET catatan = ${quote(OLD_NOTE)} WHERE catatan = ${quote(NOTE)};` +
      ` UPDATE usulan SET catatan = ${quote(OLD_NOTE)} WHERE catatan = ${quote(NOTE)};`);
    rewriteAuditFrom(db, (r) => {
      if (r.action === 'usulan.kembalikan') return { after_json: r.after_json.replace(NOTE, OLD_NOTE) };
      if (r.action === 'usulan.verifikasi') {
        const after = JSON.parse(r.after_json);
        after.periksa.jawaban.penghuni[0].disabilitas_jenis = 'netra';
        after.periksa.jawaban.nik = '3671 0145 0790 0002';
        return { after_json: JSON.stringify(after) };
      }
      return null;
    });
    assert.match((await pilarOk(['audit', 'verify', '--data', data.dir], { env: OLDER })).stdout, /^ok: /, 'the trail the office had');
    assert.match(sqlite(db, "SELECT after_json FROM audit_log WHERE action = 'usulan.verifikasi'"), /netra.*3671 0145 0790 0002/);
  });
  after(() => data?.remove());

  test('pilar migrate cleans the note and the trail, the trail verifies, and one entry counts it', async () => {
    const r = await pilarOk(['migrate', '--data', data.dir, '--no-backup']);
    assert.match(r.stdout, /^applied 0024_\w+$/m);
    // The tables: the note masked where it is kept.
    assert.equal(sqlite(db, `SELECT catatan FROM usulan_riwayat WHERE ke = 'dikembalikan'`), MASKED_NOTE);
    assert.equal(sqlite(db, `SELECT catatan FROM usulan WHERE id = ${usulanId}`), MASKED_NOTE);
    // The trail: what the ground check found is still there, without the special field and the number.
    const verif = rows(db, "SELECT * FROM audit_log WHERE action = 'usulan.verifikasi'")[0];
    const found = JSON.parse(verif.after_json);
    assert.deepEqual(found.periksa.jawaban, { kondisi_rumah: 'kosong', penghuni: [{ nama: 'Ani', umur: 40 }] });
    assert.equal(found.periksa.hasil, 2);
    const back = rows(db, "SELECT * FROM audit_log WHERE action = 'usulan.kembalikan'")[0];
    assert.equal(JSON.parse(back.after_json).catatan, MASKED_NOTE);
    const entry = rows(db, "SELECT l.*, (SELECT group_concat(kode) FROM audit_area a WHERE a.seq = l.seq) AS area FROM audit_log l WHERE action = 'audit.bersihkan'");
    assert.equal(entry.length, 1);
    const { seq, payload_hash: digests, ...counts } = JSON.parse(entry[0].after_json);
    assert.deepEqual(seq, [back.seq, verif.seq].sort((a, b) => a - b));
    assert.equal(digests.length, 2);
    assert.deepEqual(counts, {
      audit: { 'usulan.kembalikan': 1, 'usulan.verifikasi': 1 },
      teks: { 'usulan.catatan': 1, 'usulan_riwayat.catatan': 1 },
    });
    assert.equal(entry[0].actor_role, 'system');
    assert.equal(entry[0].area, '36.71');
    assert.doesNotMatch(entry[0].after_json + entry[0].detail, /netra|3671 0145|3671012001150001/, 'no content');
    assert.equal(verif.redacted_by, entry[0].seq);
    assert.equal(back.redacted_by, entry[0].seq);
    assert.match((await pilarOk(['audit', 'verify', '--data', data.dir])).stdout, /^ok: \d+ entries/);
  });

  test('the admin reads the cleaned entries through the audit API, the operator the masked note', async () => {
    const srv = await startServer({ dataDir: data.dir });
    try {
      const admin = await login(srv, 'admin');
      let r = await api(srv, 'GET', '/api/v1/audit?action=usulan&limit=50', { session: admin });
      assert.equal(r.status, 200, r.text);
      const text = JSON.stringify(r.json.items);
      assert.doesNotMatch(text, /netra|disabilitas|3671 0145 0790 0002|3671012001150001/);
      assert.match(text, /KK 3671\*{8}0001/);
      const verif = r.json.items.find((e) => e.action === 'usulan.verifikasi');
      assert.deepEqual(JSON.parse(verif.after_json).periksa.jawaban, { kondisi_rumah: 'kosong', penghuni: [{ nama: 'Ani', umur: 40 }] });
      r = await api(srv, 'GET', '/api/v1/audit?action=audit.bersihkan', { session: admin });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.items.length, 1, 'shown to the admin of the kota it names');
      const operator = await login(srv, 'operator');
      r = await api(srv, 'GET', `/api/v1/usulan/${usulanId}/riwayat`, { session: operator });
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.items.some((x) => x.catatan === MASKED_NOTE), r.text);
      assert.doesNotMatch(r.text, /3671012001150001/);
    } finally {
      await srv.stop();
    }
  });

  test('again: nothing pending, nothing changed; a cleaned entry changed by hand afterwards is reported', async () => {
    const before = dataDirSnapshot(data.dir);
    const again = await pilarOk(['migrate', '--data', data.dir]);
    assert.doesNotMatch(again.stdout, /applied/);
    assert.deepEqual(dataDirSnapshot(data.dir), before);
    const seq = sqlite(db, "SELECT seq FROM audit_log WHERE action = 'usulan.kembalikan'");
    sqlite(db, `UPDATE audit_log SET after_json = replace(after_json, '3671********0001', '3671012001150001') WHERE seq = ${seq}`);
    const r = await runPilar(['audit', 'verify', '--data', data.dir], { env: { LANG: 'en_US.UTF-8' } });
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, new RegExp(`audit seq ${seq}: its payload differs from the one cleaned by seq \\d+ \\(edited\\)`));
  });
});
