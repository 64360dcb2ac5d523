import assert from 'node:assert/strict';
import { checkConnectParams, parseRequest } from '../../../src/protocol/validate.js';

describe('frame validation', () => {
  const frames: Array<{ text: string; ok: boolean; id?: string | null }> = [
    { text: '{"type":"req","id":"1","method":"health"}', ok: true, id: '1' },
    { text: '{"type":"req","id":"1","method":"health","params":{},"extra":true}', ok: true, id: '1' },
    { text: 'nope', ok: false, id: null },
    { text: 'null', ok: false, id: null },
    { text: '"str"', ok: false, id: null },
    { text: '{"type":"res","id":"2","method":"x"}', ok: false, id: '2' },
    { text: '{"type":"req","id":"","method":"x"}', ok: false, id: null },
    { text: `{"type":"req","id":"${'i'.repeat(300)}","method":"x"}`, ok: false, id: null },
    { text: '{"type":"req","id":3,"method":"x"}', ok: false, id: null },
    { text: '{"type":"req","id":"4","method":""}', ok: false, id: '4' },
    { text: '{"type":"req","id":"5"}', ok: false, id: '5' },
  ];
  for (const f of frames) {
    it(`${f.text.slice(0, 50)} → ${f.ok ? 'request' : 'error'}`, () => {
      const r = parseRequest(f.text);
      assert.equal(r.ok, f.ok);
      if (r.ok) assert.equal(r.frame.id, f.id);
      else assert.equal(r.id, f.id);
    });
  }

  const connects: Array<{ params: unknown; code?: string }> = [
    { params: { minProtocol: 4, maxProtocol: 4 } },
    { params: { minProtocol: 3, maxProtocol: 5, client: { id: 'x' }, auth: { token: 't' }, device: {}, future: [1] } },
    { params: { minProtocol: 1, maxProtocol: 3 }, code: 'PROTOCOL_MISMATCH' },
    { params: { minProtocol: 5, maxProtocol: 6 }, code: 'PROTOCOL_MISMATCH' },
    { params: { minProtocol: '4', maxProtocol: 4 }, code: 'INVALID_PARAMS' },
    { params: { minProtocol: 4, maxProtocol: 4, client: 'x' }, code: 'INVALID_PARAMS' },
    { params: { minProtocol: 4, maxProtocol: 4, auth: 'tok' }, code: 'INVALID_PARAMS' },
    { params: null, code: 'INVALID_PARAMS' },
  ];
  for (const c of connects) {
    it(`connect ${JSON.stringify(c.params)} → ${c.code ?? 'ok'}`, () => {
      const r = checkConnectParams(c.params);
      assert.equal(r.ok ? undefined : r.error.code, c.code);
    });
  }
});
