import { overlaps } from '../ports/overlap.js';
import { redactUrlPassword } from '../redact.js';
import type { ClawportPlugin, DoctorInstance } from '../plugins/contract.js';
import { explicitClaimKey } from './claim-key.js';
import { sharedPlaces } from './shared-places.js';
import type { DoctorFinding } from './facts.js';

/** `/a/b/` and `/a//b` are the same place; compare normalised. */
function norm(path: string): string {
  return path.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
}

/** Groups instances by a value and reports every value shared by two or more. */
function shared(
  instances: readonly DoctorInstance[],
  value: (i: DoctorInstance) => string | undefined,
): Array<{ value: string; names: string[] }> {
  // Two instances may carry one name (a custom-path instance in a profile's state dir): tell them apart by config.
  const names = instances.map((i) => i.name);
  const label = (i: DoctorInstance) => (names.filter((n) => n === i.name).length > 1 ? `${i.name} (config ${i.configPath})` : i.name);
  const byValue = new Map<string, string[]>();
  for (const i of instances) {
    const v = value(i);
    if (v === undefined) continue;
    byValue.set(v, [...(byValue.get(v) ?? []), label(i)]);
  }
  return [...byValue.entries()].filter(([, names]) => names.length > 1).map(([v, names]) => ({ value: v, names }));
}

const PATH_CHECKS = [
  { check: 'isolation.stateDir', what: 'state dir', key: (i: DoctorInstance) => norm(i.realPaths?.stateDir ?? i.stateDir), fix: 'give each instance its own OPENCLAW_STATE_DIR (or use --profile)' },
  { check: 'isolation.config', what: 'config file', key: (i: DoctorInstance) => norm(i.realPaths?.configPath ?? i.configPath), fix: 'give each instance its own OPENCLAW_CONFIG_PATH (or use --profile)' },
  { check: 'isolation.workspace', what: 'workspace', key: (i: DoctorInstance) => norm(i.realPaths?.workspace ?? i.workspace), fix: 'set agents.defaults.workspace per instance', keyPath: 'agents.defaults.workspace' },
] as const;

/** The seed's checklist: config, state dir and workspace are each used by one instance only. */
export function checkUniquePaths(instances: readonly DoctorInstance[]): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  for (const c of PATH_CHECKS) {
    for (const s of shared(instances, c.key)) {
      findings.push({
        severity: 'error',
        check: c.check,
        instance: s.names[0],
        message: `${s.names.join(', ')} share the ${c.what} ${s.value}`,
        fix: c.fix,
        ...('keyPath' in c ? { keyPath: c.keyPath } : {}),
      });
    }
  }
  // A workspace inside (or holding) another instance's state dir: its credentials, sessions and locks.
  for (const i of instances) {
    const others = instances.filter((o) => o !== i);
    for (const s of sharedPlaces(i, others)) {
      // Same workspaces and pinned Chromes are grouped above; here what only this rule sees.
      if (s.kind !== 'inStateDir' && s.kind !== 'holdsStateDir') continue;
      const theirs = others.find((o) => o.name === s.other)!.stateDir;
      findings.push({
        severity: 'error',
        check: 'isolation.workspace.stateDir',
        instance: i.name,
        message: s.kind === 'inStateDir' ? `${i.name}'s workspace ${i.workspace} is instance ${s.other}'s state dir ${theirs}` : `${i.name}'s workspace ${i.workspace} holds instance ${s.other}'s state dir ${theirs}`,
        fix: 'set agents.defaults.workspace to a directory of its own',
        keyPath: 'agents.defaults.workspace',
      });
    }
  }
  return findings;
}

/**
 * Derived ports never overlap: core's sweep over every footprint, one finding per overlap. The fix
 * names the key that moves the offending claim: an explicit port (canvasHost.port, a plugin's port)
 * when one side is explicit, else the base of the instance whose claim starts later.
 */
export function checkFootprints(instances: readonly DoctorInstance[], plugins: readonly ClawportPlugin[] = []): DoctorFinding[] {
  const found = overlaps(instances.map((i) => ({ instance: i.name, base: i.base, claims: i.footprint })));
  const byName = new Map(instances.map((i) => [i.name, i]));
  return found.map((o) => {
    const explicit = [o.a, o.b]
      .map((ref) => ({ ref, instance: byName.get(ref.instance) }))
      .map(({ ref, instance }) => ({ ref, instance, key: instance && explicitClaimKey(instance, ref.claim, plugins) }))
      .find((x) => x.key !== undefined);
    if (explicit?.key && explicit.instance) {
      const { ref, key, instance } = explicit;
      return {
        severity: 'error',
        check: 'ports.overlap',
        instance: ref.instance,
        message: o.message,
        fix: key.fix,
        file: instance.configPath,
        keyPath: key.keyPath,
      };
    }
    return {
      severity: 'error',
      check: 'ports.overlap',
      instance: o.a.instance,
      message: o.message,
      fix: `move ${o.a.instance} to a free base: clawport --profile ${o.a.instance} ports suggest`,
      file: byName.get(o.a.instance)?.configPath,
      keyPath: 'gateway.port',
    };
  });
}

/** Never pin browser.cdpUrl (or a browser profile's cdpUrl) to the same endpoint in two instances. */
export function checkSharedCdpUrls(instances: readonly DoctorInstance[]): DoctorFinding[] {
  const findings: DoctorFinding[] = [];
  for (const s of shared(instances, (i) => i.config.browser?.cdpUrl)) {
    findings.push({
      severity: 'error',
      check: 'browser.cdpUrl.shared',
      instance: s.names[0],
      message: `${s.names.join(', ')} pin browser.cdpUrl to the same endpoint ${redactUrlPassword(s.value)}`,
      fix: 'give each instance its own browser (unset browser.cdpUrl to use the instance CDP band)',
      keyPath: 'browser.cdpUrl',
    });
  }
  const profileUrls = instances.flatMap((i) =>
    Object.entries(i.config.browser?.profiles ?? {})
      .filter(([, p]) => p.cdpUrl !== undefined)
      .map(([name, p]) => ({ owner: `${i.name}/${name}`, url: p.cdpUrl! })),
  );
  const byUrl = new Map<string, string[]>();
  for (const p of profileUrls) byUrl.set(p.url, [...(byUrl.get(p.url) ?? []), p.owner]);
  for (const [url, owners] of byUrl) {
    const instancesUsing = new Set(owners.map((o) => o.split('/')[0]));
    if (instancesUsing.size < 2) continue;
    findings.push({
      severity: 'warning',
      check: 'browser.profile.cdpUrl.shared',
      instance: owners[0].split('/')[0],
      message: `browser profiles ${owners.join(', ')} attach to the same remote Chrome ${redactUrlPassword(url)}`,
      fix: 'use one remote Chrome per instance (browser.profiles.<name>.cdpUrl)',
    });
  }
  return findings;
}
