import type { ServiceSpec } from './spec.js';

/** Where the task's script and XML live (schtasks keeps its own copy of the XML once registered). */
export function taskScriptPath(spec: ServiceSpec): string {
  return `${spec.serviceDir}/gateway-service.ps1`;
}
export function taskXmlPath(spec: ServiceSpec): string {
  return `${spec.serviceDir}/gateway-task.xml`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** PowerShell single-quoted literal: nothing expands inside, a quote is doubled. */
export function psQuote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The script the task runs. Task Scheduler only restarts a task that failed to start, so the script is
 * the restart loop: exponential back-off (1 s doubling to 60 s, reset after a minute of uptime), and a
 * stop on exit 78 (config error) like systemd's RestartPreventExitStatus. PATH is left alone here
 * (Windows needs its system dirs); node is called by absolute path.
 */
export function renderTaskScript(spec: ServiceSpec): string {
  const env = Object.entries(spec.env)
    .filter(([k]) => k !== 'PATH')
    .map(([k, v]) => `$env:${k} = ${psQuote(v)}`);
  const [program, ...args] = spec.argv;
  return [
    '# Written by `clawport gateway install`; `clawport doctor` audits it against the profile.',
    "$ErrorActionPreference = 'Stop'",
    ...env,
    `$envFile = ${psQuote(spec.envFile)}`,
    'if (Test-Path -LiteralPath $envFile) {',
    '  foreach ($line in Get-Content -LiteralPath $envFile) {',
    "    if ($line -match '^\\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$') { Set-Item -Path \"env:$($Matches[1])\" -Value $Matches[2] }",
    '  }',
    '}',
    `$logFile = ${psQuote(spec.logFile)}`,
    `$program = ${psQuote(program)}`,
    `$arguments = @(${args.map(psQuote).join(', ')})`,
    '$delay = 1',
    'while ($true) {',
    '  $started = Get-Date',
    '  & $program @arguments *>> $logFile',
    '  $code = $LASTEXITCODE',
    '  if ($code -eq 78) { exit 78 }',
    '  if (((Get-Date) - $started).TotalSeconds -ge 60) { $delay = 1 }',
    '  Start-Sleep -Seconds $delay',
    '  $delay = [Math]::Min($delay * 2, 60)',
    '}',
    '',
  ].join('\r\n');
}

/** Task Scheduler XML (schema 1.2): run at logon of the installing user, no time limit, one instance. */
export function renderTaskXml(spec: ServiceSpec): string {
  const script = taskScriptPath(spec);
  const args = `-NoProfile -NonInteractive -ExecutionPolicy Bypass -WindowStyle Hidden -File "${script}"`;
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    '  <RegistrationInfo>',
    `    <Description>${escapeXml(spec.description)}</Description>`,
    `    <URI>\\${escapeXml(spec.names.schtasks)}</URI>`,
    '  </RegistrationInfo>',
    '  <Triggers>',
    '    <LogonTrigger>',
    '      <Enabled>true</Enabled>',
    '    </LogonTrigger>',
    '  </Triggers>',
    '  <Principals>',
    '    <Principal id="Author">',
    '      <LogonType>InteractiveToken</LogonType>',
    '      <RunLevel>LeastPrivilege</RunLevel>',
    '    </Principal>',
    '  </Principals>',
    '  <Settings>',
    '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>',
    '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>',
    '    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>',
    '    <AllowHardTerminate>true</AllowHardTerminate>',
    '    <StartWhenAvailable>true</StartWhenAvailable>',
    '    <AllowStartOnDemand>true</AllowStartOnDemand>',
    '    <Enabled>true</Enabled>',
    '    <Hidden>false</Hidden>',
    '    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>',
    '    <RestartOnFailure>',
    '      <Interval>PT1M</Interval>',
    '      <Count>999</Count>',
    '    </RestartOnFailure>',
    '  </Settings>',
    '  <Actions Context="Author">',
    '    <Exec>',
    '      <Command>powershell.exe</Command>',
    `      <Arguments>${escapeXml(args)}</Arguments>`,
    `      <WorkingDirectory>${escapeXml(spec.stateDir)}</WorkingDirectory>`,
    '    </Exec>',
    '  </Actions>',
    '</Task>',
    '',
  ].join('\r\n');
}
