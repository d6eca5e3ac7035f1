#!/usr/bin/env bash
# Regenerate baoban's bundled fonts, byte for byte, from pinned Debian packages.
#
#   fonts/build.sh           rebuild the fonts in fonts/ and rewrite SHA256SUMS,
#                            OFL.txt and copyright/*.copyright
#   fonts/build.sh --check   rebuild into a temporary directory and compare with
#                            SHA256SUMS (and the files in fonts/ with SHA256SUMS)
#
# Needs: apt-get (Debian bookworm sources; run as root so that `apt-get update`
# can run when the packages are not in the lists yet), dpkg-deb, python3 with
# venv, sha256sum, and access to PyPI for the pinned fontTools wheel.
# FONTS_DEB_DIR=/some/dir: take the .deb files from there instead of
# downloading them (they are still checked against the pinned SHA256s).
# Takes about 8-10 minutes on 2 cores; the subsetting runs one font at a time.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# --- pins --------------------------------------------------------------------
NOTO_PKG=fonts-noto-cjk
NOTO_VERSION=1:20220127+repack1-1
NOTO_SHA256=4a2515eb6db3978b897fef9709ed0d2b1f4c6c4df4d83d6c4ef65f71f1b1f502
KAI_PKG=fonts-lxgw-wenkai
KAI_VERSION=1.250+repack-1
KAI_SHA256=6d1e4c4aac78ad32062aefa2c836ee4d6e58f9dcf8b3f4407c9eefe304615318
HAN_PKG=fonts-hanazono
HAN_VERSION=20170904-2.1
HAN_SHA256=a6943366b4f5a6cec34221f8b4eb22555a628f0ee6ef4e3d3401cabe9363aeae
FONTTOOLS_VERSION=4.68.0
FONTTOOLS_WHEEL=fonttools-${FONTTOOLS_VERSION}-py3-none-any.whl
FONTTOOLS_WHEEL_SHA256=d76f8fdcb6936f5e1045a0c9dd721a4bf11112e60d1e243bfa1d39f06a8b3104

# output file <- source file in the .deb, face (PostScript name), extra flags
# (--han A / --han B: the Ext A / Ext B rare-character fallback fonts; subset.py
# picks their code points, renaming and size-saving steps)
FONTS=(
  "NotoSerifCJKsc-Regular.otf|usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc|NotoSerifCJKsc-Regular|"
  "NotoSerifCJKsc-Bold.otf|usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc|NotoSerifCJKsc-Bold|"
  "NotoSansCJKsc-Bold.otf|usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc|NotoSansCJKsc-Bold|"
  "BaobanKai-Regular.ttf|usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf|LXGWWenKai-Regular|--rename-kai"
  "BaobanHanA-Regular.ttf|usr/share/fonts/truetype/hanazono/HanaMinA.ttf|HanaMinA|--han A"
  "BaobanHanB-Regular.ttf|usr/share/fonts/truetype/hanazono/HanaMinB.ttf|HanaMinB|--han B"
)
# The Debian copyright files are kept verbatim as fonts/copyright/PKG.copyright.
PKGS=("$NOTO_PKG" "$KAI_PKG" "$HAN_PKG")
LICENCE_FILES=(OFL.txt)
for pkg in "${PKGS[@]}"; do LICENCE_FILES+=("copyright/$pkg.copyright"); done

MODE=build
case "${1:-}" in
  "") ;;
  --check) MODE=check ;;
  -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

for tool in apt-get dpkg-deb python3 sha256sum; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool not found" >&2; exit 1; }
done

export LC_ALL=C PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE=1 \
  PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 SOURCE_DATE_EPOCH=0
WORK="$(mktemp -d "${TMPDIR:-/tmp}/baoban-fonts.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
log() { printf '== %s\n' "$*" >&2; }

# --- Debian packages -----------------------------------------------------------
mkdir -p "$WORK/debs" "$WORK/root"
chmod 0755 "$WORK"
chmod 0777 "$WORK/debs"   # apt's _apt sandbox user writes the download here

fetch_deb() { # pkg version sha256
  local pkg=$1 version=$2 sha=$3 deb
  if [[ -n "${FONTS_DEB_DIR:-}" ]]; then
    deb=$(find "$FONTS_DEB_DIR" -maxdepth 1 -name "${pkg}_*_all.deb" | sort | head -n1)
    [[ -n "$deb" ]] && cp "$deb" "$WORK/debs/"
  fi
  if ! compgen -G "$WORK/debs/${pkg}_*.deb" >/dev/null; then
    log "apt-get download $pkg=$version"
    if ! (cd "$WORK/debs" && apt-get download -q "$pkg=$version" >&2); then
      log "not in the package lists; running apt-get update"
      apt-get update -q >&2
      (cd "$WORK/debs" && apt-get download -q "$pkg=$version" >&2)
    fi
  fi
  deb=$(compgen -G "$WORK/debs/${pkg}_*.deb" | head -n1)
  echo "$sha  $deb" | sha256sum -c --quiet - || {
    echo "build.sh: $deb does not match the pinned SHA256 $sha" >&2; exit 1; }
  dpkg-deb -x "$deb" "$WORK/root"
}
fetch_deb "$NOTO_PKG" "$NOTO_VERSION" "$NOTO_SHA256"
fetch_deb "$KAI_PKG" "$KAI_VERSION" "$KAI_SHA256"
fetch_deb "$HAN_PKG" "$HAN_VERSION" "$HAN_SHA256"

# --- fontTools in a throw-away venv ----------------------------------------------
log "fontTools $FONTTOOLS_VERSION in a temporary venv"
python3 -m venv "$WORK/venv"
PY="$WORK/venv/bin/python"
PYVER=$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
"$PY" -m pip download -q --no-deps --only-binary=:all: --platform any \
  --implementation py --python-version "$PYVER" -d "$WORK/wheel" \
  "fonttools==$FONTTOOLS_VERSION" >&2
echo "$FONTTOOLS_WHEEL_SHA256  $WORK/wheel/$FONTTOOLS_WHEEL" | sha256sum -c --quiet - || {
  echo "build.sh: $FONTTOOLS_WHEEL does not match the pinned SHA256" >&2; exit 1; }
"$PY" -m pip install -q --no-deps --no-index "$WORK/wheel/$FONTTOOLS_WHEEL" >&2
got=$("$PY" -c 'import fontTools; print(fontTools.version)')
[[ "$got" == "$FONTTOOLS_VERSION" ]] || { echo "build.sh: got fontTools $got" >&2; exit 1; }

# --- subset ------------------------------------------------------------------------
OUT="$WORK/out"
mkdir -p "$OUT/copyright"
names=()
for spec in "${FONTS[@]}"; do
  IFS='|' read -r out src face flag <<<"$spec"
  names+=("$out")
  log "$out <- $src ($face)"
  # shellcheck disable=SC2086  # $flag is empty or one or two words
  nice -n 10 "$PY" "$HERE/subset.py" font "$WORK/root/$src" "$face" "$OUT/$out" $flag >&2
done
# Size budget of the two rare-character fallback fonts.
HAN_BUDGET=25000000
han_bytes=$(( $(stat -c %s "$OUT/BaobanHanA-Regular.ttf") + $(stat -c %s "$OUT/BaobanHanB-Regular.ttf") ))
log "BaobanHanA + BaobanHanB: $han_bytes bytes (budget $HAN_BUDGET)"
(( han_bytes <= HAN_BUDGET )) || {
  echo "build.sh: the Han fonts take $han_bytes bytes, over the budget of $HAN_BUDGET" >&2; exit 1; }

# --- licence files, straight from the packages -------------------------------------
for pkg in "${PKGS[@]}"; do
  cp "$WORK/root/usr/share/doc/$pkg/copyright" "$OUT/copyright/$pkg.copyright"
done
"$PY" "$HERE/subset.py" ofl "$OUT/copyright/$NOTO_PKG.copyright" "$OUT/OFL.txt"
"$PY" "$HERE/subset.py" ofl "$OUT/copyright/$KAI_PKG.copyright" "$WORK/OFL-kai.txt"
cmp -s "$OUT/OFL.txt" "$WORK/OFL-kai.txt" || {
  echo "build.sh: the packages carry different OFL texts" >&2; exit 1; }
# fonts-hanazono wraps and indents the OFL differently (and has the copyright
# and Reserved Font Name lines in the same paragraph), so its licence text is
# compared with OFL.txt with all whitespace normalised.
"$PY" "$HERE/subset.py" ofl-contains "$OUT/copyright/$HAN_PKG.copyright" "$OUT/OFL.txt" >&2 || {
  echo "build.sh: the packages carry different OFL texts" >&2; exit 1; }

mapfile -t names < <(printf '%s\n' "${names[@]}" | sort)
(cd "$OUT" && sha256sum -- "${names[@]}") >"$OUT/SHA256SUMS"

if [[ "$MODE" == check ]]; then
  status=0
  log "rebuilt fonts vs fonts/SHA256SUMS"
  if ! cmp -s "$OUT/SHA256SUMS" "$HERE/SHA256SUMS"; then
    diff "$HERE/SHA256SUMS" "$OUT/SHA256SUMS" >&2 || true
    status=1
  fi
  log "files in fonts/ vs fonts/SHA256SUMS"
  (cd "$HERE" && sha256sum -c SHA256SUMS) >&2 || status=1
  for f in "${LICENCE_FILES[@]}"; do
    cmp -s "$OUT/$f" "$HERE/$f" || { echo "build.sh: fonts/$f differs from the packages" >&2; status=1; }
  done
  if [[ $status -eq 0 ]]; then log "check OK: the rebuild is byte-identical"; else log "check FAILED"; fi
  exit $status
fi

mkdir -p "$HERE/copyright"
for f in "${names[@]}" "${LICENCE_FILES[@]}" SHA256SUMS; do
  install -m 0644 "$OUT/$f" "$HERE/$f"
done
log "done:"
(cd "$HERE" && ls -l "${names[@]}" && cat SHA256SUMS) >&2
