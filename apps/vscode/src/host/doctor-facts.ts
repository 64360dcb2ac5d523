import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RUNTIME_FILE, TOKEN_FILE, type DoctorFacts, type FileFact, type OwnerFileFact } from '@clawport/core';
import { isProcessAlive } from '@clawport/core/node';
import type { InstanceSnapshot } from '../model/snapshot.js';

/** Permission bits of the files doctor judges, and runtime files whose gateway died. Missing files are skipped. */
export async function gatherDoctorFacts(snapshots: readonly InstanceSnapshot[]): Promise<Omit<DoctorFacts, 'brokenConfigs'>> {
  const files: FileFact[] = [];
  const owners: OwnerFileFact[] = [];
  await Promise.all(
    snapshots.map(async (s) => {
      const candidates: Array<[FileFact['kind'], string]> = [
        ['stateDir', s.stateDir],
        ['config', s.configPath],
        ['credentials', join(s.stateDir, 'credentials')],
        ['token', join(s.stateDir, TOKEN_FILE)],
      ];
      for (const [kind, path] of candidates) {
        const st = await stat(path).catch(() => undefined);
        if (st) files.push({ instance: s.name, kind, path, mode: st.mode & 0o777 });
      }
      const runtimePath = join(s.stateDir, RUNTIME_FILE);
      const pid = await readFile(runtimePath, 'utf8').then((t) => Number((JSON.parse(t) as { pid?: unknown }).pid), () => undefined);
      if (pid !== undefined && Number.isInteger(pid)) owners.push({ instance: s.name, kind: 'runtime', path: runtimePath, pid, alive: isProcessAlive(pid) });
    }),
  );
  return { files, owners };
}
