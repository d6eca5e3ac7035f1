#!/usr/bin/env python3
"""Whole-process timing of `baoban build`: the seed page and editions of 13, 48 and 96 pages
made from it (as benches/stages.rs makes its 48-page edition), each the median of N runs, with
peak RSS and CPU time (user + system, so CPU/wall is the use of the cores). Several binaries are
run in turn in one run, so their ratios hold on a shared machine.

    python3 benches/whole.py [--runs 10] [--pages 13,48,96] [--typst] BIN[@ROOT] [BIN...]

BIN@ROOT runs BIN on the examples and fonts of the checkout at ROOT (a baseline's worktree,
whose fonts may differ); without @, this checkout.

--typst also times Typst 0.15 (`pip install typst`) on the seed page's text, as a whole
`python -c 'import typst; typst.compile(...)'` process (benches/typst-seed.typ).
"""
import argparse, os, pathlib, re, statistics, subprocess, sys, tempfile, time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def edition(n, out, root=ROOT):
    """Writes an n-page edition of the seed page of the repository at `root` to `out`,
    article ids unique per page."""
    ex = root / "examples/jingzhou"
    out.mkdir(parents=True, exist_ok=True)
    plan = (ex / "page.toml").read_text()
    ids = re.findall(r'^id = "([^"]+)"$', plan, re.M)
    head = 'paper = "荆州区报"\ndate = "2023-05-29"\n'
    pages = []
    for k in range(1, n + 1):
        page = plan
        for i in ids:
            page = page.replace(f'"{i}"', f'"p{k}-{i}"').replace(f'"{i}#', f'"p{k}-{i}#')
        lines = []
        for line in page.split("\n"):
            if line.startswith(("page =", "date =")):
                continue
            if line.startswith('file = "'):
                line = f'file = "{ex}/' + line[len('file = "'):]
            elif line.startswith('caption = "'):
                line = f'caption = "{ex}/' + line[len('caption = "'):]
            elif line.startswith("template = "):
                line = f'template = "{root}/layouts/tabloid-6col.toml"'
            lines.append(line)
        (out / f"p{k}.toml").write_text("\n".join(lines))
        pages.append(f'\n[[page]]\nplan = "p{k}.toml"\n')
    (out / "edition.toml").write_text(head + "".join(pages))
    return out / "edition.toml"


def run(binary, plan, pdf):
    # stderr to a file: an edition's warnings overflow a pipe nobody reads while it runs.
    with tempfile.TemporaryFile() as log:
        t = time.perf_counter()
        p = subprocess.Popen([binary, "build", str(plan), "-o", str(pdf)],
                             stdout=subprocess.DEVNULL, stderr=log)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        log.seek(0)
        err = log.read().decode()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 2):  # 2: built, with warnings (overset) — still a page
        sys.exit(f"{binary} {plan}: exit {code}\n{err}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


def typst_case(tmp):
    """A command compiling the seed's text with Typst, and the folder it runs in."""
    seed = ROOT.parent / "shared/seed/000_817c68cb1851d5b8.txt"
    d = tmp / "typst"
    d.mkdir()
    (d / "seed.txt").write_text(seed.read_text())
    (d / "seed.typ").write_text((ROOT / "benches/typst-seed.typ").read_text())
    code = (f"import typst; typst.compile({str(d / 'seed.typ')!r}, output={str(d / 'seed.pdf')!r}, "
            f"root={str(d)!r}, font_paths=[{str(ROOT / 'fonts')!r}], ignore_system_fonts=True)")
    return [sys.executable, "-c", code]


def run_cmd(cmd):
    with tempfile.TemporaryFile() as log:
        t = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            sys.exit(f"{cmd}: {log.read().decode()}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--runs", type=int, default=10)
    a.add_argument("--pages", default="13,48,96")
    a.add_argument("--typst", action="store_true")
    a.add_argument("bins", nargs="+")
    args = a.parse_args()
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="baoban-whole-"))
    roots = {b: pathlib.Path(b.split("@", 1)[1]).resolve() if "@" in b else ROOT for b in args.bins}
    names = ["seed page"] + [f"{n} pages" for n in [int(x) for x in args.pages.split(",") if x]]
    plans = {}
    for b, root in roots.items():
        plans[b] = [root / "examples/jingzhou/page.toml"]
        for n in [int(x) for x in args.pages.split(",") if x]:
            plans[b].append(edition(n, tmp / f"{abs(hash(str(root)))}-e{n}", root))
    cases = list(enumerate(names))
    typst = typst_case(tmp) if args.typst else None
    for k, name in cases:
        res = {b: [] for b in args.bins}
        if typst and name == "seed page":
            res["typst 0.15"] = []
        for _ in range(args.runs):
            for b in args.bins:
                res[b].append(run(b.split("@", 1)[0], plans[b][k], tmp / "out.pdf"))
            if "typst 0.15" in res:
                res["typst 0.15"].append(run_cmd(typst))
        for b in res:
            w = statistics.median(r[0] for r in res[b])
            c = statistics.median(r[1] for r in res[b])
            m = statistics.median(r[2] for r in res[b])
            lo, hi = min(r[0] for r in res[b]), max(r[0] for r in res[b])
            print(f"{name:10} {b:40} median {w*1000:7.1f} ms ({lo*1000:.0f}–{hi*1000:.0f})"
                  f"  cpu {c*1000:7.1f} ms ({c/w:.2f}×)  peak {m:5.1f} MB", flush=True)


if __name__ == "__main__":
    main()
