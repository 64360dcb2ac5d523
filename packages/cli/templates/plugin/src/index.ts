import { PLUGIN_API_VERSION, configSection, definePlugin, type DoctorInstance, type Finding } from '@clawport/plugin-sdk';
import { OFFSET, section } from './section.js';
import { startService } from './service.js';

/** Doctor: two instances that load this plugin must not pin the same `__NAME__.port`. */
function doctor(instances: readonly DoctorInstance[]): Finding[] {
  const byPort = new Map<number, string[]>();
  for (const i of instances) {
    if (!i.footprint.some((c) => c.owner === '__NAME__')) continue;
    const port = configSection(section, i.config)?.port;
    if (port !== undefined) byPort.set(port, [...(byPort.get(port) ?? []), i.name]);
  }
  const findings: Finding[] = [];
  for (const [port, names] of byPort) {
    if (names.length < 2) continue;
    findings.push({
      severity: 'error',
      check: '__NAME__.port.shared',
      message: `__NAME__.port ${port} is pinned by ${names.join(' and ')}: only one gateway can serve it`,
      fix: 'give each instance its own __NAME__.port, or remove it to use base+__OFFSET__',
      keyPath: '__NAME__.port',
    });
  }
  return findings;
}

export default definePlugin({
  apiVersion: PLUGIN_API_VERSION,
  id: '__NAME__',
  description: '__NAME__: serves its status on 127.0.0.1, base+__OFFSET__',
  config: section,
  enabled: (config) => configSection(section, config)?.enabled !== false,
  claims: ({ config }) => {
    const port = configSection(section, config)?.port;
    return [
      port === undefined
        ? { id: '__NAME__', role: '__NAME__', from: 'base', offset: OFFSET, bind: 'loopback' }
        : { id: '__NAME__', role: '__NAME__', port, bind: 'loopback', key: '__NAME__.port' },
    ];
  },
  doctor,
  start: startService,
});
