#!/usr/bin/env python3
"""Stream throughput, headless (issue 8, item 1).

Starts `sluice-testserver --bench-chunks N`, which streams N content chunks as fast as the
socket drains, and measures, in the same run and interleaved round by round:

  curl -sN > /dev/null          the transport floor (moves the bytes, parses nothing)
  sluice run > /dev/null        the real CLI, same core as the window
  node ollama_stream.mjs        the official `ollama` npm library (NDJSON, /api/chat)
  node openai_stream.mjs        the official `openai` npm library (SSE, /v1/chat/completions)

Wall time, CPU time (user+sys) and peak RSS come from wait4(2) on each child. Ratios are
taken per round (same moment on a noisy machine) and their median is reported. A second
part runs `sluice run` at several reply lengths to show that its peak RSS grows by the text
it holds and nothing per chunk.

  bench/stream_throughput.py [--build build-rel] [--runs 5] [--chunks 200000]
                             [--rss-chunks 50000,200000,400000] [--out bench/results]
"""

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_DIR = ROOT / "bench" / "node"
MODEL = "llama3.2:3b"
TOKEN = "hi "


def start_server(build, chunks):
    exe = build / "tests" / "support" / "sluice-testserver"
    proc = subprocess.Popen([str(exe), "--bench-chunks", str(chunks), "--bench-token", TOKEN],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline().strip()
    if not line.startswith("listening on "):
        proc.kill()
        sys.exit(f"sluice-testserver did not start: {line!r}")
    return proc, line.split("listening on ", 1)[1]


def measure(argv, env=None, capture=False):
    """Runs argv; returns (wall_s, user_s, sys_s, maxrss_kib, stdout_bytes, stderr_text)."""
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out if capture else subprocess.DEVNULL,
                                stderr=err, env=env)
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        errtext = err.read().decode(errors="replace")
        nbytes = 0
        if capture:
            out.seek(0)
            nbytes = len(out.read())
        if proc.returncode != 0:
            sys.exit(f"{argv[0]} exited {proc.returncode}: {errtext.strip()[:500]}")
        return wall, ru.ru_utime, ru.ru_stime, ru.ru_maxrss, nbytes, errtext


EXTRA = []  # (name, path) of other sluice binaries measured alongside (--compare)


def clients(build, url, home):
    sluice = str(build / "src" / "app" / "sluice")
    body_ollama = ('{"model":"%s","messages":[{"role":"user","content":"benchmark"}],'
                   '"stream":true}' % MODEL)
    body_openai = ('{"model":"%s","messages":[{"role":"user","content":"benchmark"}],'
                   '"stream":true}' % MODEL)
    curl = ["curl", "-sN", "-o", "/dev/null", "-H", "Content-Type: application/json"]
    env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home, XDG_DATA_HOME=home,
               QT_QPA_PLATFORM="offscreen")
    table = {
        "ndjson": [
            ("curl", curl + ["-d", body_ollama, url + "/api/chat"], env),
            ("sluice", [sluice, "run", "--base-url", url, "--type", "ollama", "--model", MODEL,
                        "benchmark"], env),
            ("ollama-js", ["node", str(NODE_DIR / "ollama_stream.mjs"), url, MODEL], env),
        ],
        "sse": [
            ("curl", curl + ["-d", body_openai, url + "/v1/chat/completions"], env),
            ("sluice", [sluice, "run", "--base-url", url + "/v1", "--type", "openai",
                        "--model", MODEL, "benchmark"], env),
            ("openai-js", ["node", str(NODE_DIR / "openai_stream.mjs"), url, MODEL], env),
        ],
    }
    for name, path in EXTRA:
        table["ndjson"].append((name, [path, "run", "--base-url", url, "--type", "ollama",
                                       "--model", MODEL, "benchmark"], env))
        table["sse"].append((name, [path, "run", "--base-url", url + "/v1", "--type", "openai",
                                    "--model", MODEL, "benchmark"], env))
    return table


def summary(values):
    return statistics.median(values), min(values), max(values)


def fmt_row(cells, widths):
    return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"


def print_table(header, rows):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    print(fmt_row(header, widths))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(fmt_row(r, widths))
    print()


def verify(name, proto, chunks, nbytes, errtext):
    if name.startswith("sluice"):
        want = chunks * len(TOKEN.encode())
        # sluice ends the reply with a newline when the text does not end with one.
        if nbytes not in (want, want + 1):
            sys.exit(f"sluice ({proto}) wrote {nbytes} bytes, expected {want}")
    elif name.endswith("-js"):
        if f"chunks={chunks} " not in errtext:
            sys.exit(f"{name} saw {errtext.strip()!r}, expected chunks={chunks}")


def throughput(build, runs, chunks, out_dir, home):
    server, url = start_server(build, chunks)
    raw = []
    try:
        table = clients(build, url, home)
        for proto, cl in table.items():
            # One verified warm-up per client (page cache, node's module cache).
            for name, argv, env in cl:
                _, _, _, _, nbytes, errtext = measure(argv, env, capture=name.startswith("sluice"))
                verify(name, proto, chunks, nbytes, errtext)
        for r in range(runs):
            for proto, cl in table.items():
                # Rotate the order each round so that no client always goes first.
                order = cl[r % len(cl):] + cl[:r % len(cl)]
                for name, argv, env in order:
                    wall, user, sys_, rss, _, _ = measure(argv, env)
                    raw.append({"protocol": proto, "client": name, "chunks": chunks, "run": r,
                                "wall_s": round(wall, 4), "user_s": round(user, 4),
                                "sys_s": round(sys_, 4), "cpu_s": round(user + sys_, 4),
                                "maxrss_kib": rss})
                    print(f"  run {r + 1}/{runs} {proto:6} {name:10} {wall:7.3f} s wall "
                          f"{user + sys_:7.3f} s cpu {rss / 1024:6.1f} MiB", file=sys.stderr)
    finally:
        server.kill()
        server.wait()

    with open(out_dir / "stream_throughput_raw.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(raw[0].keys()))
        w.writeheader()
        w.writerows(raw)

    def series(proto, client, key):
        return [x[key] for x in raw if x["protocol"] == proto and x["client"] == client]

    def per_round_ratio(proto, a, b, key):
        """Median over rounds of a/b (each round measured back to back)."""
        va, vb = series(proto, a, key), series(proto, b, key)
        return summary([x / y for x, y in zip(va, vb)])

    summary_rows = []
    print(f"Stream throughput: {chunks} chunks of {TOKEN!r}, median of {runs} runs (min–max)")
    print()
    header = ["protocol", "client", "wall s", "chunks/s", "cpu s (user+sys)", "peak RSS MiB"]
    rows = []
    for proto in table:
        for name, _, _ in table[proto]:
            wall = summary(series(proto, name, "wall_s"))
            cpu = summary(series(proto, name, "cpu_s"))
            rss = summary([v / 1024 for v in series(proto, name, "maxrss_kib")])
            cps = chunks / wall[0]
            rows.append([proto, name, f"{wall[0]:.3f} ({wall[1]:.3f}–{wall[2]:.3f})",
                         f"{cps:,.0f}", f"{cpu[0]:.3f} ({cpu[1]:.3f}–{cpu[2]:.3f})",
                         f"{rss[0]:.1f} ({rss[1]:.1f}–{rss[2]:.1f})"])
            summary_rows.append({"protocol": proto, "client": name, "chunks": chunks,
                                 "runs": runs, "wall_median_s": wall[0], "wall_min_s": wall[1],
                                 "wall_max_s": wall[2], "chunks_per_s": round(cps),
                                 "cpu_median_s": cpu[0], "cpu_min_s": cpu[1],
                                 "cpu_max_s": cpu[2], "rss_median_mib": round(rss[0], 1),
                                 "rss_min_mib": round(rss[1], 1),
                                 "rss_max_mib": round(rss[2], 1)})
    print_table(header, rows)

    ratio_rows = []
    targets = {"ndjson": ("ollama-js", 2.0), "sse": ("openai-js", 5.0)}
    header = ["protocol", "ratio (median of per-round ratios)", "median", "min", "max",
              "target", "met"]
    rows = []
    for proto, (lib, target) in targets.items():
        speed = per_round_ratio(proto, lib, "sluice", "wall_s")  # lib time / sluice time
        rows.append([proto, f"sluice chunks/s ÷ {lib} chunks/s", f"{speed[0]:.2f}",
                     f"{speed[1]:.2f}", f"{speed[2]:.2f}", f"≥ {target:g}",
                     "yes" if speed[0] >= target else "NO"])
        cpu = per_round_ratio(proto, lib, "sluice", "cpu_s")
        rows.append([proto, f"{lib} cpu ÷ sluice cpu", f"{cpu[0]:.2f}", f"{cpu[1]:.2f}",
                     f"{cpu[2]:.2f}", "", ""])
        floor = per_round_ratio(proto, "sluice", "curl", "wall_s")
        rows.append([proto, "sluice wall ÷ curl wall", f"{floor[0]:.2f}", f"{floor[1]:.2f}",
                     f"{floor[2]:.2f}", "≤ 5", "yes" if floor[0] <= 5 else "NO"])
        for label, (m, lo, hi) in ((f"speed_vs_{lib}", speed), (f"cpu_vs_{lib}", cpu),
                                   ("wall_vs_curl", floor)):
            ratio_rows.append({"protocol": proto, "ratio": label, "median": round(m, 3),
                               "min": round(lo, 3), "max": round(hi, 3)})
    print_table(header, rows)

    with open(out_dir / "stream_throughput.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(summary_rows[0].keys()))
        w.writeheader()
        w.writerows(summary_rows)
    with open(out_dir / "stream_throughput_ratios.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(ratio_rows[0].keys()))
        w.writeheader()
        w.writerows(ratio_rows)


def rss_scaling(build, runs, sizes, out_dir, home):
    rows_csv = []
    rows = []
    for n in sizes:
        server, url = start_server(build, n)
        try:
            cl = clients(build, url, home)
            for proto in ("ndjson", "sse"):
                name, argv, env = next(c for c in cl[proto] if c[0] == "sluice")
                rss = []
                walls = []
                for _ in range(runs):
                    wall, _, _, kib, _, _ = measure(argv, env)
                    rss.append(kib / 1024)
                    walls.append(wall)
                m, lo, hi = summary(rss)
                text_mib = n * len(TOKEN) * 2 / (1024 * 1024)  # held once as UTF-16
                rows.append([proto, f"{n:,}", f"{text_mib:.2f}", f"{m:.1f}", f"{lo:.1f}",
                             f"{hi:.1f}", f"{statistics.median(walls):.3f}"])
                rows_csv.append({"protocol": proto, "chunks": n, "text_utf16_mib":
                                 round(text_mib, 3), "rss_median_mib": round(m, 2),
                                 "rss_min_mib": round(lo, 2), "rss_max_mib": round(hi, 2),
                                 "wall_median_s": round(statistics.median(walls), 4)})
        finally:
            server.kill()
            server.wait()
    print(f"sluice run peak RSS against reply length, median of {runs} runs")
    print()
    print_table(["protocol", "chunks", "text held (UTF-16) MiB", "peak RSS MiB", "min", "max",
                 "wall s"], rows)
    for proto in ("ndjson", "sse"):
        pts = [(r["chunks"], r["rss_median_mib"], r["text_utf16_mib"]) for r in rows_csv
               if r["protocol"] == proto]
        (n0, r0, t0), (n1, r1, t1) = pts[0], pts[-1]
        per_chunk = (r1 - r0) * 1024 * 1024 / (n1 - n0)
        text_per_chunk = (t1 - t0) * 1024 * 1024 / (n1 - n0)
        print(f"{proto}: peak RSS grows {per_chunk:.1f} bytes per chunk from {n0:,} to {n1:,} "
              f"chunks; the text held grows {text_per_chunk:.1f} bytes per chunk "
              f"(a QString doubles its capacity as it grows, so up to 2× that).")
    print()
    with open(out_dir / "stream_rss_scaling.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows_csv[0].keys()))
        w.writeheader()
        w.writerows(rows_csv)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=str(ROOT / "build-rel"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--chunks", type=int, default=200_000)
    ap.add_argument("--rss-chunks", default="50000,200000,400000")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results"))
    ap.add_argument("--skip-rss", action="store_true")
    ap.add_argument("--compare", action="append", default=[], metavar="NAME=PATH",
                    help="also measure another sluice binary (e.g. a build before a change)")
    args = ap.parse_args()
    for c in args.compare:
        name, path = c.split("=", 1)
        EXTRA.append(("sluice-" + name, path))
    build = Path(args.build).resolve()
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    if not (NODE_DIR / "node_modules" / "ollama").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=NODE_DIR,
                       check=True)
    with tempfile.TemporaryDirectory(prefix="sluice-bench-home-") as home:
        throughput(build, args.runs, args.chunks, out_dir, home)
        if not args.skip_rss:
            sizes = [int(s) for s in args.rss_chunks.split(",")]
            rss_scaling(build, args.runs, sizes, out_dir, home)


if __name__ == "__main__":
    main()
