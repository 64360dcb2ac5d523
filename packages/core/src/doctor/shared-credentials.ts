import { createHash } from 'node:crypto';
import type { OpenClawConfig } from '../config/schema.js';
import type { DoctorInstance } from '../plugins/contract.js';
import type { DoctorFacts, DoctorFinding } from './facts.js';

/** Keys under `channels.*` that hold a credential (upstream: botToken, token, appToken, signingSecret…). */
const CREDENTIAL_KEY = /(token|secret|password|apikey|api_key)$/i;

/** A chat-channel credential as doctor may see it: where it is, and a digest in place of the value. */
export interface ChannelCredential {
  keyPath: string;
  fingerprint: string;
}

/** A short sha256 of a secret: enough to tell two values apart, useless to recover either. */
export function credentialFingerprint(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 16);
}

/** Every credential under upstream's `channels.*` (any depth: accounts nest), fingerprinted. */
export function channelCredentials(config: OpenClawConfig): ChannelCredential[] {
  const found: ChannelCredential[] = [];
  const walk = (value: unknown, path: string) => {
    if (value === null || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const here = Array.isArray(value) ? `${path}[${k}]` : `${path}.${k}`;
      if (typeof v === 'string' && CREDENTIAL_KEY.test(k) && v.trim().length > 0) found.push({ keyPath: here, fingerprint: credentialFingerprint(v.trim()) });
      else walk(v, here);
    }
  };
  walk((config as { channels?: unknown }).channels, 'channels');
  return found;
}

/**
 * Two gateways polling one bot token fight over its updates (Telegram answers 409, messages go
 * missing for hours: upstream #43628). One error per shared credential, naming every instance and
 * key that holds it and never the value.
 */
export function checkSharedChannelCredentials(instances: readonly Pick<DoctorInstance, 'name' | 'config' | 'configPath'>[]): DoctorFinding[] {
  const byPrint = new Map<string, Array<{ instance: string; keyPath: string; file: string }>>();
  for (const i of instances) {
    // Within one instance the same token twice is its own business; count each instance once per value.
    const seen = new Set<string>();
    for (const c of channelCredentials(i.config)) {
      if (seen.has(c.fingerprint)) continue;
      seen.add(c.fingerprint);
      byPrint.set(c.fingerprint, [...(byPrint.get(c.fingerprint) ?? []), { instance: i.name, keyPath: c.keyPath, file: i.configPath }]);
    }
  }
  const findings: DoctorFinding[] = [];
  for (const holders of byPrint.values()) {
    if (holders.length < 2) continue;
    const sameKey = holders.every((h) => h.keyPath === holders[0].keyPath);
    const who = sameKey ? `${holders.map((h) => h.instance).join(' and ')} use the same ${holders[0].keyPath}` : `${holders.map((h) => `${h.instance} (${h.keyPath})`).join(' and ')} use the same credential`;
    findings.push({
      severity: 'error',
      check: 'channels.credential.shared',
      instance: holders[0].instance,
      message: `${who}: two gateways polling one bot lose messages`,
      fix: `give each instance its own bot, or remove ${holders[1].keyPath} from ${holders[1].instance}`,
      file: holders[1].file,
      keyPath: holders[1].keyPath,
    });
  }
  return findings;
}

/** A credentials dir reached by two instances (one symlinked to the other's) shares their logins. */
export function checkSharedCredentialDirs(files: DoctorFacts['files']): DoctorFinding[] {
  const byReal = new Map<string, string[]>();
  for (const f of files) {
    if (f.kind !== 'credentials') continue;
    const real = f.realPath ?? f.path;
    byReal.set(real, [...new Set([...(byReal.get(real) ?? []), f.instance])]);
  }
  return [...byReal.entries()]
    .filter(([, names]) => names.length > 1)
    .map(([real, names]) => ({
      severity: 'error' as const,
      check: 'isolation.credentials',
      instance: names[0],
      message: `${names.join(', ')} share the credentials dir ${real}`,
      fix: 'give each instance its own state dir; do not symlink credentials/ between them',
    }));
}

/** An instance's fixed port held by a process that is no instance's gateway: it cannot start there. */
export function checkForeignPorts(held: DoctorFacts['foreignPorts']): DoctorFinding[] {
  return (held ?? []).map((h) => ({
    severity: 'error' as const,
    check: 'ports.foreign',
    instance: h.instance,
    message: `${h.instance}: port ${h.port} (${h.role}) is held by ${h.holder}`,
    fix: `stop that process, or move ${h.instance}: clawport --profile ${h.instance} ports suggest`,
  }));
}
