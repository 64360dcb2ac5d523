import type { GatewayStats } from '@clawport/core';

/** Content type of the Prometheus text exposition format, version 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

type Kind = 'gauge' | 'counter';

/** Label values may hold anything a client sent (method names): escape per the exposition format. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function family(name: string, kind: Kind, help: string, samples: Array<[labels: string, value: number]>): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${kind}`, ...samples.map(([l, v]) => `${name}${l} ${v}`)];
}

export interface MetricsInput {
  stats: GatewayStats;
  /** Profile of the gateway, as a label on openclaw_gateway_info (not `instance`: Prometheus owns that). */
  profile: string;
  /** ms since the epoch, injected so output is testable. */
  now: number;
}

/** Renders a stats snapshot as Prometheus text; methods sorted so the output is stable. */
export function renderMetrics({ stats, profile, now }: MetricsInput): string {
  const uptime = Math.max(0, now - stats.startedAt) / 1000;
  const methods = Object.keys(stats.rpcCalls).sort();
  const lines = [
    ...family('openclaw_gateway_info', 'gauge', 'Always 1; labels describe the gateway.', [
      [`{profile="${escapeLabelValue(profile)}"}`, 1],
    ]),
    ...family('openclaw_gateway_start_time_seconds', 'gauge', 'When the gateway started, seconds since the epoch.', [
      ['', stats.startedAt / 1000],
    ]),
    ...family('openclaw_gateway_uptime_seconds', 'gauge', 'Seconds since the gateway started.', [['', uptime]]),
    ...family('openclaw_gateway_connections', 'gauge', 'WebSocket clients connected now.', [['', stats.connections]]),
    ...family('openclaw_gateway_connections_total', 'counter', 'WebSocket clients accepted since start.', [
      ['', stats.connectionsTotal],
    ]),
    ...family(
      'openclaw_gateway_rpc_calls_total',
      'counter',
      'RPC requests handled since start, by method.',
      methods.map((m) => [`{method="${escapeLabelValue(m)}"}`, stats.rpcCalls[m]]),
    ),
    ...family('openclaw_gateway_rpc_errors_total', 'counter', 'RPC requests answered with an error since start.', [
      ['', stats.rpcErrors],
    ]),
  ];
  return `${lines.join('\n')}\n`;
}
