#!/usr/bin/env python3
"""Subset the pinned Debian CJK fonts for baoban.  Called by fonts/build.sh.

Usage:
  subset.py font SRC_FILE PS_NAME OUT_FILE [--rename-kai | --han A | --han B]
      Pick the face whose PostScript name (name ID 6) is PS_NAME from SRC_FILE
      (a .ttc/.otc collection or a single .ttf/.otf), drop the JAN/KOR/ZHT/ZHH
      language systems from GSUB/GPOS, subset to the baoban code point set and
      write OUT_FILE.  --rename-kai renames the result to "Baoban Kai" (the
      source is LXGW WenKai, whose Reserved Font Names may not be used by a
      Modified Version).
      --han A / --han B make the rare-character fallback fonts instead: subset
      HanaMinA / HanaMinB to CJK Extension A / Extension B, rename the result
      to "Baoban Han A" / "Baoban Han B" (OFL Reserved Font Names), and apply
      the lossless size-saving steps described at HAN below.
  subset.py ofl DEBIAN_COPYRIGHT OUT_FILE
      Extract the SIL OFL 1.1 text from a Debian machine-readable copyright file.
  subset.py ofl-contains DEBIAN_COPYRIGHT OFL_FILE
      Check that a licence paragraph of DEBIAN_COPYRIGHT contains the text of
      OFL_FILE, ignoring differences in whitespace and line wrapping (the
      fonts-hanazono copyright file wraps and indents the OFL differently and
      puts the copyright and Reserved Font Name lines in the same paragraph).

Everything here must be deterministic: the same inputs and the same fontTools
version must give byte-identical outputs (build.sh also sets PYTHONHASHSEED=0).
"""

import array
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont
from fontTools.ttLib.tables._g_l_y_f import GlyphCoordinates, flagOnCurve, flagOverlapSimple

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

# Rare-character fallback fonts (--han A / --han B), from HanaMinA / HanaMinB
# of fonts-hanazono.  HanaMin is dual-licensed (Hanazono Font License or SIL
# OFL 1.1); baoban uses it under the OFL 1.1, whose Reserved Font Names are
# "Hanazono Font", "HanaMinA", "HanaMinB", "花園フォント", "花園明朝A" and
# "花園明朝B", so the subsets (Modified Versions) are renamed.
HAN = {
    "A": {
        "family": "Baoban Han A",
        "ps": "BaobanHanA-Regular",
        # CJK Unified Ideographs Extension A (HanaMinA has 6,582 of them).
        "ranges": [(0x3400, 0x4DBF)],
        "probes": [0x4DAE, 0x3400, 0x4DB5],  # 䶮 and both ends of Ext A 1.0
    },
    "B": {
        "family": "Baoban Han B",
        "ps": "BaobanHanB-Regular",
        # CJK Unified Ideographs Extension B (HanaMinB has 42,711 of them).
        "ranges": [(0x20000, 0x2A6DF)],
        "probes": [0x20BB7, 0x20000, 0x2A6D6],  # 𠮷 and both ends of Ext B 3.1
    },
}
HAN_SUBFAMILY = "Regular"
# Matched case-insensitively; these substrings cover every Reserved Font Name.
HAN_RESERVED = ("Hanazono", "HanaMin", "花園")
# The HanaMinB subset has about 42,712 glyphs, more than MAX_GLYPHS.  TrueType
# (maxp.numGlyphs is a uint16) and PDF Identity-H (2-byte CIDs = glyph IDs)
# allow up to 65,535 glyphs, so the cap for these two fonts is 65,535.
HAN_MAX_GLYPHS = 65535
# Size-saving steps for the Han fonts (they must stay within baoban's size
# budget); all lossless for the ideographs and deterministic:
# - no hinting (fpgm/prep/cvt, glyph instructions) and no glyph names (post
#   format 3), as for every font (see options());
# - these tables are dropped: vhea/vmtx (ideographs use the default 1-em
#   vertical advance), BASE, gasp, GDEF (used only with GSUB/GPOS); FFTM and
#   HanaMinA's Apple 'prop' table are not kept by the subsetter anyway;
# - GSUB is dropped when no lookup is left after subsetting (HanaMinA's GSUB
#   has one 'aalt' lookup, none of whose glyphs is in Extension A);
# - exactly collinear on-curve points are removed (drop_collinear_points).
HAN_DROP_TABLES = ["vhea", "vmtx", "BASE", "gasp", "GDEF"]


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


def han_codepoints(variant):
    cps = set()
    for lo, hi in HAN[variant]["ranges"]:
        cps.update(range(lo, hi + 1))
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
    # CFF charstrings with their subroutines inlined: the PDF subsetter inlines them for every
    # glyph of every build anyway (a subset has no subroutines), so doing it once here makes
    # its subsets byte-identical and a quarter faster (seed page: 30 -> 23 ms) for fonts
    # about 10 % larger (Noto Serif CJK SC Regular 7.2 -> 8.0 MB).
    o.desubroutinize = True
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


def rename(font, family, subfamily, full, ps, reserved, ignore_case=False):
    """Rename a Modified Version whose source has OFL Reserved Font Names.

    Every name record that names the font (NAME_IDS_FONT_NAME) is removed, so
    is every other record containing a reserved name, except the copyright
    notice (NAME_IDS_KEEP_VERBATIM); then IDs 1, 2, 3, 4 and 6 are set anew.
    """
    def has_reserved(text):
        if ignore_case:
            return any(r.casefold() in text.casefold() for r in reserved)
        return any(r in text for r in reserved)

    name = font["name"]
    version = name.getDebugName(5) or ""
    kept = []
    for rec in name.names:
        if rec.nameID in NAME_IDS_KEEP_VERBATIM:
            kept.append(rec)
            continue
        if rec.nameID in NAME_IDS_FONT_NAME:
            continue
        if has_reserved(rec.toUnicode()):
            continue
        kept.append(rec)
    name.names = kept
    unique = f"{ps};{version.replace('Version ', '').split(';')[0]};baoban-subset"
    for (nid, value) in ((1, family), (2, subfamily), (3, unique), (4, full), (6, ps)):
        name.setName(value, nid, 3, 1, 0x409)  # Windows, Unicode BMP, en-US
        name.setName(value, nid, 1, 0, 0)  # Macintosh, Roman, English
    name.names.sort()
    # Nothing that names the font may still carry a reserved name.
    for rec in name.names:
        if rec.nameID in NAME_IDS_KEEP_VERBATIM:
            continue
        text = rec.toUnicode()
        assert not has_reserved(text), (rec.nameID, text)


def rename_kai(font):
    rename(font, KAI_FAMILY, KAI_SUBFAMILY, KAI_FULL, KAI_PS, RESERVED)


def rename_han(font, variant):
    spec = HAN[variant]
    rename(font, spec["family"], HAN_SUBFAMILY, f"{spec['family']} {HAN_SUBFAMILY}",
           spec["ps"], HAN_RESERVED, ignore_case=True)


def drop_empty_gsub(font):
    """Drop GSUB if subsetting left it without lookups; return whether dropped."""
    if "GSUB" not in font:
        return False
    table = font["GSUB"].table
    if table.LookupList and table.LookupList.Lookup:
        return False
    del font["GSUB"]
    return True


def drop_collinear_points(font):
    """Remove exactly collinear on-curve points from the simple glyphs of glyf.

    A point is removed when it and both of its neighbours in the contour are
    on-curve points and it lies on the straight segment between the two
    neighbours (zero cross product, inside their bounding box), i.e. the
    outline runs straight through it.  The outline is then exactly the same
    shape (the removed point is neither a corner nor a curve point), and so is
    the glyph's bounding box.  Integer arithmetic only, so this is exact and
    deterministic.  Per contour: scan the points in order, remove the first
    removable point, rescan from the start; stop when none is removable or
    only three points are left.  Composite and empty glyphs are left alone.
    Returns (points removed, points before).
    """
    glyf = font["glyf"]
    removed = total = 0
    for glyph_name in font.getGlyphOrder():
        glyph = glyf[glyph_name]
        if glyph.isComposite() or glyph.numberOfContours <= 0:
            continue
        coords = list(glyph.coordinates)
        flags = list(glyph.flags)
        new_coords, new_flags, new_ends = [], [], []
        start = 0
        for end in glyph.endPtsOfContours:
            pts = list(range(start, end + 1))
            changed = True
            while changed and len(pts) > 3:
                changed = False
                for i in range(len(pts)):
                    p, c, n = pts[i - 1], pts[i], pts[(i + 1) % len(pts)]
                    if not (flags[p] & flagOnCurve and flags[c] & flagOnCurve
                            and flags[n] & flagOnCurve):
                        continue
                    (x0, y0), (x1, y1), (x2, y2) = coords[p], coords[c], coords[n]
                    if ((x1 - x0) * (y2 - y0) - (y1 - y0) * (x2 - x0) == 0
                            and min(x0, x2) <= x1 <= max(x0, x2)
                            and min(y0, y2) <= y1 <= max(y0, y2)):
                        pts.pop(i)
                        removed += 1
                        changed = True
                        break
            total += end + 1 - start
            for k in pts:
                new_coords.append(coords[k])
                new_flags.append(flags[k] & ~flagOverlapSimple)
            new_ends.append(len(new_coords) - 1)
            start = end + 1
        # OVERLAP_SIMPLE belongs on the glyph's first point, which may be gone.
        new_flags[0] |= flags[0] & flagOverlapSimple
        glyph.coordinates = GlyphCoordinates(new_coords)
        glyph.flags = array.array("B", new_flags)
        glyph.endPtsOfContours = new_ends
    return removed, total


def cmd_font(src, ps_name, out, kai, han):
    font = open_face(src, ps_name)
    before = features(font)
    dropped = drop_langsys(font)
    opts = options()
    if han:
        cps = han_codepoints(han)
        opts.drop_tables += HAN_DROP_TABLES
    else:
        cps = codepoints()
    sub = subset.Subsetter(options=opts)
    sub.populate(unicodes=cps)
    sub.subset(font)
    if kai:
        rename_kai(font)
    if han:
        rename_han(font, han)
        if drop_empty_gsub(font):
            print("  GSUB dropped: no lookup left after subsetting")
        pts_removed, pts_total = drop_collinear_points(font)
        print(f"  removed {pts_removed} collinear on-curve points of {pts_total}")
    sync_cff_names(font)
    n = len(font.getGlyphOrder())
    if han:
        assert n <= HAN_MAX_GLYPHS, f"{out}: {n} glyphs, must be <= {HAN_MAX_GLYPHS}"
    else:
        assert n < MAX_GLYPHS, f"{out}: {n} glyphs, must be < {MAX_GLYPHS}"
    cmap = font.getBestCmap()
    probes = HAN[han]["probes"] if han else PROBES
    missing = [f"U+{cp:04X}" for cp in probes if cp not in cmap]
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


def cmd_ofl_contains(copyright_file, ofl_file):
    def normalise(text):
        return " ".join(text.split())

    with open(ofl_file, encoding="utf-8") as f:
        ofl = normalise(f.read())
    with open(copyright_file, encoding="utf-8") as f:
        paragraphs = f.read().split("\n\n")
    for p in paragraphs:
        lines = p.strip("\n").split("\n")
        if not lines[0].startswith("License: "):
            continue
        # Debian continuation lines: leading whitespace, "." for an empty line.
        body = ["" if line.strip() == "." else line for line in lines[1:]]
        if ofl in normalise("\n".join(body)):
            print(f"  {copyright_file}: '{lines[0]}' contains the text of {ofl_file}")
            return
    sys.exit(f"{copyright_file}: no licence paragraph contains the text of {ofl_file}")


def main(argv):
    if len(argv) >= 4 and argv[0] == "font":
        extra = argv[4:]
        kai = extra == ["--rename-kai"]
        han = extra[1] if len(extra) == 2 and extra[0] == "--han" and extra[1] in HAN else None
        if extra and not (kai or han):
            sys.exit(__doc__)
        cmd_font(argv[1], argv[2], argv[3], kai, han)
    elif len(argv) == 3 and argv[0] == "ofl":
        cmd_ofl(argv[1], argv[2])
    elif len(argv) == 3 and argv[0] == "ofl-contains":
        cmd_ofl_contains(argv[1], argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
