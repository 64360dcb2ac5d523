import { appendFile, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { foldIncidents, INCIDENTS_FILE, STOP_INTENT_FILE, type Incident, type StopIntent } from '../watch/incident.js';
import { readSmallFile, writeFileAtomic } from './fs-safe.js';

export const incidentsPath = (stateDir: string) => join(stateDir, INCIDENTS_FILE);

/** Appends the incident's current state as one line (0600, dir 0700). */
export async function appendIncident(stateDir: string, incident: Incident): Promise<void> {
  const file = incidentsPath(stateDir);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await appendFile(file, `${JSON.stringify(incident)}\n`, { mode: 0o600 });
}

/** The incidents a watcher recorded, oldest first; none when it never recorded one. */
// eslint-disable-next-line @typescript-eslint/require-await -- reads with readSmallFile (sync, see there); async so a failure stays a rejection
export async function readIncidents(stateDir: string): Promise<Incident[]> {
  let text: string | undefined;
  try {
    text = readSmallFile(incidentsPath(stateDir));
  } catch {
    text = undefined;
  }
  return foldIncidents(text ?? '');
}

const stopIntentPath = (stateDir: string) => join(stateDir, STOP_INTENT_FILE);

/** Written by whoever stops a gateway on purpose, before it stops: a watcher then opens no incident. */
export async function recordStopIntent(stateDir: string, by: string, pid?: number): Promise<void> {
  const intent: StopIntent = { by, at: Date.now(), ...(pid !== undefined ? { pid } : {}) };
  await writeFileAtomic(stopIntentPath(stateDir), `${JSON.stringify(intent)}\n`, 0o600);
}

export async function readStopIntent(stateDir: string): Promise<StopIntent | undefined> {
  try {
    const v = JSON.parse(await readFile(stopIntentPath(stateDir), 'utf8')) as StopIntent;
    return typeof v.at === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A start (or a gateway that became ready) ends the stop on purpose. */
export async function clearStopIntent(stateDir: string): Promise<void> {
  await rm(stopIntentPath(stateDir), { force: true });
}
