import assert from 'node:assert/strict';
import { ClawportError, WireError, exitCodeOfWireCode } from '@clawport/core';
import { BrowserRequestError } from '@clawport/browser/client';
import { GatewayCallError } from '@clawport/gateway/client';
import { describeError } from '../../../../src/lib/shared/errors.js';

// One error hierarchy (issue 13 item 2): errors that crossed a socket are ClawportErrors whose exit code
// comes from core's one wire-code rule; nothing above re-derives it.
describe('errors: one hierarchy, exit codes from the class', () => {
  it('core: wire codes map to the exit codes of the local classes with those codes', () => {
    assert.deepEqual(['USAGE', 'PROFILE_INVALID', 'CONFIG_INVALID', 'PORT_RANGE', 'FORBIDDEN', 'METHOD_NOT_FOUND'].map(exitCodeOfWireCode), [2, 2, 78, 78, 1, 1]);
  });

  it('a gateway error answer and a browser service error are ClawportErrors with the same rule', () => {
    for (const [code, exit] of [['FORBIDDEN', 1], ['CONFIG_INVALID', 78], ['USAGE', 2]] as const) {
      const g = new GatewayCallError(code, 'refused', 'config.patch');
      const b = new BrowserRequestError(code, 'refused');
      for (const e of [g, b]) {
        assert.ok(e instanceof ClawportError && e instanceof WireError, `${e.constructor.name} is a ClawportError`);
        assert.deepEqual([e.code, e.exitCode], [code, exit]);
      }
      assert.equal(g.method, 'config.patch');
    }
  });

  it('the CLI prints a gateway error answer by its class: its wire code in --json, its exit code (was INTERNAL, exit 1)', () => {
    const d = describeError(new GatewayCallError('CONFIG_INVALID', 'gateway.port: bad'));
    assert.deepEqual(d, { line: 'error: gateway.port: bad', exitCode: 78, json: { code: 'CONFIG_INVALID', message: 'gateway.port: bad', suggestion: undefined, exitCode: 78 } });
  });
});
