// Regions named from their codes (web/src/labels.ts, web/src/wilayahRows.ts): where no name lookup is wanted the PSM's home
// shows the RWs assigned as "RW 004 (36.71.01.1001)", not the bare "36.71.01.1001.004"; lists of many
// codes (users, the roster, reports, proposals) name each row with few requests, none per row.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importWeb, withDom } from './lib.mjs';

withDom();
const { rwLabel, rtRwOfCode, wilayahRowName } = await importWeb(['labels.ts', 'wilayahRows.ts']);

describe('rwLabel', () => {
  it('names an RW by its number and its kelurahan', () => {
    assert.equal(rwLabel('36.71.01.1001.004'), 'RW 004 (36.71.01.1001)');
  });
  it('leaves any other code as it is (a TKSK is assigned a kecamatan)', () => {
    for (const kode of ['36.71.01', '36.71.01.1001', '36.71.01.1001.004.002']) assert.equal(rwLabel(kode), kode);
  });
});

describe('rtRwOfCode', () => {
  it('reads the RW and RT from the code, and nothing above them', () => {
    assert.equal(rtRwOfCode('36.71.01.1001.004'), 'RW 004');
    assert.equal(rtRwOfCode('36.71.01.1001.004.012'), 'RT 012 / RW 004');
    for (const kode of ['36', '36.71', '36.71.01', '36.71.01.1001']) assert.equal(rtRwOfCode(kode), null);
  });
});

// A tiny wilayah API: the children of a code, and single regions; every request is recorded.
const TREE = {
  36: [{ kode: '36.71', nama: 'Kota Tangerang', tingkat: 'kota', jenis: 'kota' }],
  36.71: [
    { kode: '36.71.01', nama: 'Tangerang', tingkat: 'kecamatan' },
    { kode: '36.71.02', nama: 'Jatiuwung', tingkat: 'kecamatan' },
  ],
  '36.71.01': [
    { kode: '36.71.01.1001', nama: 'Sukarasa', tingkat: 'kelurahan', jenis: 'kelurahan' },
    { kode: '36.71.01.1002', nama: 'Sukaasih', tingkat: 'kelurahan', jenis: 'kelurahan' },
  ],
  '36.71.02': [{ kode: '36.71.02.1001', nama: 'Keroncong', tingkat: 'kelurahan', jenis: 'kelurahan' }],
};
// A retired kelurahan: its parent's list leaves it out (termasuk_nonaktif is not asked), but it is read alone.
const RETIRED = [{ kode: '36.71.01.1009', nama: 'Lama', tingkat: 'kelurahan', jenis: 'kelurahan', aktif: false }];
const requests = [];
globalThis.fetch = async (url) => {
  requests.push(url);
  const json = (body, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const children = /^\/api\/v1\/wilayah\/([\d.]+)\/children/.exec(url);
  if (children) return json({ items: TREE[children[1]] ?? [] });
  const one = /^\/api\/v1\/wilayah\/([\d.]+)$/.exec(url);
  const w = one && [...Object.values(TREE).flat(), ...RETIRED].find((x) => x.kode === one[1]);
  return w ? json(w) : json({ error: { code: 'not_found', message: 'tidak ada' } }, 404);
};

describe('wilayahRowName', () => {
  it('names the rows of a list by RW/RT and kelurahan, with a request per parent, none per row', async () => {
    requests.length = 0;
    const codes = [
      '36.71.01.1001.004',
      '36.71.01.1001.005',
      '36.71.01.1002.001',
      '36.71.01.1002.001.003',
      '36.71.02.1001.007',
      '36.71.01',
      '36.71',
    ];
    const names = await Promise.all(codes.map(wilayahRowName));
    assert.deepEqual(names, [
      'RW 004, Kelurahan Sukarasa',
      'RW 005, Kelurahan Sukarasa',
      'RW 001, Kelurahan Sukaasih',
      'RT 003 / RW 001, Kelurahan Sukaasih',
      'RW 007, Kelurahan Keroncong',
      'Kecamatan Tangerang',
      'Kota Tangerang',
    ]);
    // The kelurahan of two kecamatan, the kecamatan, the kota: four lists for seven rows.
    assert.deepEqual(requests.sort(), ['/api/v1/wilayah/36.71.01/children', '/api/v1/wilayah/36.71.02/children', '/api/v1/wilayah/36.71/children', '/api/v1/wilayah/36/children'].sort());
  });

  it('asks nothing again for regions it already knows', async () => {
    requests.length = 0;
    assert.equal(await wilayahRowName('36.71.01.1001.009'), 'RW 009, Kelurahan Sukarasa');
    assert.deepEqual(requests, []);
  });

  it('reads on its own a region its parent does not list (retired), and fails for one that does not exist', async () => {
    requests.length = 0;
    assert.equal(await wilayahRowName('36.71.01.1009.002'), 'RW 002, Kelurahan Lama');
    assert.deepEqual(requests, ['/api/v1/wilayah/36.71.01.1009']);
    requests.length = 0;
    await assert.rejects(wilayahRowName('36.71.09.1001.001'));
    assert.deepEqual(requests, ['/api/v1/wilayah/36.71.09/children', '/api/v1/wilayah/36.71.09.1001']);
  });
});
