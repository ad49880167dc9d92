// `pilar import` end to end, as an office operator runs it: generated files load, a bad file
// changes nothing and says which rows are wrong, and a `kill -9` in the middle of an import
// leaves the previous state so the same import can simply be run again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';

import {
  PILAR_BIN, api, login, makeTempDir, parseRawResponse, pilarOk, rawRequest, runPilar, setupDataDir, startServer, waitFor,
} from './helpers.mjs';

let root;
let gen;

// "anggota diimpor: 7073 baris, 7073 baru, 0 berubah, 0 sama, 0 ditolak, ..." -> numbers
function summary(stdout) {
  const m = stdout.match(/(\d+) baris, (\d+) baru, (\d+) berubah, (\d+) sama, (\d+) ditolak/);
  assert.ok(m, `no import summary in: ${stdout}`);
  const [rows, baru, berubah, sama, ditolak] = m.slice(1).map(Number);
  return { rows, baru, berubah, sama, ditolak };
}

// An API import's job once it has ended (GET /api/v1/impor/{jenis}/{job} until not berjalan).
function importEnded(srv, session, jenis, id, timeoutMs = 120_000) {
  return waitFor(async () => {
    const r = await api(srv, 'GET', `/api/v1/impor/${jenis}/${id}`, { session });
    return r.json.status !== 'berjalan' && r.json;
  }, { timeoutMs, intervalMs: 50 });
}

async function freshData(name) {
  const dir = path.join(root, name);
  await pilarOk(['wilayah', 'load', '36.71', '--data', dir]);
  return dir;
}

before(async () => {
  root = makeTempDir('pilar-import-');
  gen = path.join(root, 'gen');
  await pilarOk(['generate', '--households', '3000', '--seed', '11', '--out', gen]);
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

test('generated households and members import, and a second run finds them unchanged', async () => {
  const dir = await freshData('ok');
  const k = summary((await pilarOk(['import', 'keluarga', path.join(gen, 'keluarga.csv'), '--data', dir])).stdout);
  assert.deepEqual(k, { rows: 3000, baru: 3000, berubah: 0, sama: 0, ditolak: 0 });
  const a = summary((await pilarOk(['import', 'anggota', path.join(gen, 'anggota.csv'), '--data', dir])).stdout);
  assert.equal(a.baru, a.rows);
  assert.ok(a.rows > 9000, `about 3.5 members per household, got ${a.rows}`);
  const again = summary((await pilarOk(['import', 'anggota', path.join(gen, 'anggota.csv'), '--data', dir])).stdout);
  assert.equal(again.sama, a.rows);
  assert.equal(again.baru, 0);
});

test('a file with bad rows is refused whole, with a report naming row, column and value', async () => {
  const dir = await freshData('bad');
  const lines = fs.readFileSync(path.join(gen, 'keluarga.csv'), 'utf8').trim().split('\n');
  // Every tenth household gets a kelurahan that does not exist.
  const bad = lines.map((l, i) => (i > 0 && i % 10 === 0 ? l.replace(/,36\.71\.\d\d\.\d{4},/, ',36.71.99.9999,') : l));
  const file = path.join(root, 'keluarga-bad.csv');
  fs.writeFileSync(file, `${bad.join('\n')}\n`);
  const report = path.join(root, 'laporan.csv');
  const r = await runPilar(['import', 'keluarga', file, '--data', dir, '--report', report]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stdout, /TIDAK diimpor/);
  const rows = fs.readFileSync(report, 'utf8').trim().split('\n');
  assert.equal(rows[0], 'baris,kolom,nilai,pesan');
  assert.equal(rows.length - 1, 300);
  assert.match(rows[1], /^11,kode_wilayah,36\.71\.99\.9999,/);
  // Nothing was written: the good file afterwards finds every household new.
  const good = summary((await pilarOk(['import', 'keluarga', path.join(gen, 'keluarga.csv'), '--data', dir])).stdout);
  assert.equal(good.baru, 3000);
  // --skip-invalid loads the good rows of the bad file into a fresh database.
  const dir2 = await freshData('skip');
  const skip = summary((await pilarOk(['import', 'keluarga', file, '--data', dir2, '--skip-invalid'])).stdout);
  assert.equal(skip.baru, 2700);
  assert.equal(skip.ditolak, 300);
});

// Issue 5's bad files at the console: each stops with exit 2 and ONE line on stderr naming the
// file, the row and the field and saying why (in Indonesian, the default, and in English), and
// nothing is written — the good file afterwards finds every household new.
test('a bad header, Latin-1, a cut-off last line or an empty file: one line naming file, row, field and why; nothing written', async () => {
  const dir = await freshData('bad-files');
  const good = fs.readFileSync(path.join(gen, 'keluarga.csv'), 'utf8').trim().split('\n');
  const header = good[0];
  const body = good.slice(1, 6);
  const write = (name, content) => {
    const f = path.join(root, name);
    fs.writeFileSync(f, content);
    return f;
  };
  const cases = [
    // an unknown column
    [write('kolom-asing.csv', `${header},warna\n${body.map((l) => `${l},merah`).join('\n')}\n`),
      /kolom-asing\.csv:1: kolom warna: kolom "warna" tidak dikenal/, /unknown column "warna"/],
    // a required column missing
    [write('tanpa-wilayah.csv', `${header.replace('kode_wilayah', 'wilayah_kode')}\n${body.join('\n')}\n`),
      /tanpa-wilayah\.csv:1: kolom (wilayah_kode|kode_wilayah): /, /(unknown|required) column/],
    // Latin-1 (é as the single byte 0xE9) on data row 3 = line 4
    [write('latin1.csv', (() => {
      const f = body[2].split(',');
      return Buffer.concat([Buffer.from(`${header}\n${body[0]}\n${body[1]}\n${f.slice(0, 4).join(',')},Gg. Caf`),
        Buffer.from([0xe9]), Buffer.from(`,${f.slice(5).join(',')}\n`)]);
    })()),
      /latin1\.csv:4: .*UTF-8/, /not valid UTF-8/],
    // the last line cut off inside a quoted address
    [write('terpotong.csv', `${header}\n${body.slice(0, 3).join('\n')}\n${body[3].split(',').slice(0, 2).join(',')},"Jl. Panj`),
      /terpotong\.csv:5: /, /quot/i],
    // nothing at all
    [write('kosong.csv', ''), /kosong\.csv:1: .*kosong/, /empty/],
  ];
  for (const [file, id, en] of cases) {
    for (const [lang, re] of [['id_ID.UTF-8', id], ['en_US.UTF-8', en]]) {
      const r = await runPilar(['import', 'keluarga', file, '--data', dir], { env: { LANG: lang } });
      assert.equal(r.code, 2, `${file}: ${r.stderr}`);
      // (the first command that needs the data key creates it and says so: not an error line)
      const lines = r.stderr.trim().split('\n').filter((l) => !/new data key written/.test(l));
      assert.equal(lines.length, 1, `${file}: one line only\n${r.stderr}`);
      assert.match(lines[0], re, `${file} (${lang})`);
      assert.match(lines[0], new RegExp(path.basename(file).replace('.', '\\.')), `${file} (${lang}): the file is named`);
    }
  }
  const k = summary((await pilarOk(['import', 'keluarga', path.join(gen, 'keluarga.csv'), '--data', dir])).stdout);
  assert.equal(k.baru, 3000, 'no bad file left anything behind');
});

test('kill -9 in the middle of an import leaves the previous state, and the import can run again', async () => {
  const dir = await freshData('kill');
  await pilarOk(['import', 'keluarga', path.join(gen, 'keluarga.csv'), '--data', dir]);
  // The CLI loads in SQLite's rollback-journal mode when it has the file to itself: pages of the
  // unfinished load reach the database file itself once they no longer fit in the page cache
  // (1 MB here), with the original pages saved in pilar.db-journal. Kill it then, so that the
  // next open has to roll the file back from that journal.
  const db = path.join(dir, 'pilar.db');
  const before = fs.statSync(db).size;
  const child = spawn(PILAR_BIN, ['import', 'anggota', path.join(gen, 'anggota.csv'), '--data', dir, '--cache-mb', '1'],
    { stdio: 'ignore' });
  let exited = false;
  child.on('exit', () => { exited = true; });
  const grown = await waitFor(() => exited || (fs.existsSync(`${db}-journal`) && fs.statSync(db).size > before),
    { timeoutMs: 120_000, intervalMs: 5 });
  assert.ok(grown && !exited, 'the import was still running when the database file had grown');
  child.kill('SIGKILL');
  await new Promise((resolve) => child.on('close', resolve));
  assert.ok(fs.existsSync(`${db}-journal`), 'a hot journal was left behind');
  const r = summary((await pilarOk(['import', 'anggota', path.join(gen, 'anggota.csv'), '--data', dir])).stdout);
  assert.equal(r.baru, r.rows, 'no member survived the killed import: every one is new now');
  assert.equal(r.ditolak, 0);
  assert.ok(!fs.existsSync(`${db}-journal`));
  // The load suspends the dashboard's per-row triggers inside its transaction: the killed one
  // left them in place, and the completed one's per-file counts equal a recount.
  await pilarOk(['dashboard', 'check', '--data', dir]);
});

test('an operator uploads a file through the API and follows the import to its report', async () => {
  const data = await setupDataDir();
  const srv = await startServer({ dataDir: data.dir });
  try {
    const op = await login(srv, 'operator');
    const psm = await login(srv, 'psm');
    const csv = fs.readFileSync(path.join(gen, 'keluarga.csv'), 'utf8');
    assert.equal((await api(srv, 'POST', '/api/v1/impor/keluarga', { session: psm, body: csv })).status, 403);

    // A file with one bad row: refused whole, the row named in the report.
    const lines = csv.trim().split('\n');
    lines[5] = lines[5].replace(/^\d{16}/, '12345');
    const bad = await api(srv, 'POST', '/api/v1/impor/keluarga?nama_file=salah.csv', { session: op, body: `${lines.join('\n')}\n` });
    assert.equal(bad.status, 202, bad.text);
    const badDone = await importEnded(srv, op, 'keluarga', bad.json.id, 60_000);
    assert.equal(badDone.status, 'selesai');
    assert.equal(badDone.hasil.diterapkan, false);
    assert.equal(badDone.hasil.jumlah_kesalahan, 1);
    assert.equal(badDone.hasil.kesalahan[0].baris, 6);
    assert.equal(badDone.hasil.kesalahan[0].kolom, 'no_kk');

    const ok = await api(srv, 'POST', '/api/v1/impor/keluarga', { session: op, body: csv });
    assert.equal(ok.status, 202, ok.text);
    const done = await importEnded(srv, op, 'keluarga', ok.json.id, 60_000);
    assert.equal(done.status, 'selesai', JSON.stringify(done));
    assert.equal(done.hasil.baru, 3000);
    assert.equal(done.persen, 100);
    const list = await api(srv, 'GET', '/api/v1/keluarga?limit=1', { session: op });
    assert.equal(list.json.items.length, 1);
    // Someone else's import is not theirs to read.
    const other = await login(srv, 'kepala');
    assert.equal((await api(srv, 'GET', `/api/v1/impor/keluarga/${ok.json.id}`, { session: other })).status, 403);
  } finally {
    await srv.stop();
    data.remove();
  }
});

test('an old Excel file (.xls) or a file named .xlsx that is not one is refused in words, not read as CSV', async () => {
  const data = await setupDataDir();
  const srv = await startServer({ dataDir: data.dir });
  try {
    const op = await login(srv, 'operator');
    const cases = [
      // An Excel 97-2003 workbook starts with the OLE2 signature, whatever its name.
      ['keluarga.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600, 0x20)]), /file Excel lama \(\.xls\)/],
      ['keluarga.bin', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600, 0x20)]), /file Excel lama \(\.xls\)/],
      // Named .xlsx, but a PDF.
      ['keluarga.XLSX', Buffer.from('%PDF-1.4 bukan lembar kerja\n'), /Bukan file XLSX/],
    ];
    for (const [name, body, message] of cases) {
      const r = await api(srv, 'POST', `/api/v1/impor/keluarga?nama_file=${name}`, { session: op, body, headers: { 'content-type': 'application/octet-stream' } });
      assert.equal(r.status, 202, r.text);
      const job = await importEnded(srv, op, 'keluarga', r.json.id, 60_000);
      assert.equal(job.status, 'gagal', JSON.stringify(job));
      assert.match(job.error.message, message, `${name}: ${JSON.stringify(job.error)}`);
      assert.doesNotMatch(job.error.message, /tidak dikenal/, `${name}: read as CSV`);
    }
    const list = await api(srv, 'GET', '/api/v1/keluarga?limit=1', { session: op });
    assert.equal(list.json.items.length, 0, 'nothing was written');
  } finally {
    await srv.stop();
    data.remove();
  }
});

test('an upload whose server is killed (kill -9) mid-import is answered after the restart: gagal, run it again', async () => {
  const data = await setupDataDir();
  let srv = await startServer({ dataDir: data.dir });
  try {
    let op = await login(srv, 'operator');
    const keluarga = fs.readFileSync(path.join(gen, 'keluarga.csv'));
    const anggota = fs.readFileSync(path.join(gen, 'anggota.csv'));
    const members = anggota.toString('utf8').trim().split('\n').length - 1;
    const headers = { 'content-type': 'text/csv' };
    const k = await api(srv, 'POST', '/api/v1/impor/keluarga?nama_file=keluarga.csv', { session: op, body: keluarga, headers });
    assert.equal(k.status, 202, k.text);
    await importEnded(srv, op, 'keluarga', k.json.id, 60_000);
    // The members' upload is accepted; the server dies at once, long before ~10,000 rows are in.
    const a = await api(srv, 'POST', '/api/v1/impor/anggota?nama_file=anggota.csv', { session: op, body: anggota, headers });
    assert.equal(a.status, 202, a.text);
    assert.equal(a.json.status, 'berjalan');
    // While it runs, the upload's threads (named pilar-impor; its workers inherit the name) sit
    // below the I/O threads' priority, so the field workers' reads keep their cores.
    const importing = await waitFor(() => {
      const t = threadsOf(srv.pid).filter((x) => x.name === 'pilar-impor');
      return t.length > 0 ? t : null;
    }, { timeoutMs: 5_000, intervalMs: 5 });
    assert.ok(importing, 'no thread named pilar-impor while the upload ran');
    const main = threadsOf(srv.pid).find((x) => x.tid === srv.pid);
    for (const t of importing) assert.ok(t.nice >= Math.min(19, main.nice + 5), `import thread ${t.tid}: nice ${t.nice}, server ${main.nice}`);
    await srv.kill();

    srv = await startServer({ dataDir: data.dir });
    op = await login(srv, 'operator');
    const r = await api(srv, 'GET', `/api/v1/impor/anggota/${a.json.id}`, { session: op });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'gagal');
    assert.equal(r.json.nama_file, 'anggota.csv');
    assert.equal(r.json.error.message, 'impor terhenti karena server dimulai ulang; jalankan lagi');
    assert.equal(r.json.error.message_en, 'the import stopped because the server restarted; run it again');
    // The finished one is still there, with its counts; the killed one is not the kepala's to read.
    const kr = await api(srv, 'GET', `/api/v1/impor/keluarga/${k.json.id}`, { session: op });
    assert.equal(kr.status, 200, kr.text);
    assert.equal(kr.json.status, 'selesai');
    assert.equal(kr.json.hasil.baru, 3000);
    assert.deepEqual(kr.json.hasil.kesalahan, []);  // the row-level errors quote the file: not kept at rest
    const other = await login(srv, 'kepala');
    assert.equal((await api(srv, 'GET', `/api/v1/impor/anggota/${a.json.id}`, { session: other })).status, 403);
    // Run again, as the message says: every member is new, so nothing of the killed run was applied.
    const again = await api(srv, 'POST', '/api/v1/impor/anggota?nama_file=anggota.csv', { session: op, body: anggota, headers });
    assert.equal(again.status, 202, again.text);
    const done = await importEnded(srv, op, 'anggota', again.json.id, 120_000);
    assert.equal(done.status, 'selesai', JSON.stringify(done));
    assert.equal(done.hasil.baru, members);
  } finally {
    await srv.stop();
    data.remove();
  }
});

// A process's threads as /proc shows them: { tid, name, nice } (stat's 19th field, after the name).
function threadsOf(pid) {
  const dir = `/proc/${pid}/task`;
  return fs.readdirSync(dir).flatMap((tid) => {
    try {
      const stat = fs.readFileSync(path.join(dir, tid, 'stat'), 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return [{ tid: Number(tid), name: fs.readFileSync(path.join(dir, tid, 'comm'), 'utf8').trim(), nice: Number(fields[16]) }];
    } catch {
      return [];  // the thread ended between the listing and the read
    }
  });
}

// The files an upload left in the data dir's tmp/ (the server streams uploads there).
function uploadsLeft(dataDir) {
  const tmp = path.join(dataDir, 'tmp');
  return fs.existsSync(tmp) ? fs.readdirSync(tmp).filter((f) => f.startsWith('pilar-upload-')) : [];
}

test('an upload far larger than the request body limit streams to disk and imports, with progress; a too-large one gets 413 and changes nothing', async () => {
  const data = await setupDataDir();
  // Ordinary requests may carry 64 KB; an import upload goes to a file, up to 2 MB here.
  const UPLOAD_LIMIT = 2 << 20;
  const srv = await startServer({ dataDir: data.dir, args: ['--body-limit', '65536', '--upload-limit', String(UPLOAD_LIMIT)] });
  try {
    const op = await login(srv, 'operator');
    const keluarga = fs.readFileSync(path.join(gen, 'keluarga.csv'));
    const anggota = fs.readFileSync(path.join(gen, 'anggota.csv'));
    assert.ok(anggota.length > 16 * 65536 && anggota.length < UPLOAD_LIMIT, `anggota.csv is ${anggota.length} bytes`);
    const members = anggota.toString('utf8').trim().split('\n').length - 1;

    // Not logged in: answered as soon as the header is in, before any of the body is sent.
    const anon = await rawRequest(srv.port, `POST /api/v1/impor/anggota HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/csv\r\nContent-Length: ${anggota.length}\r\n\r\n`);
    assert.equal(anon.status, 401, anon.text.slice(0, 300));
    assert.ok(anon.closed, 'the connection is closed: the unread body cannot be taken for a request');
    assert.deepEqual(uploadsLeft(data.dir), []);

    for (const [jenis, body, rows] of [['keluarga', keluarga, 3000], ['anggota', anggota, members]]) {
      const start = await api(srv, 'POST', `/api/v1/impor/${jenis}?nama_file=${jenis}.csv`,
        { session: op, body, headers: { 'content-type': 'text/csv' } });
      assert.equal(start.status, 202, start.text);
      assert.equal(start.json.status, 'berjalan');
      const seen = [start.json];
      const done = await waitFor(async () => {
        const r = await api(srv, 'GET', `/api/v1/impor/${jenis}/${start.json.id}`, { session: op });
        seen.push(r.json);
        return r.json.status !== 'berjalan' && r.json;
      }, { timeoutMs: 120_000, intervalMs: 50 });
      assert.equal(done.status, 'selesai', JSON.stringify(done));
      assert.equal(done.hasil.diterapkan, true);
      assert.equal(done.hasil.baru, rows);
      assert.equal(done.baris, rows);
      assert.equal(done.persen, 100);
      // Progress only moves forward.
      for (let i = 1; i < seen.length; i++) {
        assert.ok(seen[i].baris >= seen[i - 1].baris && seen[i].persen >= seen[i - 1].persen, JSON.stringify(seen));
      }
    }
    // The stored upload is removed once its import ended.
    assert.deepEqual(uploadsLeft(data.dir), []);

    // Over the upload limit: every household changed, repeated past 2 MB. Refused with a clear
    // message in the caller's language, and nothing changes.
    const [head, ...lines] = keluarga.toString('utf8').trim().split('\n');
    // Column 5 is alamat: a new address for every household.
    const changed = lines.map((l) => l.replace(/^([^,]*,[^,]*,[^,]*,[^,]*,)[^,]*/, '$1Jl. Pindahan No. 1')).join('\n');
    let big = head;
    while (big.length <= UPLOAD_LIMIT) big += `\n${changed}`;
    const id = await api(srv, 'POST', '/api/v1/impor/keluarga', { session: op, body: big, headers: { 'content-type': 'text/csv' } });
    assert.equal(id.status, 413, id.text);
    assert.equal(id.json.error.code, 'resource_exhausted');
    assert.match(id.json.error.message, /Berkas melebihi batas unggah 2 MB/);
    const en = await api(srv, 'POST', '/api/v1/impor/keluarga', { session: op, body: big, lang: 'en', headers: { 'content-type': 'text/csv' } });
    assert.equal(en.status, 413);
    assert.match(en.json.error.message, /exceeds the 2 MB upload limit/);
    assert.deepEqual(uploadsLeft(data.dir), []);
    // The same households again: all unchanged, so the refused file wrote nothing.
    const again = await api(srv, 'POST', '/api/v1/impor/keluarga', { session: op, body: keluarga, headers: { 'content-type': 'text/csv' } });
    assert.equal(again.status, 202, again.text);
    const againDone = await importEnded(srv, op, 'keluarga', again.json.id, 120_000);
    assert.equal(againDone.hasil.sama, 3000, JSON.stringify(againDone.hasil));

    // A chunked upload (no Content-Length) that runs past the limit is cut off with 413 too, and
    // what had arrived is removed.
    const chunk = Buffer.alloc(256 * 1024, 'a');
    const parts = [`POST /api/v1/impor/keluarga HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${op.cookie}\r\nX-CSRF-Token: ${op.csrf}\r\nTransfer-Encoding: chunked\r\n\r\n`];
    for (let sent = 0; sent <= UPLOAD_LIMIT + chunk.length; sent += chunk.length) parts.push(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    const chunked = await rawRequest(srv.port, parts, { timeoutMs: 30_000 });
    assert.equal(chunked.status, 413, chunked.text.slice(0, 300));
    assert.match(JSON.parse(parseRawResponse(chunked.text).body).error.message, /batas unggah/);
    assert.deepEqual(uploadsLeft(data.dir), []);
  } finally {
    await srv.stop();
    data.remove();
  }
});

test('round trip: generate, import, export, import again into a fresh database gives the same data', async () => {
  const first = await freshData('trip1');
  await pilarOk(['import', 'keluarga', path.join(gen, 'keluarga.csv'), '--data', first]);
  await pilarOk(['import', 'anggota', path.join(gen, 'anggota.csv'), '--data', first]);
  const out1 = path.join(root, 'trip-out1');
  fs.mkdirSync(out1);
  for (const kind of ['keluarga', 'anggota'])
    await pilarOk(['export', kind, '--unmask', '--out', path.join(out1, `${kind}.csv`), '--data', first]);

  const second = await freshData('trip2');
  const k = summary((await pilarOk(['import', 'keluarga', path.join(out1, 'keluarga.csv'), '--data', second])).stdout);
  const a = summary((await pilarOk(['import', 'anggota', path.join(out1, 'anggota.csv'), '--data', second])).stdout);
  assert.equal(k.baru, 3000);
  assert.equal(a.ditolak, 0);
  const out2 = path.join(root, 'trip-out2');
  fs.mkdirSync(out2);
  for (const kind of ['keluarga', 'anggota']) {
    await pilarOk(['export', kind, '--unmask', '--out', path.join(out2, `${kind}.csv`), '--data', second]);
    assert.equal(fs.readFileSync(path.join(out2, `${kind}.csv`), 'utf8'), fs.readFileSync(path.join(out1, `${kind}.csv`), 'utf8'),
      `${kind}: the second database exports exactly what the first did`);
  }
  // And the exported rows are the generated ones: re-importing the generator's files into the
  // second database changes nothing.
  const again = summary((await pilarOk(['import', 'anggota', path.join(gen, 'anggota.csv'), '--data', second])).stdout);
  assert.equal(again.sama, again.rows);
});
