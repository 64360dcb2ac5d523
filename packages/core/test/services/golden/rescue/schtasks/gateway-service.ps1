# Written by `clawport gateway install`; `clawport doctor` audits it against the profile.
$ErrorActionPreference = 'Stop'
$env:OPENCLAW_PROFILE = 'rescue'
$env:OPENCLAW_HOME = '/home/alice'
$env:OPENCLAW_STATE_DIR = '/home/alice/.openclaw-rescue'
$env:OPENCLAW_CONFIG_PATH = '/home/alice/.openclaw-rescue/openclaw.json'
$env:OPENCLAW_GATEWAY_PORT = '19789'
$envFile = '/home/alice/.openclaw-rescue/service/gateway.env'
if (Test-Path -LiteralPath $envFile) {
  foreach ($line in Get-Content -LiteralPath $envFile) {
    if ($line -match '^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$') { Set-Item -Path "env:$($Matches[1])" -Value $Matches[2] }
  }
}
$logFile = '/home/alice/.openclaw-rescue/logs/gateway.service.log'
$program = '/usr/local/bin/node'
$arguments = @('/opt/clawport/packages/cli/bin/run.js', '--profile', 'rescue', 'gateway', '--port', '19789')
$delay = 1
while ($true) {
  $started = Get-Date
  & $program @arguments *>> $logFile
  $code = $LASTEXITCODE
  if ($code -eq 78) { exit 78 }
  if (((Get-Date) - $started).TotalSeconds -ge 60) { $delay = 1 }
  Start-Sleep -Seconds $delay
  $delay = [Math]::Min($delay * 2, 60)
}
