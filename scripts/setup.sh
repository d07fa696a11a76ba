#!/usr/bin/env bash
# Prepare a checkout: system libraries Qt needs (Debian/Ubuntu, when we may install),
# a virtual environment in .venv, and the project installed into it.
# Usage: scripts/setup.sh [app|test]
set -euo pipefail
cd "$(dirname "$0")/.."
want="${1:-app}"

# Libraries the Qt offscreen platform needs, plus a real window (xcb) and PDF rendering for tests.
debian_packages=(python3-venv libglib2.0-0 libgl1 libxkbcommon0 libegl1 libfreetype6 libfontconfig1 libdbus-1-3
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 poppler-utils)

install_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 || return 0
  local missing=()
  for pkg in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; else
      echo "note: missing system packages (install them with apt-get): ${missing[*]}" >&2
      return 0
    fi
  fi
  echo "installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_debian_packages

# The phone page's browser test drives Debian's chromium; without it that one test is skipped.
if [ "$want" = "test" ] && command -v apt-get >/dev/null 2>&1 && ! command -v chromium >/dev/null 2>&1; then
  debian_packages=(chromium chromium-driver)
  install_debian_packages || echo "note: chromium could not be installed; the phone browser test will be skipped" >&2
fi

python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
extras="."
[ "$want" = "test" ] && extras=".[test]"
# Reinstall only when the project's dependencies changed.
stamp=".venv/.installed-$want"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e "$extras"
  touch "$stamp"
fi
