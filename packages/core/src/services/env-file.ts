/**
 * The service env file (`<state>/service/gateway.env`): `KEY=VALUE` lines, `#` comments, optional
 * `export `, values optionally in single or double quotes. The subset that systemd's EnvironmentFile=,
 * sh's `.` and our PowerShell loop all read the same way.
 */
export function parseEnvFile(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2];
    const quoted = /^"(.*)"$/.exec(value) ?? /^'(.*)'$/.exec(value);
    if (quoted) value = quoted[1];
    vars[m[1]] = value;
  }
  return vars;
}
