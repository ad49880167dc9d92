// Non-negotiable: a write the server answered 2xx survives `kill -9`.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { KELURAHAN, api, login, setupDataDir, startServer } from './helpers.mjs';

const pad3 = (n) => String(n).padStart(3, '0');

describe('durability', () => {
  let data;
  let srv;

  before(async () => {
    data = await setupDataDir({ users: [{ username: 'admin', role: 'admin', wilayah: '36.71' }] });
  });

  after(async () => {
    if (srv) await srv.stop();
    if (data) data.remove();
  });

  const restart = async () => {
    srv = await startServer({ dataDir: data.dir });
    return login(srv, 'admin');
  };

  const killHard = async () => {
    const r = await srv.kill();
    assert.equal(r.signal, 'SIGKILL');
  };

  test('an RW acknowledged with 201 is there after kill -9 and restart', async () => {
    let admin = await restart();
    const r = await api(srv, 'POST', `/api/v1/wilayah/${KELURAHAN}/children`, { session: admin, body: { nomor: 2, nama: 'RW Tahan Banting' } });
    assert.equal(r.status, 201, r.text);
    await killHard(); // immediately after the acknowledgement

    admin = await restart();
    const g = await api(srv, 'GET', `/api/v1/wilayah/${KELURAHAN}.002`, { session: admin });
    assert.equal(g.status, 200, `acknowledged RW lost after kill -9: ${g.text}`);
    assert.equal(g.json.nama, 'RW Tahan Banting');
  });

  test('20 quick acknowledged creates in a row all survive kill -9', async () => {
    let admin = await login(srv, 'admin');
    const acknowledged = [];
    for (let n = 100; n < 120; n++) {
      const r = await api(srv, 'POST', `/api/v1/wilayah/${KELURAHAN}/children`, { session: admin, body: { nomor: n } });
      assert.equal(r.status, 201, r.text);
      acknowledged.push(r.json.kode);
    }
    await killHard();

    admin = await restart();
    const list = await api(srv, 'GET', `/api/v1/wilayah/${KELURAHAN}/children`, { session: admin });
    assert.equal(list.status, 200);
    const have = new Set(list.json.items.map((w) => w.kode));
    const lost = acknowledged.filter((k) => !have.has(k));
    assert.deepEqual(lost, [], `acknowledged but lost after kill -9: ${lost.join(', ')}`);
    assert.deepEqual(acknowledged, Array.from({ length: 20 }, (_, i) => `${KELURAHAN}.${pad3(100 + i)}`));
    // the earlier one is still there too
    assert.ok(have.has(`${KELURAHAN}.002`));
  });

  test('20 concurrent acknowledged creates all survive kill -9', async () => {
    let admin = await login(srv, 'admin');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api(srv, 'POST', `/api/v1/wilayah/${KELURAHAN}/children`, { session: admin, body: { nomor: 200 + i } }),
      ),
    );
    for (const r of results) assert.equal(r.status, 201, r.text);
    const acknowledged = results.map((r) => r.json.kode);
    await killHard();

    admin = await restart();
    const list = await api(srv, 'GET', `/api/v1/wilayah/${KELURAHAN}/children`, { session: admin });
    const have = new Set(list.json.items.map((w) => w.kode));
    const lost = acknowledged.filter((k) => !have.has(k));
    assert.deepEqual(lost, [], `acknowledged but lost after kill -9: ${lost.join(', ')}`);
  });
});
