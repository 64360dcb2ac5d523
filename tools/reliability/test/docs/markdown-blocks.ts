/**
 * The runnable examples of a markdown page: fenced ```sh / ```bash blocks (run as scripts) and
 * ```console blocks (`$ cmd` lines run, the lines after them are the expected output). An HTML comment
 * `<!-- doc-test: … -->` on the line right before a fence says how to run it (see DocTestMarker).
 * Pure: the runner (doc-session.ts) does the IO.
 */
export interface DocTestMarker {
  /** Long-running lines: each starts in the background; the block is done when `ready` exits 0. */
  background?: { ready: string };
  /** The exit code the block must end with (default 0 for sh blocks; console blocks compare output). */
  exit?: number;
  /** Console output is shown for illustration only (times, pids): the commands must still succeed. */
  outputVaries?: boolean;
  /** Not run by the suite, with the reason shown in the test title (e.g. a command that runs the suite). */
  notRun?: string;
}

export interface ConsoleStep {
  command: string;
  expected: string[];
}

export interface DocBlock {
  line: number;
  lang: 'sh' | 'console';
  code: string;
  marker: DocTestMarker;
  /** For console blocks: each `$ command` with the output lines shown after it. */
  steps: ConsoleStep[];
}

const RUNNABLE: Record<string, DocBlock['lang']> = { sh: 'sh', bash: 'sh', shell: 'sh', console: 'console' };

export function parseMarker(text: string, where: string): DocTestMarker {
  const marker: DocTestMarker = {};
  for (const part of text.split(';').map((p) => p.trim()).filter(Boolean)) {
    const [key, ...rest] = part.split(':');
    const value = rest.join(':').trim();
    switch (key.trim()) {
      case 'background':
        marker.background = { ready: marker.background?.ready ?? '' };
        break;
      case 'ready':
        marker.background = { ready: value };
        break;
      case 'exit':
        if (!/^\d+$/.test(value)) throw new Error(`${where}: doc-test marker "exit" needs a number, got "${value}"`);
        marker.exit = Number(value);
        break;
      case 'output varies':
        marker.outputVaries = true;
        break;
      case 'not run':
        if (!value) throw new Error(`${where}: doc-test marker "not run" needs a reason`);
        marker.notRun = value;
        break;
      default:
        throw new Error(`${where}: unknown doc-test marker "${part}" (background; ready: CMD; exit: N; output varies; not run: REASON)`);
    }
  }
  if (marker.background && !marker.background.ready) throw new Error(`${where}: a background block needs "ready: <command that exits 0 when it is up>"`);
  return marker;
}

/** `$ cmd` lines (with `\` continuations) and the output lines under each. */
export function consoleSteps(code: string): ConsoleStep[] {
  const steps: ConsoleStep[] = [];
  const lines = code.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('$ ')) {
      let command = line.slice(2);
      while (command.endsWith('\\') && i + 1 < lines.length) command = `${command.slice(0, -1)}\n${lines[++i]}`;
      steps.push({ command, expected: [] });
    } else if (steps.length > 0) {
      steps[steps.length - 1].expected.push(line);
    }
  }
  for (const s of steps) while (s.expected.length > 0 && s.expected[s.expected.length - 1].trim() === '') s.expected.pop();
  return steps;
}

export function docBlocks(markdown: string, file: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const fence = open[2];
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i].trimStart().startsWith(fence); i++) body.push(lines[i]);
    const lang = RUNNABLE[open[3].toLowerCase()];
    const prev = start > 0 ? /^\s*<!--\s*doc-test:(.*)-->\s*$/.exec(lines[start - 1]) : null;
    if (!lang) {
      if (prev) throw new Error(`${file}:${start + 1}: a doc-test marker stands before a \`\`\`${open[3]} block, which is not run`);
      continue;
    }
    const code = body.join('\n');
    const marker = prev ? parseMarker(prev[1], `${file}:${start}`) : {};
    blocks.push({ line: start + 1, lang, code, marker, steps: lang === 'console' ? consoleSteps(code) : [] });
  }
  return blocks;
}

/** Logical lines of a script: `\` continuations joined, comments and blank lines dropped. */
export function scriptLines(code: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const raw of code.split('\n')) {
    const line = pending ? `${pending}\n${raw}` : raw;
    if (raw.endsWith('\\')) {
      pending = line;
      continue;
    }
    pending = '';
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    out.push(line);
  }
  if (pending) out.push(pending);
  return out;
}

/** What a terminal shows, compared loosely only where terminals differ: trailing spaces and blank tail. */
export function normaliseOutput(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n').map((l) => l.replace(/\s+$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
