import assert from 'node:assert/strict';
import { PortRangeError } from '../../src/errors.js';
import { assertPortInRange, parsePort } from '../../src/ports/port-value.js';
import { throwsLine } from '../helpers/expect-error.js';

describe('ports/port-value', () => {
  const ok: Array<[unknown, number]> = [
    ['18789', 18789],
    [' 19001 ', 19001],
    [1024, 1024],
    ['65535', 65535],
  ];
  for (const [raw, port] of ok) it(`parsePort(${JSON.stringify(raw)}) → ${port}`, () => assert.equal(parsePort(raw, '--port'), port));

  const bad: Array<[unknown, string]> = [
    ['abc', '--port: "abc" is not a port (use an integer 1024–65535)'],
    ['', '--port: "" is not a port (use an integer 1024–65535)'],
    ['0x10', '--port: "0x10" is not a port (use an integer 1024–65535)'],
    ['1e4', '--port: "1e4" is not a port (use an integer 1024–65535)'],
    [undefined, '--port: undefined is not a port (use an integer 1024–65535)'],
    [null, '--port: null is not a port (use an integer 1024–65535)'],
    [1.5, '--port: 1.5 is not a port (use an integer 1024–65535)'],
    ['1023', '--port: port 1023 is outside 1024–65535 (choose another port)'],
    ['65536', '--port: port 65536 is outside 1024–65535 (choose another port)'],
  ];
  for (const [raw, line] of bad) it(`parsePort(${JSON.stringify(raw)}) refused`, () => throwsLine(() => parsePort(raw, '--port'), PortRangeError, line));

  it('assertPortInRange names where', () =>
    throwsLine(() => assertPortInRange(80, 'gateway.port'), PortRangeError, 'gateway.port: port 80 is outside 1024–65535 (choose another port)'));
});
