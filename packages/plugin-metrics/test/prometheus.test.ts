import assert from 'node:assert/strict';
import { escapeLabelValue, renderMetrics } from '../src/index.js';

describe('prometheus text', () => {
  it('renders every family with HELP/TYPE, sorted methods, uptime from the injected clock', () => {
    const text = renderMetrics({
      profile: 'main',
      now: 1_000_012_500,
      stats: { startedAt: 1_000_000_000, connections: 2, connectionsTotal: 7, rpcCalls: { status: 1, health: 3 }, rpcErrors: 1 },
    });
    assert.equal(
      text,
      [
        '# HELP openclaw_gateway_info Always 1; labels describe the gateway.',
        '# TYPE openclaw_gateway_info gauge',
        'openclaw_gateway_info{profile="main"} 1',
        '# HELP openclaw_gateway_start_time_seconds When the gateway started, seconds since the epoch.',
        '# TYPE openclaw_gateway_start_time_seconds gauge',
        'openclaw_gateway_start_time_seconds 1000000',
        '# HELP openclaw_gateway_uptime_seconds Seconds since the gateway started.',
        '# TYPE openclaw_gateway_uptime_seconds gauge',
        'openclaw_gateway_uptime_seconds 12.5',
        '# HELP openclaw_gateway_connections WebSocket clients connected now.',
        '# TYPE openclaw_gateway_connections gauge',
        'openclaw_gateway_connections 2',
        '# HELP openclaw_gateway_connections_total WebSocket clients accepted since start.',
        '# TYPE openclaw_gateway_connections_total counter',
        'openclaw_gateway_connections_total 7',
        '# HELP openclaw_gateway_rpc_calls_total RPC requests handled since start, by method.',
        '# TYPE openclaw_gateway_rpc_calls_total counter',
        'openclaw_gateway_rpc_calls_total{method="health"} 3',
        'openclaw_gateway_rpc_calls_total{method="status"} 1',
        '# HELP openclaw_gateway_rpc_errors_total RPC requests answered with an error since start.',
        '# TYPE openclaw_gateway_rpc_errors_total counter',
        'openclaw_gateway_rpc_errors_total 1',
        '',
      ].join('\n'),
    );
  });

  it('never reports a negative uptime when clocks disagree', () => {
    const text = renderMetrics({ profile: 'p', now: 0, stats: { startedAt: 5000, connections: 0, connectionsTotal: 0, rpcCalls: {}, rpcErrors: 0 } });
    assert.match(text, /^openclaw_gateway_uptime_seconds 0$/m);
  });

  const escapes: Array<[string, string]> = [
    ['plain.method', 'plain.method'],
    ['a"b', 'a\\"b'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines', 'two\\nlines'],
  ];
  for (const [raw, escaped] of escapes) {
    it(`escapes the label value ${JSON.stringify(raw)}`, () => assert.equal(escapeLabelValue(raw), escaped));
  }

  it('a hostile method name stays on one sample line', () => {
    const text = renderMetrics({ profile: 'p', now: 0, stats: { startedAt: 0, connections: 0, connectionsTotal: 1, rpcCalls: { 'x"}\nevil 1': 1 }, rpcErrors: 1 } });
    assert.ok(text.split('\n').includes('openclaw_gateway_rpc_calls_total{method="x\\"}\\nevil 1"} 1'));
    assert.ok(!text.split('\n').some((l) => l.startsWith('evil')));
  });
});
