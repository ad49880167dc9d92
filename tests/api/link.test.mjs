// `pilar link`: clusters on a hand-made file whose truth is known (duplicates written differently
// meet; namesakes, father and son of one name, and twins stay apart), the --pairs file, and the
// bad input of issue 6: empty fields, non-UTF-8 bytes, a 10,000-character name, 100,000 identical
// records, a header-only file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { REPO, makeTempDir, pilarOk, runPilar } from './helpers.mjs';

const HEADER = 'record_id,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,rt,rw,kode_wilayah';
const SMALL = path.join(REPO, 'src/linkage/testdata/small.csv');

// record_id -> cluster_id from an output file, checking its shape on the way.
function readClusters(file) {
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'record_id,cluster_id');
  return new Map(lines.slice(1).map((l) => l.split(',')));
}

// The clusters as sorted lists of record ids, sorted.
function groups(clusters) {
  const by = new Map();
  for (const [id, c] of clusters) by.set(c, [...(by.get(c) ?? []), id].sort());
  return [...by.values()].map((g) => g.join(' ')).sort();
}

describe('pilar link', () => {
  let root;
  const file = (name) => path.join(root, name);

  before(() => {
    root = makeTempDir('pilar-link-');
  });

  after(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('hand-made file: the same people meet, namesakes, father and son, twins stay apart', async () => {
    const r = await pilarOk(['link', SMALL, '--out', file('small-out.csv'), '--pairs', file('small-pairs.csv')]);
    const clusters = readClusters(file('small-out.csv'));
    // every input row, in input order
    const ids = fs.readFileSync(SMALL, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
    assert.deepEqual([...clusters.keys()], ids);
    assert.deepEqual(groups(clusters), [
      'a1 a2 a3', // no NIK / NIK one digit off, Daffa / Dafa
      'b1 b4', // the father, "H. Edi Hidayat, S.E."
      'b2 b3', // his son of the same name, once entered with the father's NIK
      'c1 c4', // Ramadhan / Ramadan, day and month swapped
      'c2', // twin sister
      'c3', // twin brother
      'd1 d3', // Hj. St. Aminah
      'd2', // her namesake in the same kelurahan
      'e1 e2', // Djoko Soeharto from Soerabaja
      'f1',
      'f2 f3', // Liem / Lim
      'g1',
      'g2', // rows with nothing but an id are nobody in particular
    ].sort());
    // cluster_id is the record_id of the cluster's first row
    assert.equal(clusters.get('a3'), 'a1');
    assert.equal(clusters.get('f1'), 'f1');
    assert.match(r.stdout, /21 baris/);

    const pairs = fs.readFileSync(file('small-pairs.csv'), 'utf8').trim().split('\n');
    assert.equal(
      pairs[0],
      'record_id_a,record_id_b,probability,weight,decision,merged,nik,nama,ayah,tanggal_lahir,jenis_kelamin,tempat_lahir,alamat,wilayah',
    );
    const e = pairs.find((l) => l.startsWith('e1,e2,') || l.startsWith('e2,e1,'));
    assert.ok(e, 'the Djoko Soeharto pair is reported');
    const cols = e.split(',');
    assert.equal(cols[4], 'match');
    assert.equal(cols[5], 'yes');
    assert.equal(cols[7], 'exact'); // nama, after old spelling is undone
    assert.equal(cols[9], 'exact_default'); // 1 January: weak evidence
    // father and son: at most proposed for review, never merged
    const fs1 = pairs.filter((l) => /^(b1,b3|b3,b1|b3,b4|b4,b3),/.test(l));
    assert.ok(fs1.every((l) => l.split(',')[5] === 'no'), fs1.join('\n'));
  });

  test('English summary with LANG=en', async () => {
    const r = await pilarOk(['link', SMALL, '--out', file('en.csv')], { env: { LANG: 'en_US.UTF-8' } });
    assert.match(r.stdout, /21 rows/);
    assert.match(r.stdout, /clusters/);
  });

  test('header only: an output with only the header, exit 0', async () => {
    fs.writeFileSync(file('header.csv'), `${HEADER}\n`);
    await pilarOk(['link', file('header.csv'), '--out', file('header-out.csv')]);
    assert.equal(fs.readFileSync(file('header-out.csv'), 'utf8'), 'record_id,cluster_id\n');
  });

  test('empty fields everywhere but record_id: every row its own cluster', async () => {
    fs.writeFileSync(file('empty.csv'), `${HEADER}\n1,,,,,,,,,\n2,,,,,,,,,\n3,,,,,,,,,\n`);
    await pilarOk(['link', file('empty.csv'), '--out', file('empty-out.csv')]);
    assert.deepEqual(groups(readClusters(file('empty-out.csv'))), ['1', '2', '3']);
  });

  test('non-UTF-8 bytes: exit 2, one line naming the file and line, no output written', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}\n1,,Budi,L,,,,,,\n2,,`),
      Buffer.from([0x53, 0x69, 0x74, 0xe9, 0x20]), // "Sit\xe9 " in Latin-1
      Buffer.from(',P,,,,,,\n'),
    ]);
    fs.writeFileSync(file('latin1.csv'), bytes);
    const r = await runPilar(['link', file('latin1.csv'), '--out', file('latin1-out.csv')]);
    assert.equal(r.code, 2, r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /latin1\.csv:3/);
    assert.equal(fs.existsSync(file('latin1-out.csv')), false);
  });

  test('a missing column, an empty or repeated record_id: exit 2 naming it', async () => {
    fs.writeFileSync(file('nocol.csv'), 'record_id,nik,nama\n1,,Budi\n');
    let r = await runPilar(['link', file('nocol.csv'), '--out', file('x.csv')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /jenis_kelamin/);
    fs.writeFileSync(file('noid.csv'), `${HEADER}\n1,,Budi,,,,,,,\n,,Sari,,,,,,,\n`);
    r = await runPilar(['link', file('noid.csv'), '--out', file('x.csv')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /noid\.csv:3.*record_id/);
    fs.writeFileSync(file('dupid.csv'), `${HEADER}\n7,,Budi,,,,,,,\n7,,Sari,,,,,,,\n`);
    r = await runPilar(['link', file('dupid.csv'), '--out', file('x.csv')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /dupid\.csv:3.*record_id/);
    r = await runPilar(['link', file('dupid.csv')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--out/);
  });

  test('a 10,000-character name and unreadable values are counted, not fatal', async () => {
    const long = 'A'.repeat(10_000);
    fs.writeFileSync(
      file('long.csv'),
      `${HEADER}\n1,12345,${long},X,,05-12-1987,,,,36.71\n2,3671052606800001,Budi Santoso,L,,1980-06-26,,,,36.71.05.1007\n`,
    );
    const r = await pilarOk(['link', file('long.csv'), '--out', file('long-out.csv')]);
    assert.match(r.stdout, /nik 1, tanggal_lahir 1, jenis_kelamin 1, rt\/rw\/kode_wilayah 1/);
    assert.match(r.stdout, /200 byte: 1/);
    assert.equal(readClusters(file('long-out.csv')).size, 2);
  });

  test('100,000 identical records: one cluster, and a giant block is capped and reported', async () => {
    const row = ',3671052606800001,Budi Santoso,L,Tangerang,1980-06-26,Jl. Sawo V No. 107,002,003,36.71.06.1008';
    const lines = [HEADER];
    for (let i = 0; i < 100_000; i++) lines.push(`${i}${row}`);
    // and 300 different people sharing one NIK: a block of 300, over the cap of 100
    for (let i = 0; i < 300; i++) lines.push(`x${i},3671010101900001,Orang ${i} Nomor,L,,1990-01-01,,,,36.71.01.1001`);
    fs.writeFileSync(file('giant.csv'), `${lines.join('\n')}\n`);
    const r = await pilarOk(['link', file('giant.csv'), '--out', file('giant-out.csv')]);
    const clusters = readClusters(file('giant-out.csv'));
    assert.equal(clusters.size, 100_300);
    for (let i = 0; i < 100_000; i++) assert.equal(clusters.get(String(i)), '0');
    assert.match(r.stdout, /99,999 baris identik/);
    assert.match(r.stdout, /blok dibatasi/);
    assert.match(r.stdout, /kunci nik: 300 baris/);
  });
});
