#!/usr/bin/env bash
# Build the one-folder app with PyInstaller and smoke-test it headless (Linux and macOS; Windows: build.ps1).
#
# Usage: packaging/build.sh [--python PY] [--dist DIR] [--work DIR] [--archive] [--no-smoke]
#   --python PY   build with this interpreter (PyInstaller is installed into it if missing);
#                 default: a fresh venv in WORK/venv with `pip install '.[build]'` (not editable)
#   --dist DIR    where the app folder goes (default packaging/dist)
#   --work DIR    PyInstaller's work folder, the venv and the .ico/.icns (default packaging/build)
#   --archive     also pack the folder as DIST/workshop-app-VERSION-OS-ARCH.tar.gz
#   --no-smoke    skip running the result
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
python=""
dist="$root/packaging/dist"
work="$root/packaging/build"
smoke=1
archive=0
while [ $# -gt 0 ]; do
  case "$1" in
    --python) python="$2"; shift 2 ;;
    --dist) dist="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --archive) archive=1; shift ;;
    --no-smoke) smoke=0; shift ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$dist" "$work"
dist="$(cd "$dist" && pwd)"
work="$(cd "$work" && pwd)"
started=$(date +%s)

step() { printf '\n== %s (%ss)\n' "$1" "$(( $(date +%s) - started ))"; }

if [ -z "$python" ]; then
  step "virtual environment in $work/venv"
  [ -x "$work/venv/bin/python" ] || "${PYTHON:-python3}" -m venv "$work/venv"
  python="$work/venv/bin/python"
  "$python" -m pip install --quiet --upgrade pip
  "$python" -m pip install --quiet "$root[build]"
elif ! "$python" -c "import PyInstaller" 2>/dev/null; then
  step "installing PyInstaller into $python"
  "$python" -m pip install --quiet "pyinstaller>=6.5"
fi

step "icons"
"$python" "$root/packaging/make_icons.py" --check
"$python" "$root/packaging/make_icons.py" --platform-icons "$work/icons"

step "PyInstaller"
WORKSHOP_ICON_DIR="$work/icons" "$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$dist" --workpath "$work/pyinstaller" "$root/packaging/workshop-app.spec"
app="$dist/workshop-app"

if [ "$(uname -s)" = "Linux" ] && command -v strip >/dev/null; then
  # Debug symbols of a self-built Python (pyenv) can triple libpython's size. Only Python's own
  # libraries are touched: stripping numpy's OpenBLAS or Qt's libraries breaks them.
  find "$app/_internal" -maxdepth 1 -name 'libpython3*.so*' -type f -exec strip --strip-debug {} +
  find "$app/_internal" -path '*/lib-dynload/*.so' -type f -exec strip --strip-debug {} +
fi

if [ "$(uname -s)" = "Linux" ]; then
  # What install-desktop.sh needs to add the app to the menu and claim .workshop files.
  mkdir -p "$app/linux"
  cp "$root/packaging/workshop-app.desktop" "$root/packaging/workshop-app-mime.xml" \
     "$root/packaging/install-desktop.sh" "$app/linux/"
  chmod +x "$app/linux/install-desktop.sh"
fi

if [ "$smoke" = 1 ]; then
  step "smoke test"
  "$python" "$root/packaging/smoke_test.py" "$app"
fi

version="$("$python" -c "import sys; sys.path.insert(0, sys.argv[1]); import workshop_app; print(workshop_app.__version__)" "$root")"
if [ "$archive" = 1 ]; then
  step "archive"
  os="$(uname -s | tr '[:upper:]' '[:lower:]')"
  tarball="$dist/workshop-app-$version-$os-$(uname -m).tar.gz"
  tar -C "$dist" -czf "$tarball" workshop-app
  echo "archive: $tarball ($(du -h "$tarball" | cut -f1))"
fi

elapsed=$(( $(date +%s) - started ))
printf '\nbuilt Maturity Workshop %s in %dm%02ds: %s (%s, %s files)\n' "$version" $((elapsed / 60)) $((elapsed % 60)) \
  "$app" "$(du -sh "$app" | cut -f1)" "$(find "$app" -type f | wc -l | tr -d ' ')"
