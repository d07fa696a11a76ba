# Build the one-folder app on Windows with PyInstaller and smoke-test it headless.
#
# Usage (PowerShell, from anywhere):
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1 [-Python C:\path\python.exe] [-Dist DIR] [-Work DIR] [-Archive] [-NoSmoke]
#   -Python   build with this interpreter (PyInstaller is installed into it if missing);
#             default: a fresh venv in WORK\venv with `pip install .[build]` (not editable),
#             made with $env:PYTHON or `py -3.11`
#   -Dist     where the app folder goes (default packaging\dist)
#   -Work     PyInstaller's work folder, the venv and the .ico/.icns (default packaging\build)
#   -Archive  also pack the folder as DIST\workshop-app-VERSION-windows-ARCH.zip
#   -NoSmoke  skip running the result
# The result: DIST\workshop-app\workshop-app.exe (the window) and workshop-app-cli.exe (the commands).
param(
    [string]$Python = "",
    [string]$Dist = "",
    [string]$Work = "",
    [switch]$Archive,
    [switch]$NoSmoke
)
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
if (-not $Dist) { $Dist = Join-Path $Root "packaging\dist" }
if (-not $Work) { $Work = Join-Path $Root "packaging\build" }
New-Item -ItemType Directory -Force -Path $Dist, $Work | Out-Null
$Dist = (Resolve-Path $Dist).Path
$Work = (Resolve-Path $Work).Path
$Clock = [Diagnostics.Stopwatch]::StartNew()

function Step([string]$Name) {
    Write-Host ""
    Write-Host ("== {0} ({1:N0}s)" -f $Name, $Clock.Elapsed.TotalSeconds)
}

function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "'$Exe $($Arguments -join ' ')' failed with exit code $LASTEXITCODE"
    }
}

if (-not $Python) {
    $Venv = Join-Path $Work "venv"
    $Python = Join-Path $Venv "Scripts\python.exe"
    Step "virtual environment in $Venv"
    if (-not (Test-Path $Python)) {
        if ($env:PYTHON) { Invoke-Checked $env:PYTHON @("-m", "venv", $Venv) }
        else { Invoke-Checked "py" @("-3.11", "-m", "venv", $Venv) }
    }
    Invoke-Checked $Python @("-m", "pip", "install", "--quiet", "--upgrade", "pip")
    Invoke-Checked $Python @("-m", "pip", "install", "--quiet", ("{0}[build]" -f $Root))
} else {
    & $Python -c "import PyInstaller" 2>$null
    if ($LASTEXITCODE -ne 0) {
        Step "installing PyInstaller into $Python"
        Invoke-Checked $Python @("-m", "pip", "install", "--quiet", "pyinstaller>=6.5")
    }
}

Step "icons"
$Icons = Join-Path $Work "icons"
Invoke-Checked $Python @((Join-Path $Root "packaging\make_icons.py"), "--check")
Invoke-Checked $Python @((Join-Path $Root "packaging\make_icons.py"), "--platform-icons", $Icons)

Step "PyInstaller"
$env:WORKSHOP_ICON_DIR = $Icons
Invoke-Checked $Python @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", $Dist, "--workpath", (Join-Path $Work "pyinstaller"),
    (Join-Path $Root "packaging\workshop-app.spec"))
$App = Join-Path $Dist "workshop-app"

if (-not $NoSmoke) {
    Step "smoke test"
    Invoke-Checked $Python @((Join-Path $Root "packaging\smoke_test.py"), $App)
}

$Version = (& $Python -c "import sys; sys.path.insert(0, sys.argv[1]); import workshop_app; print(workshop_app.__version__)" $Root).Trim()
if ($Archive) {
    Step "archive"
    $Arch = $env:PROCESSOR_ARCHITECTURE.ToLower()
    $Zip = Join-Path $Dist "workshop-app-$Version-windows-$Arch.zip"
    if (Test-Path $Zip) { Remove-Item $Zip }
    Compress-Archive -Path $App -DestinationPath $Zip
    Write-Host ("archive: {0} ({1:N0} MB)" -f $Zip, ((Get-Item $Zip).Length / 1MB))
}

$Files = Get-ChildItem -Path $App -Recurse -File
$SizeMB = ($Files | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ""
Write-Host ("built Maturity Workshop {0} in {1:mm\m\ss\s}: {2} ({3:N0} MB, {4} files)" -f $Version, $Clock.Elapsed, $App, $SizeMB, $Files.Count)
