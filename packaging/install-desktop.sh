#!/usr/bin/env bash
# Add Maturity Workshop to the Linux desktop for the current user: menu entry, icons, and .workshop files.
#
# Usage: install-desktop.sh [--uninstall] [EXECUTABLE]
#   EXECUTABLE  the program the menu entry starts (default: the frozen build next to this script,
#               else `workshop-app` on PATH, e.g. from `pip install`)
# Works from a source checkout (packaging/) and from a frozen build (workshop-app/linux/).
# Writes only under ${XDG_DATA_HOME:-~/.local/share}; needs no network and no root.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
uninstall=0
exe=""
for arg in "$@"; do
  case "$arg" in
    --uninstall) uninstall=1 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) exe="$arg" ;;
  esac
done

icons=""
for candidate in "$here/../resources/icons" "$here/../_internal/resources/icons"; do
  if [ -f "$candidate/workshop-app.svg" ]; then icons="$(cd "$candidate" && pwd)"; break; fi
done
if [ -z "$icons" ]; then
  echo "install-desktop.sh: cannot find the icons (resources/icons) next to $here" >&2
  exit 1
fi
sizes=$(cd "$icons/hicolor" && ls -d ./*x*/ | tr -d './')

refresh() {
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
  command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t -f "$data/icons/hicolor" || true
}

if [ "$uninstall" = 1 ]; then
  rm -f "$data/applications/workshop-app.desktop" "$data/mime/packages/workshop-app-mime.xml" \
        "$data/icons/hicolor/scalable/apps/workshop-app.svg"
  for size in $sizes; do rm -f "$data/icons/hicolor/$size/apps/workshop-app.png"; done
  refresh
  echo "removed the Maturity Workshop menu entry, icons and file type"
  exit 0
fi

if [ -z "$exe" ]; then
  if [ -x "$here/../workshop-app" ]; then exe="$(cd "$here/.." && pwd)/workshop-app"
  elif command -v workshop-app >/dev/null; then exe="$(command -v workshop-app)"
  else
    echo "install-desktop.sh: no workshop-app found; pass the path of the executable" >&2
    exit 1
  fi
fi
if [ ! -x "$exe" ]; then
  echo "install-desktop.sh: '$exe' is not an executable file" >&2
  exit 1
fi
exe="$(cd "$(dirname "$exe")" && pwd)/$(basename "$exe")"

mkdir -p "$data/applications" "$data/mime/packages" "$data/icons/hicolor/scalable/apps"
for size in $sizes; do
  mkdir -p "$data/icons/hicolor/$size/apps"
  cp "$icons/hicolor/$size/apps/workshop-app.png" "$data/icons/hicolor/$size/apps/"
done
cp "$icons/workshop-app.svg" "$data/icons/hicolor/scalable/apps/"
cp "$here/workshop-app-mime.xml" "$data/mime/packages/"
# Point Exec and TryExec at the real program; quote it in case the path has spaces.
sed -e "s|^Exec=workshop-app|Exec=\"$exe\"|" -e "s|^TryExec=workshop-app|TryExec=$exe|" \
  "$here/workshop-app.desktop" > "$data/applications/workshop-app.desktop"
refresh
echo "installed the Maturity Workshop menu entry for $exe"
