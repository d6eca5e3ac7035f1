#!/usr/bin/env python3
"""A bounded load test of `baoban serve` on loopback: N API builds of the seed page
(examples/jingzhou, its plan and articles sent inline) from C concurrent clients.

    python3 benches/serve_load.py [--bin target/release/baoban] [--requests 200] [--clients 8]

Prints p50/p90/p99/max latency, throughput and the server's resident memory (after a warm-up,
its peak during the run, at the end). Exits 1 if any build fails, if the PDFs are not all
byte-identical (concurrent builds must not disturb each other), or if the second half of the
run needs more than --max-growth more memory than the first (memory flat). It stops by itself: a fixed number of requests, each with a
timeout, and the server is killed at the end.
"""
import argparse
import hashlib
import http.client
import json
import pathlib
import statistics
import subprocess
import sys
import threading
import time

REPO = pathlib.Path(__file__).resolve().parent.parent


def rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def seed_request():
    """The seed page as a build request: its plan and every article, inline."""
    folder = REPO / "examples/jingzhou"
    files = {p.name: p.read_text() for p in sorted(folder.glob("*.txt"))}
    plan = (folder / "page.toml").read_text()
    body = {"plan": plan, "path": "examples/jingzhou/page.toml", "files": files}
    return json.dumps(body).encode()


def build(address, body):
    """One POST /api/build on a fresh connection: (seconds, status, pdf digest)."""
    host, port = address.split(":")
    start = time.perf_counter()
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    conn.request("POST", "/api/build", body, {"Content-Type": "application/json"})
    reply = conn.getresponse()
    data = reply.read()
    conn.close()
    took = time.perf_counter() - start
    return took, reply.status, hashlib.sha256(data).hexdigest() if data.startswith(b"%PDF-") else data[:300]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(REPO / "target/release/baoban"))
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--max-builds", type=int, default=4)
    ap.add_argument("--max-growth", type=float, default=0.15,
                    help="allowed RSS growth of the run's second half over its first")
    args = ap.parse_args()

    server = subprocess.Popen(
        [args.bin, "serve", "examples/jingzhou/page.toml", "--port", "0", "--root", str(REPO),
         "--max-builds", str(args.max_builds)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        first = server.stdout.readline()
        address = first.split("http://")[1].split("/")[0]
        threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
        body = seed_request()
        # Warm-up, as concurrent as the run: every session the server keeps (fonts loaded,
        # shaping and subsets remembered) is made before memory is measured.
        warm = []
        def warm_client():
            for _ in range(5):
                warm.append(build(address, body))
        warmers = [threading.Thread(target=warm_client) for _ in range(args.clients)]
        for t in warmers:
            t.start()
        for t in warmers:
            t.join()
        if any(status != 200 for _, status, _ in warm):
            sys.exit(f"warm-up failed: {warm}")
        rss_warm = rss_mb(server.pid)
        results, lock, peak = [], threading.Lock(), [rss_warm]
        # RSS samples of the first and the second half of the run.
        halves = ([], [])
        todo = iter(range(args.requests))

        def client():
            while True:
                with lock:
                    if next(todo, None) is None:
                        return
                r = build(address, body)
                with lock:
                    results.append(r)

        def sample():
            while any(t.is_alive() for t in clients):
                rss = rss_mb(server.pid)
                peak.append(rss)
                halves[len(results) * 2 >= args.requests].append(rss)
                time.sleep(0.02)

        start = time.perf_counter()
        clients = [threading.Thread(target=client) for _ in range(args.clients)]
        for t in clients:
            t.start()
        sampler = threading.Thread(target=sample)
        sampler.start()
        for t in clients:
            t.join()
        sampler.join()
        wall = time.perf_counter() - start
        rss_end = rss_mb(server.pid)
    finally:
        server.kill()
        server.wait()

    times = sorted(t * 1000 for t, _, _ in results)
    failed = [(s, d) for _, s, d in results if s != 200]
    digests = {d for _, s, d in results if s == 200}
    q = statistics.quantiles(times, n=100, method="inclusive")
    print(f"{len(results)} builds of the seed page from {args.clients} clients "
          f"(server: {args.max_builds} builds at once), {wall:.2f} s: {len(results) / wall:.1f} builds/s")
    print(f"latency ms: p50 {q[49]:.1f}, p90 {q[89]:.1f}, p99 {q[98]:.1f}, max {times[-1]:.1f}")
    first_half = max(halves[0], default=rss_warm)
    print(f"server RSS MB: after warm-up {rss_warm:.0f}, peak {max(peak):.0f} "
          f"(first half {first_half:.0f}), end {rss_end:.0f}")
    print(f"errors: {len(failed)}; distinct PDFs: {len(digests)}")
    problems = []
    if failed:
        problems.append(f"{len(failed)} builds failed, first: {failed[0]}")
    if len(digests) != 1:
        problems.append(f"{len(digests)} different PDFs for one request")
    # Flat: the second half of the run needs no more memory than the first did (a leak grows
    # with the builds; the allocator's high-water mark does not).
    if max(halves[1] + [rss_end]) > first_half * (1 + args.max_growth):
        problems.append(f"memory grew from {first_half:.0f} MB in the first half to "
                        f"{max(halves[1] + [rss_end]):.0f} MB")
    if problems:
        sys.exit("serve_load: " + "; ".join(problems))


if __name__ == "__main__":
    main()
