import assert from 'node:assert/strict';
import { chmod, mkdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StateSymlinkError } from '../../src/errors.js';
import { chmodNoFollow, ensurePrivateDir } from '../../src/node/fs-safe.js';
import { refuseSymlinkedState } from '../../src/node/state-entries.js';
import { ensureToken, readToken, tokenPath } from '../../src/node/token.js';
import { rejectsLine } from '../helpers/expect-error.js';
import { useTempDir } from '../helpers/temp.js';

const mode = async (p: string) => (await stat(p)).mode & 0o777;
const SUGGESTION = 'replace it with the real file or directory; for a state dir elsewhere, set OPENCLAW_STATE_DIR to its real path';
const line = (p: string) => `${p} is a symbolic link; clawport does not follow links inside state dirs (${SUGGESTION})`;

describe('node: symlinks inside state dirs are refused, never followed (issue 16 #8)', () => {
  const tmp = useTempDir();

  it('a symlinked state dir is neither created through nor chmodded', async () => {
    const target = join(tmp.path, 'elsewhere');
    await mkdir(target, { mode: 0o755 });
    await chmod(target, 0o755);
    const state = join(tmp.path, '.openclaw-main');
    await symlink(target, state);
    await rejectsLine(() => ensurePrivateDir(state), StateSymlinkError, line(state));
    await rejectsLine(() => ensureToken(state), StateSymlinkError, line(state));
    assert.equal(await mode(target), 0o755, 'the link target keeps its mode');
  });

  it('a symlinked token file (or credentials dir) is not read as the token', async () => {
    const state = join(tmp.path, '.openclaw-main');
    await ensureToken(state);
    const foreign = join(tmp.path, 'other-token');
    await writeFile(foreign, 'token-of-someone-else-0123456789\n');
    const file = tokenPath(state);
    await rm(file);
    await symlink(foreign, file);
    await rejectsLine(() => readToken(state), StateSymlinkError, line(file));
    await rejectsLine(() => ensureToken(state), StateSymlinkError, line(file));

    const state2 = join(tmp.path, '.openclaw-two');
    await mkdir(state2);
    await mkdir(join(tmp.path, 'creds'));
    await symlink(join(tmp.path, 'creds'), join(state2, 'credentials'));
    await rejectsLine(() => readToken(state2), StateSymlinkError, line(join(state2, 'credentials')));
  });

  it('chmodNoFollow changes a real file and refuses a link (doctor --fix, setup)', async () => {
    const real = join(tmp.path, 'real');
    await writeFile(real, 'x', { mode: 0o644 });
    await chmod(real, 0o644);
    await chmodNoFollow(real, 0o600);
    assert.equal(await mode(real), 0o600);
    await chmod(real, 0o644);
    const link = join(tmp.path, 'link');
    await symlink(real, link);
    await rejectsLine(() => chmodNoFollow(link, 0o600), StateSymlinkError, line(link));
    assert.equal(await mode(real), 0o644);
  });

  it('refuseSymlinkedState names the first linked entry (logs dir, log file, canvas…)', async () => {
    const state = join(tmp.path, '.openclaw-main');
    await mkdir(join(state, 'logs'), { recursive: true });
    await refuseSymlinkedState(state);
    await writeFile(join(tmp.path, 'victim'), 'keep');
    await symlink(join(tmp.path, 'victim'), join(state, 'logs', 'gateway.log'));
    await rejectsLine(() => refuseSymlinkedState(state), StateSymlinkError, line(join(state, 'logs', 'gateway.log')));
    assert.equal(await readFile(join(tmp.path, 'victim'), 'utf8'), 'keep');
  });
});
