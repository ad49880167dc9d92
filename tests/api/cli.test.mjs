// The command line contract: exit codes 0 / 1 / 2, one-line errors on stderr, help texts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { PASSWORD, makeTempDir, runPilar } from './helpers.mjs';

const oneLine = (s) => s.trim().split('\n').filter((l) => l.trim().length > 0);
// The first lines of stderr: enough to see a sanitizer report's headline in a failure message.
const head = (s) => s.split('\n').slice(0, 4).join('\n');

describe('cli', () => {
  let root;
  const dir = (name) => path.join(root, name);

  before(() => {
    root = makeTempDir('pilar-cli-');
  });

  after(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('pilar version: exit 0 and a version line', async () => {
    const r = await runPilar(['version']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^pilar \S+\n$/);
    const flag = await runPilar(['--version']);
    assert.equal(flag.code, 0);
    assert.equal(flag.stdout, r.stdout);
  });

  test('pilar with no arguments: exit 2 with a one-line hint', async () => {
    const r = await runPilar([]);
    assert.equal(r.code, 2, head(r.stderr));
    assert.equal(oneLine(r.stderr).length, 1, r.stderr);
    assert.match(r.stderr, /--help/);
  });

  test('pilar nonsense: exit 2 with one stderr line', async () => {
    const r = await runPilar(['nonsense']);
    assert.equal(r.code, 2, head(r.stderr));
    const lines = oneLine(r.stderr);
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /^pilar: /);
    assert.match(lines[0], /--help/);
    assert.match(lines[0], /nonsense/, 'the message names the unknown command');
  });

  test('pilar wilayah load 99.99: exit 2, one stderr line naming the code', async () => {
    const r = await runPilar(['wilayah', 'load', '99.99', '--data', dir('load')]);
    assert.equal(r.code, 2, head(r.stderr));
    const lines = oneLine(r.stderr);
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /99\.99/);
    assert.equal(r.stdout, '');
    // and nothing was loaded
    const show = await runPilar(['wilayah', 'show', '99.99', '--data', dir('load')]);
    assert.equal(show.code, 2);
  });

  test('pilar wilayah load with a malformed code: exit 2, one line', async () => {
    const r = await runPilar(['wilayah', 'load', '36.7x', '--data', dir('load')]);
    assert.equal(r.code, 2, head(r.stderr));
    assert.equal(oneLine(r.stderr).length, 1, r.stderr);
    assert.match(r.stderr, /36\.7x/);
  });

  test('pilar user add with an unknown role: exit 2, one line naming --role, no user created', async () => {
    const d = dir('user');
    const r = await runPilar(['user', 'add', 'budi', '--role', 'nope', '--wilayah', '36.71', '--password-stdin', '--data', d], {
      input: `${PASSWORD}\n`,
    });
    assert.equal(r.code, 2, head(r.stderr));
    const lines = oneLine(r.stderr);
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /--role/);
    assert.match(lines[0], /nope/);
    const list = await runPilar(['user', 'list', '--data', d]);
    assert.equal(list.code, 0, list.stderr);
    assert.equal(list.stdout, '');
  });

  test('pilar user add with good input: exit 0, the user is listed, the password is not echoed', async () => {
    const d = dir('user-ok');
    const setup = await runPilar(['wilayah', 'load', '36.71', '--data', d]);
    assert.equal(setup.code, 0, setup.stderr);
    const r = await runPilar(['user', 'add', 'siti', '--role', 'tksk', '--wilayah', '36.71.01', '--name', 'Siti Aminah', '--password-stdin', '--data', d], {
      input: `${PASSWORD}\n`,
    });
    assert.equal(r.code, 0, head(r.stderr));
    assert.match(r.stdout, /siti/);
    assert.ok(!(r.stdout + r.stderr).includes(PASSWORD), 'the password must not be echoed');
    const list = await runPilar(['user', 'list', '--data', d]);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^siti\s+tksk\s+aktif\s+36\.71\.01$/m);
    // a wrong scope for the role is bad input: exit 2, one line naming the field
    const bad = await runPilar(['user', 'add', 'rudi', '--role', 'psm', '--wilayah', '36.71', '--password-stdin', '--data', d], {
      input: `${PASSWORD}\n`,
    });
    assert.equal(bad.code, 2, head(bad.stderr));
    assert.equal(oneLine(bad.stderr).length, 1, bad.stderr);
    assert.match(bad.stderr, /wilayah/);
  });

  test('LANG=en switches CLI errors to English', async () => {
    const id = await runPilar(['user', 'add', 'budi', '--role', 'nope', '--wilayah', '36.71', '--password-stdin', '--data', dir('user')], {
      input: `${PASSWORD}\n`,
    });
    const en = await runPilar(['user', 'add', 'budi', '--role', 'nope', '--wilayah', '36.71', '--password-stdin', '--data', dir('user')], {
      input: `${PASSWORD}\n`,
      env: { LANG: 'en_US.UTF-8' },
    });
    assert.equal(en.code, 2, head(en.stderr));
    assert.match(en.stderr, /Unknown role/);
    assert.match(id.stderr, /tidak dikenal/);
  });

  test('pilar --help and pilar wilayah --help: exit 0 and list the subcommands', async () => {
    const top = await runPilar(['--help']);
    assert.equal(top.code, 0, top.stderr);
    for (const cmd of ['serve', 'demo', 'migrate', 'wilayah', 'user', 'access']) assert.match(top.stdout, new RegExp(`\\b${cmd}\\b`), cmd);
    const w = await runPilar(['wilayah', '--help']);
    assert.equal(w.code, 0, w.stderr);
    for (const cmd of ['load', 'show', 'children', 'search', 'create', 'rename', 'retire', 'import'])
      assert.match(w.stdout + w.stderr, new RegExp(`\\b${cmd}\\b`), cmd);
  });

  test('pilar migrate --data DIR: exit 0 and prints the schema version; again is a no-op', async () => {
    const d = dir('migrate');
    const r = await runPilar(['migrate', '--data', d]);
    assert.equal(r.code, 0, r.stderr);
    const m = /schema version (\d+) -> (\d+)/.exec(r.stdout);
    assert.ok(m, r.stdout);
    assert.ok(Number(m[2]) >= 1);
    assert.ok(fs.existsSync(path.join(d, 'pilar.db')));
    const again = await runPilar(['migrate', '--data', d]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`schema version ${m[2]} -> ${m[2]}`));
    assert.doesNotMatch(again.stdout, /applied/);
    const st = await runPilar(['migrate', '--status', '--data', d]);
    assert.equal(st.code, 0);
    assert.match(st.stdout, new RegExp(`schema ${m[2]} of ${m[2]}; pending: 0`));
  });

  test('pilar workforce rules: lists each kota\'s rules, set changes one kota\'s, a bad value exits 2 and changes nothing', async () => {
    const d = dir('rules');
    for (const kota of ['36.71', '36.72']) assert.equal((await runPilar(['wilayah', 'load', kota, '--data', d])).code, 0);
    const rule = (stdout, kota, kunci) => {
      const block = stdout.split(/^kota /m).find((b) => b.startsWith(`${kota}\n`));
      assert.ok(block, stdout);
      return block.split('\n').find((l) => l.trim().startsWith(`${kunci} `))?.trim().split(/\s+/);
    };
    let r = await runPilar(['workforce', 'rules', '--kota', '36.71', '--data', d]);
    assert.equal(r.code, 0, head(r.stderr));
    assert.deepEqual(rule(r.stdout, '36.71', 'insentif_nominal'), ['insentif_nominal', '500000', '500000', '-']);
    assert.deepEqual(rule(r.stdout, '36.71', 'bobot.kasus'), ['bobot.kasus', '3', '3', '-']);

    r = await runPilar(['workforce', 'rules', 'set', 'insentif_nominal', '750000', '--kota', '36.71', '--data', d]);
    assert.equal(r.code, 0, head(r.stderr));
    r = await runPilar(['workforce', 'rules', '--data', d]);  // every kota
    assert.equal(r.code, 0, head(r.stderr));
    const changed = rule(r.stdout, '36.71', 'insentif_nominal');
    assert.deepEqual(changed.slice(0, 3), ['insentif_nominal', '750000', '500000']);
    assert.match(changed[3], /^cli:/, 'changed by the console');
    assert.match(changed[4], /^\d{4}-\d\d-\d\dT/, 'at a time');
    assert.deepEqual(rule(r.stdout, '36.72', 'insentif_nominal'), ['insentif_nominal', '500000', '500000', '-'], 'the other kota keeps its own');

    // Bad input: one line naming what is wrong, exit 2, nothing changed.
    for (const [args, what] of [
      [['usia_minimal', '14', '--kota', '36.71'], /usia_minimal/],
      [['insentif_nominal', '500.000', '--kota', '36.71'], /insentif_nominal/],
      [['tidak_ada', '1', '--kota', '36.71'], /tidak_ada/],
      [['insentif_nominal', '1'], /--kota/],
      [['insentif_nominal', '1', '--kota', '36.99'], /36\.99/],
      [['insentif_nominal', '1', '--kota', '36.71.01'], /kode_kota/],
    ]) {
      const bad = await runPilar(['workforce', 'rules', 'set', ...args, '--data', d]);
      assert.equal(bad.code, 2, `${args.join(' ')}: ${head(bad.stderr)}`);
      assert.equal(oneLine(bad.stderr).length, 1, bad.stderr);
      assert.match(bad.stderr, /^pilar: /);
      assert.match(bad.stderr, what);
    }
    const en = await runPilar(['workforce', 'rules', 'set', 'usia_minimal', '14', '--kota', '36.71', '--data', d], { env: { LANG: 'en_US.UTF-8' } });
    assert.match(en.stderr, /usia_minimal must be a whole number from 15 to 70/);
    r = await runPilar(['workforce', 'rules', '--kota', '36.71', '--data', d]);
    assert.deepEqual(rule(r.stdout, '36.71', 'usia_minimal'), ['usia_minimal', '18', '18', '-']);
    assert.equal(rule(r.stdout, '36.71', 'insentif_nominal')[1], '750000');
    const help = await runPilar(['workforce', 'rules', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /set/);
    assert.match(help.stdout, /--kota/);
  });

  test('pilar access matrix lists /api/v1/wilayah/{kode} with its roles', async () => {
    const r = await runPilar(['access', 'matrix']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    const get = lines.find((l) => /^GET\s+\/api\/v1\/wilayah\/\{kode\}\s/.test(l));
    assert.ok(get, r.stdout);
    for (const role of ['psm', 'tksk', 'operator', 'kepala', 'admin']) assert.match(get, new RegExp(role));
    const post = lines.find((l) => /^POST\s+\/api\/v1\/wilayah\/\{kode\}\/children\s/.test(l));
    assert.ok(post, r.stdout);
    assert.match(post, /admin\s*$/);
    assert.match(r.stdout, /^GET\s+\/healthz\s+\(publik/m);
  });
});

test('pilar key generate writes a private key file once and refuses to overwrite it', async () => {
  const dir = makeTempDir('pilar-key-');
  try {
    const file = path.join(dir, 'pilar.key');
    const r = await runPilar(['key', 'generate', '--out', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.statSync(file).mode & 0o777, 0o400);
    assert.match(fs.readFileSync(file, 'utf8'), /^1:[A-Za-z0-9+/]{43}=$/m);
    const again = await runPilar(['key', 'generate', '--out', file]);
    assert.equal(again.code, 2);
    const printed = await runPilar(['key', 'generate', '--id', '2']);
    assert.match(printed.stdout, /^2:[A-Za-z0-9+/]{43}=\n$/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('pilar generate', () => {
  let root;
  before(() => {
    root = makeTempDir('pilar-generate-');
  });
  after(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  // Enough CSV for these files: the generator quotes nothing (no field holds a comma or quote).
  const rows = (file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => l.split(','));

  test('writes keluarga.csv and anggota.csv, the same bytes for the same seed', async () => {
    const out = path.join(root, 'a');
    const r = await runPilar(['generate', '--households', '50', '--seed', '7', '--out', out]);
    assert.equal(r.code, 0, head(r.stderr));
    assert.equal(oneLine(r.stdout).length, 1, r.stdout);
    assert.match(r.stdout, /\b50 keluarga\b/);
    assert.match(r.stdout, /keluarga\.csv/);
    assert.match(r.stdout, /anggota\.csv/);

    const keluarga = rows(path.join(out, 'keluarga.csv'));
    const anggota = rows(path.join(out, 'anggota.csv'));
    assert.deepEqual(keluarga[0], ['no_kk', 'kode_wilayah', 'rw', 'rt', 'alamat', 'lat', 'lon', 'desil', 'status_bangunan',
      'status_lahan', 'luas_lantai', 'jenis_lantai', 'jenis_dinding', 'kondisi_dinding', 'jenis_atap', 'kondisi_atap',
      'jumlah_kamar', 'sumber_air', 'sumber_penerangan', 'daya_listrik', 'bahan_bakar', 'fasilitas_bab', 'aset']);
    assert.deepEqual(anggota[0], ['nik', 'no_kk', 'nama', 'jenis_kelamin', 'tempat_lahir', 'tanggal_lahir', 'hubungan',
      'status_kawin', 'pendidikan', 'pekerjaan', 'disabilitas_jenis', 'disabilitas_tingkat', 'penyakit_kronis',
      'status_keberadaan', 'status_padan', 'ppks', 'nisn', 'sekolah']);
    assert.equal(keluarga.length, 51);
    assert.ok(anggota.length > 100, `${anggota.length - 1} members`);
    for (const row of keluarga) assert.equal(row.length, keluarga[0].length);
    for (const row of anggota) assert.equal(row.length, anggota[0].length);

    const kk = new Set(keluarga.slice(1).map((row) => row[0]));
    assert.equal(kk.size, 50, 'No. KK is unique');
    for (const k of kk) assert.match(k, /^3671\d{12}$/);
    for (const row of keluarga.slice(1)) assert.match(row[1], /^36\.71\.\d\d\.\d{4}$/);
    const heads = new Map();
    const niks = new Set();
    for (const row of anggota.slice(1)) {
      assert.ok(kk.has(row[1]), `member's No. KK ${row[1]} is in keluarga.csv`);
      if (row[6] === 'kepala_keluarga') heads.set(row[1], (heads.get(row[1]) ?? 0) + 1);
      if (row[0] !== '') {
        assert.match(row[0], /^\d{16}$/);
        assert.ok(!niks.has(row[0]), 'NIK is unique');
        niks.add(row[0]);
        // DDMMYY of the NIK (day + 40 for women) is the birth date.
        const [y, m, d] = row[5].split('-');
        const day = Number(d) + (row[3] === 'P' ? 40 : 0);
        assert.equal(row[0].slice(6, 12), `${String(day).padStart(2, '0')}${m}${y.slice(2)}`, row.join(','));
      }
    }
    assert.equal(heads.size, 50);
    for (const n of heads.values()) assert.equal(n, 1);

    const again = path.join(root, 'b');
    const r2 = await runPilar(['generate', '--households', '50', '--seed', '7', '--out', again]);
    assert.equal(r2.code, 0, head(r2.stderr));
    for (const f of ['keluarga.csv', 'anggota.csv'])
      assert.ok(fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(again, f))), `${f} is byte-identical`);
    const other = path.join(root, 'c');
    const r3 = await runPilar(['generate', '--households', '50', '--seed', '8', '--out', other]);
    assert.equal(r3.code, 0, head(r3.stderr));
    assert.ok(!fs.readFileSync(path.join(out, 'anggota.csv')).equals(fs.readFileSync(path.join(other, 'anggota.csv'))));
  });

  test('bad usage exits 2 with one stderr line and writes nothing', async () => {
    const cases = [
      [['generate', '--households', '0', '--out', path.join(root, 'zero')], /--households/, 'zero'],
      [['generate', '--households', '5'], /--out/, null],
      [['generate', '--households', '5', '--kota', '99.99', '--out', path.join(root, 'kota')], /99\.99/, 'kota'],
      [['generate', '--households', 'lima', '--out', path.join(root, 'nan')], /households/, 'nan'],
    ];
    for (const [args, pattern, dirName] of cases) {
      const r = await runPilar(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${head(r.stderr)}`);
      const lines = oneLine(r.stderr);
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], /^pilar: /);
      assert.match(lines[0], pattern);
      assert.equal(r.stdout, '');
      if (dirName) assert.ok(!fs.existsSync(path.join(root, dirName, 'keluarga.csv')), `${dirName}: nothing written`);
    }
    const en = await runPilar(['generate', '--households', '0', '--out', path.join(root, 'zero')], { env: { LANG: 'en_US.UTF-8' } });
    assert.equal(en.code, 2);
    assert.match(en.stderr, /must be/);
  });

  test('pilar generate --help names the options and the files', async () => {
    const r = await runPilar(['generate', '--help']);
    assert.equal(r.code, 0, r.stderr);
    for (const opt of ['--households', '--seed', '--out', '--kota', 'keluarga.csv', 'anggota.csv']) assert.ok(r.stdout.includes(opt), opt);
    const top = await runPilar(['--help']);
    assert.match(top.stdout, /\bgenerate\b/);
  });
});
