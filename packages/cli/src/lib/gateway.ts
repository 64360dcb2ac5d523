import { probeHealthz, type HealthProbe, type ProbeTarget } from './probe.js';

/**
 * Health of a running gateway. Uses the HTTP /healthz probe until the WebSocket client of
 * @clawport/gateway is wired in.
 */
export async function probeGatewayHealth(target: ProbeTarget): Promise<HealthProbe> {
  return probeHealthz(target);
}
