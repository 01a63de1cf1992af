#!/usr/bin/env bash
# Build a .deb (Debian / Kylin / UOS) from the PyInstaller one-folder build.
# Usage: packaging/linux/build_deb.sh [DIST_FOLDER [OUT_DIR]]   (default: dist/duizhao dist)
# Installs the folder to /opt/duizhao, links /usr/bin/duizhao and /usr/bin/duizhao-cli, and adds
# the desktop entry, AppStream metainfo, MIME type for *.duizhao.json and the hicolor icons.
# Desktop, MIME and icon caches are refreshed by the dpkg triggers of desktop-file-utils,
# shared-mime-info and hicolor-icon-theme: no maintainer scripts needed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
dist="${1:-$repo/dist/duizhao}"
out_dir="${2:-$repo/dist}"
app_id="org.duizhao.Duizhao"

die() { echo "build_deb: $*" >&2; exit 1; }
command -v dpkg-deb >/dev/null || die "dpkg-deb not found (Debian-based systems only)"
[ -x "$dist/duizhao" ] && [ -x "$dist/duizhao-cli" ] || die "no build in $dist; run 'make dist' first"

# The version comes from the frozen program itself (app.__version__), so the package can never
# disagree with what `duizhao-cli --version` prints.
version="$("$dist/duizhao-cli" --version | awk '{print $2}')"
[[ "$version" =~ ^[0-9][0-9A-Za-z.+~-]*$ ]] || die "cannot read the version from $dist/duizhao-cli"
arch="$(dpkg --print-architecture)"
# The lowest glibc the bundled binaries ask for (they were built against the build host's).
glibc="$(find "$dist" -type f \( -name '*.so*' -o -name 'duizhao*' \) -exec objdump -T {} + 2>/dev/null \
  | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1 || true)"
[ -n "$glibc" ] || glibc="2.28"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
root="$stage/root"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/metainfo" "$root/usr/share/mime/packages" "$root/usr/share/doc/duizhao"
cp -a "$dist" "$root/opt/duizhao"
ln -s /opt/duizhao/duizhao "$root/usr/bin/duizhao"
ln -s /opt/duizhao/duizhao-cli "$root/usr/bin/duizhao-cli"
install -m 0644 "$here/$app_id.desktop" "$root/usr/share/applications/$app_id.desktop"
install -m 0644 "$here/$app_id.metainfo.xml" "$root/usr/share/metainfo/$app_id.metainfo.xml"
install -m 0644 "$here/$app_id.mime.xml" "$root/usr/share/mime/packages/$app_id.xml"
for png in "$repo"/resources/icons/duizhao-*.png; do
  size="$(basename "$png" .png)"; size="${size#duizhao-}"
  install -D -m 0644 "$png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
install -D -m 0644 "$repo/resources/icons/duizhao.svg" \
  "$root/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
cat > "$root/usr/share/doc/duizhao/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: duizhao
Comment: Third-party notices: Help > About in the program. Bundled fonts and their licences:
 /opt/duizhao/_internal/resources/fonts/ (README.md lists each font's source and licence).

Files: *
Copyright: Duizhao developers
License: GPL-3.0-or-later
 On Debian systems the full text is in /usr/share/common-licenses/GPL-3.
EOF
# Permissions as Debian expects, whatever the umask of the build was.
find "$root" -type d -exec chmod 0755 {} +
find "$root/opt/duizhao" -type f -exec chmod 0644 {} +
chmod 0755 "$root/opt/duizhao/duizhao" "$root/opt/duizhao/duizhao-cli"
find "$root/opt/duizhao" -type f -name '*.so*' -exec chmod 0755 {} +

size_kb="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
# What the folder takes from the host (the spec's HOST_LIBS, plus GL/EGL and the xcb extensions
# Qt's xcb platform plugin loads). t64 names: Debian 13 renamed some libraries.
depends=(
  "libc6 (>= $glibc)"
  "libglib2.0-0 | libglib2.0-0t64" "libfontconfig1" "libfreetype6" "libdbus-1-3"
  "libx11-6" "libx11-xcb1" "libxcb1" "libxkbcommon0" "libxkbcommon-x11-0" "libxcb-cursor0"
  "libxcb-icccm4" "libxcb-keysyms1" "libxcb-image0" "libxcb-render-util0" "libxcb-randr0"
  "libxcb-shape0" "libxcb-xfixes0" "libxcb-sync1" "libxcb-xkb1" "libxcb-shm0" "libxcb-render0"
  "libxcb-glx0" "libxext6" "libegl1" "libgl1" "libpng16-16 | libpng16-16t64" "zlib1g"
  "libzstd1" "libgssapi-krb5-2"
)
joined="$(printf '%s, ' "${depends[@]}")"
cat > "$root/DEBIAN/control" <<EOF
Package: duizhao
Version: $version
Architecture: $arch
Maintainer: Duizhao developers <duizhao@localhost>
Installed-Size: $size_kb
Depends: ${joined%, }
Recommends: libcups2 | libcups2t64, libwayland-client0, fontconfig
Section: editors
Priority: optional
Description: 对照 — offline editor for self-examination reports (对照检查材料)
 Write 对照检查材料 for 民主生活会 and 组织生活会 from the official templates,
 import Word and text drafts, and export PDF laid out to GB/T 9704-2012 and
 Word documents. Works entirely offline. Includes duizhao-cli for batch work.
EOF

mkdir -p "$out_dir"
deb="$out_dir/duizhao_${version}_${arch}.deb"
# xz, not zstd: dpkg on Debian 10-based systems (UOS, older Kylin) cannot read zstd members.
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
