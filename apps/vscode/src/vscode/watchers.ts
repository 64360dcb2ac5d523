import { readdirSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { InstanceSnapshot } from '../model/snapshot.js';

const INTERESTING = /^(openclaw\.json|gateway\.runtime\.json|gateway\.lock|instances\.json|incidents\.jsonl|watch)$|^\.openclaw/;

/**
 * Cheap, non-recursive Node watchers on exactly the directories that matter: the home (new profile
 * dirs), every state dir (runtime file, lock, config), custom config dirs and the registry's dir.
 * Rewired after every refresh; events only schedule a (debounced) refresh.
 */
export class InstanceWatchers {
  private watchers = new Map<string, FSWatcher>();

  constructor(private readonly onChange: () => void) {}

  update(home: string, snapshots: readonly InstanceSnapshot[]): void {
    const dirs = new Set<string>([home, join(home, '.config', 'clawport')]);
    // Profile-named dirs that are no instance yet (no config, runtime, lock or service: core's rule):
    // watched too, so the config that makes one an instance shows up as soon as it is written.
    for (const dir of profileDirs(home)) dirs.add(dir);
    for (const s of snapshots) {
      dirs.add(s.stateDir);
      dirs.add(dirname(s.configPath));
      // A watcher appends its incidents here (a new incident shows, and is notified, at once).
      dirs.add(join(s.stateDir, 'watch'));
    }
    for (const [dir, w] of this.watchers) {
      if (!dirs.has(dir)) {
        w.close();
        this.watchers.delete(dir);
      }
    }
    for (const dir of dirs) {
      if (this.watchers.has(dir)) continue;
      try {
        const w = watch(dir, { persistent: false }, (_event, file) => {
          if (file === null || INTERESTING.test(basename(String(file)))) this.onChange();
        });
        w.on('error', () => {
          w.close();
          this.watchers.delete(dir);
        });
        this.watchers.set(dir, w);
      } catch {
        /* not there yet: the home watcher sees it appear */
      }
    }
  }

  dispose(): void {
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }
}

function profileDirs(home: string): string[] {
  try {
    return readdirSync(home, { withFileTypes: true })
      .filter((e) => e.isDirectory() && /^\.openclaw(-|$)/.test(e.name))
      .map((e) => join(home, e.name));
  } catch {
    return [];
  }
}
