#!/usr/bin/env python3
"""Subset the pinned Debian CJK fonts for baoban.  Called by fonts/build.sh.

Usage:
  subset.py font SRC_FILE PS_NAME OUT_FILE [--rename-kai]
      Pick the face whose PostScript name (name ID 6) is PS_NAME from SRC_FILE
      (a .ttc/.otc collection or a single .ttf/.otf), drop the JAN/KOR/ZHT/ZHH
      language systems from GSUB/GPOS, subset to the baoban code point set and
      write OUT_FILE.  --rename-kai renames the result to "Baoban Kai" (the
      source is LXGW WenKai, whose Reserved Font Names may not be used by a
      Modified Version).
  subset.py ofl DEBIAN_COPYRIGHT OUT_FILE
      Extract the SIL OFL 1.1 text from a Debian machine-readable copyright file.

Everything here must be deterministic: the same inputs and the same fontTools
version must give byte-identical outputs (build.sh also sets PYTHONHASHSEED=0).
"""

import sys

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

MAX_GLYPHS = 32768

# Language systems dropped from every script of GSUB and GPOS.  DFLT (the
# default LangSys of each script) and ZHS are kept.
DROP_LANGSYS = {"JAN ", "KOR ", "ZHT ", "ZHH "}

# Renaming of the WenKai subset (OFL Reserved Font Names "霞鹜" and "LXGW").
KAI_FAMILY = "Baoban Kai"
KAI_SUBFAMILY = "Regular"
KAI_FULL = "Baoban Kai Regular"
KAI_PS = "BaobanKai-Regular"
RESERVED = ("LXGW", "霞鹜", "WenKai")
# Name IDs that carry the font's name; all of them are rewritten.
NAME_IDS_FONT_NAME = {1, 2, 3, 4, 6, 16, 17, 18, 20, 21, 22, 25}
# Name ID 0 is the copyright notice: OFL condition 2 wants it kept with every
# copy, and the Reserved Font Name rule only covers the primary font name, so
# the notice is kept verbatim even though it mentions "LXGW".
NAME_IDS_KEEP_VERBATIM = {0}

# Probe characters that must be in every output cmap.
PROBES = [0x82E7, 0x4E2D, 0x3002, 0xFF0C, 0x0041, 0x2014]


def codepoints():
    """GBK ∪ U+4E00–9FFF ∪ ASCII ∪ Latin-1 ∪ U+2000–206F ∪ U+3000–303F ∪ U+FF00–FFEF.

    GBK = every single BMP code point that Python's 'gbk' codec can encode,
    minus the C0/C1 controls and DEL.
    """
    cps = set()
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        try:
            chr(cp).encode("gbk")
        except UnicodeEncodeError:
            continue
        cps.add(cp)
    cps.update(range(0x4E00, 0x9FFF + 1))
    cps.update(range(0x0020, 0x007E + 1))
    cps.update(range(0x00A0, 0x00FF + 1))
    cps.update(range(0x2000, 0x206F + 1))
    cps.update(range(0x3000, 0x303F + 1))
    cps.update(range(0xFF00, 0xFFEF + 1))
    cps = {cp for cp in cps if not (cp < 0x20 or 0x7F <= cp < 0xA0)}
    return sorted(cps)


def options():
    o = subset.Options()
    o.layout_features = ["*"]
    o.layout_scripts = ["*"]
    o.layout_closure = True
    o.hinting = False
    o.glyph_names = False
    o.notdef_glyph = True
    o.notdef_outline = True
    o.name_IDs = ["*"]
    o.name_languages = ["*"]
    o.name_legacy = True
    o.legacy_cmap = False
    o.symbol_cmap = False
    o.desubroutinize = False
    o.retain_gids = False
    o.passthrough_tables = False
    o.ignore_missing_unicodes = True
    o.ignore_missing_glyphs = False
    o.recalc_bounds = True
    o.recalc_timestamp = False
    o.recalc_average_width = False
    o.recalc_max_context = False
    o.prune_unicode_ranges = True
    o.prune_codepage_ranges = True
    o.canonical_order = True
    o.harfbuzz_repacker = False  # never depend on whether uharfbuzz is installed
    o.flavor = None
    return o


def open_face(path, ps_name):
    coll = None
    with open(path, "rb") as f:
        is_collection = f.read(4) == b"ttcf"
    if is_collection:
        coll = TTCollection(path, lazy=True)
        names = [t["name"].getDebugName(6) for t in coll.fonts]
        coll.close()
        if ps_name not in names:
            sys.exit(f"{path}: no face {ps_name!r} (has {names})")
        index = names.index(ps_name)
        font = TTFont(path, fontNumber=index, recalcTimestamp=False, recalcBBoxes=True)
    else:
        font = TTFont(path, recalcTimestamp=False, recalcBBoxes=True)
        if font["name"].getDebugName(6) != ps_name:
            sys.exit(f"{path}: PostScript name is {font['name'].getDebugName(6)!r}, want {ps_name!r}")
    return font


def drop_langsys(font):
    dropped = []
    for tag in ("GSUB", "GPOS"):
        if tag not in font:
            continue
        table = font[tag].table
        if not table.ScriptList:
            continue
        for rec in table.ScriptList.ScriptRecord:
            script = rec.Script
            keep = [l for l in script.LangSysRecord if l.LangSysTag not in DROP_LANGSYS]
            for l in script.LangSysRecord:
                if l.LangSysTag in DROP_LANGSYS:
                    dropped.append(f"{tag}/{rec.ScriptTag.strip()}/{l.LangSysTag.strip()}")
            script.LangSysRecord = keep
            script.LangSysCount = len(keep)
    return dropped


def features(font):
    out = {}
    for tag in ("GSUB", "GPOS"):
        if tag in font and font[tag].table.FeatureList:
            out[tag] = sorted({r.FeatureTag for r in font[tag].table.FeatureList.FeatureRecord})
    return out


def sync_cff_names(font):
    """Make the CFF names agree with the name table.

    In the Noto CJK collections one CFF table is shared by all faces and is
    named after the JP face ("NotoSerifCJKjp-Regular", "Noto Serif CJK JP");
    the standalone SC .otf uses the SC names, so do the same here.
    """
    if "CFF " not in font:
        return
    name = font["name"]
    ps, family, full = name.getDebugName(6), name.getDebugName(1), name.getDebugName(4)
    cff = font["CFF "].cff
    old_ps = cff.fontNames[0]
    cff.fontNames = [ps]
    top = cff.topDictIndex[0]
    if hasattr(top, "FullName"):
        top.FullName = full
    if hasattr(top, "FamilyName"):
        top.FamilyName = family
    if hasattr(top, "FDArray"):
        for fd in top.FDArray:
            fd_name = getattr(fd, "FontName", None)
            if fd_name and fd_name.startswith(old_ps + "-"):
                fd.FontName = ps + fd_name[len(old_ps):]


def rename_kai(font):
    name = font["name"]
    version = name.getDebugName(5) or ""
    kept = []
    for rec in name.names:
        if rec.nameID in NAME_IDS_KEEP_VERBATIM:
            kept.append(rec)
            continue
        if rec.nameID in NAME_IDS_FONT_NAME:
            continue
        if any(r in rec.toUnicode() for r in RESERVED):
            continue
        kept.append(rec)
    name.names = kept
    unique = f"{KAI_PS};{version.replace('Version ', '').split(';')[0]};baoban-subset"
    for (nid, value) in ((1, KAI_FAMILY), (2, KAI_SUBFAMILY), (3, unique), (4, KAI_FULL), (6, KAI_PS)):
        name.setName(value, nid, 3, 1, 0x409)  # Windows, Unicode BMP, en-US
        name.setName(value, nid, 1, 0, 0)  # Macintosh, Roman, English
    name.names.sort()
    # Nothing that names the font may still carry a reserved name.
    for rec in name.names:
        if rec.nameID in NAME_IDS_KEEP_VERBATIM:
            continue
        text = rec.toUnicode()
        assert not any(r in text for r in RESERVED), (rec.nameID, text)


def cmd_font(src, ps_name, out, rename):
    font = open_face(src, ps_name)
    before = features(font)
    dropped = drop_langsys(font)
    cps = codepoints()
    sub = subset.Subsetter(options=options())
    sub.populate(unicodes=cps)
    sub.subset(font)
    if rename:
        rename_kai(font)
    sync_cff_names(font)
    n = len(font.getGlyphOrder())
    assert n < MAX_GLYPHS, f"{out}: {n} glyphs, must be < {MAX_GLYPHS}"
    cmap = font.getBestCmap()
    missing = [f"U+{cp:04X}" for cp in PROBES if cp not in cmap]
    assert not missing, f"{out}: probe code points missing from cmap: {missing}"
    after = features(font)
    for tag, feats in before.items():
        lost = sorted(set(feats) - set(after.get(tag, [])))
        if lost:
            print(f"  note: {tag} features with no glyph left after subsetting: {lost}")
    outlines = "CFF" if "CFF " in font else "glyf"
    font.save(out, reorderTables=True)
    font.close()
    print(f"  {out}: {n} glyphs, {len(cmap)} cmap entries "
          f"(of {len(cps)} requested), outlines={outlines}, "
          f"dropped {len(dropped)} LangSys")
    for tag, feats in after.items():
        print(f"    {tag}: {' '.join(feats)}")


def cmd_ofl(copyright_file, out):
    with open(copyright_file, encoding="utf-8") as f:
        paragraphs = f.read().split("\n\n")
    for p in paragraphs:
        lines = p.strip("\n").split("\n")
        if lines[0] in ("License: SIL-1.1", "License: OFL-1.1") and len(lines) > 20:
            body = []
            for line in lines[1:]:
                assert line.startswith(" "), line
                line = line[1:]
                body.append("" if line == "." else line)
            while body and body[-1] == "":
                body.pop()
            with open(out, "w", encoding="utf-8", newline="\n") as f:
                f.write("\n".join(body) + "\n")
            return
    sys.exit(f"{copyright_file}: no standalone OFL licence paragraph")


def main(argv):
    if len(argv) >= 4 and argv[0] == "font":
        rename = argv[4:] == ["--rename-kai"]
        if argv[4:] not in ([], ["--rename-kai"]):
            sys.exit(__doc__)
        cmd_font(argv[1], argv[2], argv[3], rename)
    elif len(argv) == 3 and argv[0] == "ofl":
        cmd_ofl(argv[1], argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
