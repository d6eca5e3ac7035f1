#!/usr/bin/env bash
# Writes every example's outputs with BIN into DIR — proof, print (PDF/X-1a), PDF/X-4, the
# dump and the fit report, plus a 13-page edition made from the seed page — so two builds can
# be compared byte for byte after speed work:
#   benches/outputs.sh OLD_BIN /tmp/a; benches/outputs.sh NEW_BIN /tmp/b; diff -r /tmp/a /tmp/b
set -euo pipefail
bin=$(realpath "$1"); out=$2
cd "$(dirname "$0")/.."
mkdir -p "$out"
icc=/usr/share/color/icc/ghostscript/default_cmyk.icc
for plan in examples/jingzhou/page.toml examples/jingzhou/frames.toml examples/jingzhou/auto.toml \
  examples/typography/page.toml examples/edition-2p/edition.toml examples/broadsheet/page.toml \
  examples/broadsheet/order/*.toml; do
  [ -f "$plan" ] || continue
  grep -q '^\[\[article\]\]\|^\[\[page\]\]' "$plan" || continue
  name=$(echo "$plan" | tr / _)
  $bin build "$plan" -o "$out/$name.pdf" --dump "$out/$name.dump" --report "$out/$name.json" \
    >/dev/null 2>&1 || echo "$plan: exit $?" >> "$out/status"
  SOURCE_DATE_EPOCH=1685318400 $bin build "$plan" -o "$out/$name-print.pdf" --print \
    >/dev/null 2>&1 || echo "$plan print: exit $?" >> "$out/status"
  [ -f "$icc" ] && { $bin build "$plan" -o "$out/$name-x4.pdf" --pdfx 4 --profile "$icc" \
    >/dev/null 2>&1 || echo "$plan x4: exit $?" >> "$out/status"; }
done
python3 - "$out" <<'PY'
import sys, pathlib, importlib.util
spec = importlib.util.spec_from_file_location("whole", "benches/whole.py")
w = importlib.util.module_from_spec(spec); spec.loader.exec_module(w)
w.edition(13, pathlib.Path(sys.argv[1]) / "e13")
PY
$bin build "$out/e13/edition.toml" -o "$out/e13.pdf" --dump "$out/e13.dump" >/dev/null 2>&1 || echo "e13: exit $?" >> "$out/status"
rm -rf "$out/e13"
