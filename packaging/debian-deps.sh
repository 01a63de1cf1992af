#!/usr/bin/env bash
# Install the Debian packages a target needs, only those missing (idempotent).
# Usage: packaging/debian-deps.sh run|test|dist
set -euo pipefail
role="${1:-run}"
# Qt's xcb/offscreen platform plugins and font discovery need these shared libraries.
run_pkgs=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 fontconfig
          libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
          libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1)
# Tests render PDFs to PNG (poppler-utils) and convert DOCX with LibreOffice; they validate the
# .desktop file and AppStream metainfo (desktop-file-utils, appstream). Chinese typing is tested
# end to end: fcitx5 + pinyin on a private Xvfb and D-Bus, keys sent by xdotool. xvfb-run (the
# frozen window test) needs xauth, which --no-install-recommends leaves out.
test_pkgs=(poppler-utils xvfb xauth libreoffice-writer-nogui desktop-file-utils appstream
           fcitx5 fcitx5-pinyin xdotool dbus)
# `make dist` (PyInstaller) reads and strips the bundled libraries with objdump and strip;
# `make test` runs it too (its last step, `make dist-test`).
dist_pkgs=(binutils)
# PyInstaller bundles the interpreter's shared library: Debian's own python3.X keeps it in a
# package of its own (libpython3.X); a self-built or pyenv Python carries it already.
python="${PYTHON:-python3}"
if py_real=$(readlink -f "$(command -v "$python" 2>/dev/null)" 2>/dev/null) && [[ "$py_real" == /usr/bin/* ]]; then
  dist_pkgs+=("libpython$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')")
fi
case "$role" in
  run) want=("${run_pkgs[@]}") ;;
  dist) want=("${run_pkgs[@]}" "${dist_pkgs[@]}") ;;
  test) want=("${run_pkgs[@]}" "${test_pkgs[@]}" "${dist_pkgs[@]}") ;;
  *) echo "usage: $0 run|test|dist" >&2; exit 2 ;;
esac
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "debian-deps: not a Debian system, skipping system packages (${want[*]})" >&2
  exit 0
fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "debian-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
