// Regions named from their codes (web/src/labels.ts) where no name lookup is wanted: the PSM's home
// shows the RWs assigned as "RW 004 (36.71.01.1001)", not the bare "36.71.01.1001.004".
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { importWeb, withDom } from './lib.mjs';

withDom();
const { rwLabel } = await importWeb('labels.ts');

describe('rwLabel', () => {
  it('names an RW by its number and its kelurahan', () => {
    assert.equal(rwLabel('36.71.01.1001.004'), 'RW 004 (36.71.01.1001)');
  });
  it('leaves any other code as it is (a TKSK is assigned a kecamatan)', () => {
    for (const kode of ['36.71.01', '36.71.01.1001', '36.71.01.1001.004.002']) assert.equal(rwLabel(kode), kode);
  });
});
