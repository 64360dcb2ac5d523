// @clawport/gateway/client: talk to a running gateway. No server code is imported here.
export { GatewayClient, GatewayCallError, type ConnectOptions } from './gateway-client.js';
export { probeGateway, type ProbeResult } from './probe.js';
export * from '../protocol/types.js';
export { probeOpenclaw, type OpenclawProbeOptions } from './openclaw-probe.js';
