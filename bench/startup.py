#!/usr/bin/env python3
"""Start-up and footprint (issue 8, item 3), the parts measurable from outside the window.

  sluice --version                 process start to exit, peak RSS
  sluice run (idle)                RSS of a run waiting on a server that accepts and never answers
  bench_hello_qt                   the floor: a bare Qt widgets window that quits after first paint
  sluice (window)                  offscreen with --quit-after-first-paint when the binary has
                                   that flag; else under Xvfb: time until its window is mapped
                                   (polled with xdotool) and RSS then and 1 s later

  bench/startup.py [--build build-rel] [--runs 7] [--out bench/results]
"""

import argparse
import csv
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def summary(v):
    return statistics.median(v), min(v), max(v)


def run_once(argv, env):
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    err = p.stderr.read().decode(errors="replace")
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{argv} failed: {err.strip()[:300]}")
    return wall * 1000, ru.ru_maxrss / 1024, err


def proc_status(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                k, v = line.split(":", 1)
                out[k] = int(v.split()[0]) / 1024
    return out


class SilentServer:
    """Accepts TCP connections, reads, never answers."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.conns = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(c)


def start_xvfb():
    if not shutil.which("Xvfb") or not shutil.which("xdotool"):
        return None, None
    for n in range(90, 110):
        if not os.path.exists(f"/tmp/.X11-unix/X{n}") and not os.path.exists(f"/tmp/.X{n}-lock"):
            p = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1280x800x24", "-nolisten",
                                  "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(100):
                if os.path.exists(f"/tmp/.X11-unix/X{n}"):
                    return p, f":{n}"
                time.sleep(0.05)
            p.kill()
    return None, None


def time_to_window(argv, env, name="Sluice", timeout=20.0):
    """Starts argv under X, polls for a visible window named `name`; returns ms and RSS."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    found = None
    while time.perf_counter() - t0 < timeout:
        r = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(p.pid)],
                           capture_output=True, env=env)
        if r.returncode == 0 and r.stdout.strip():
            found = (time.perf_counter() - t0) * 1000
            break
        if p.poll() is not None:
            break
        time.sleep(0.002)
    rss_mapped = proc_status(p.pid) if p.poll() is None else {}
    time.sleep(1.0)
    rss_idle = proc_status(p.pid) if p.poll() is None else {}
    p.terminate()
    try:
        p.wait(5)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    return found, rss_mapped.get("VmRSS"), rss_idle.get("VmRSS"), rss_idle.get("VmHWM")


def print_table(header, rows):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))
    print()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=str(ROOT / "build-rel"))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results"))
    args = ap.parse_args()
    build = Path(args.build).resolve()
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    sluice = str(build / "src" / "app" / "sluice")
    hello = build / "bench" / "bench_hello_qt"
    rows, csv_rows = [], []

    def add(what, unit, values, note=""):
        m, lo, hi = summary(values)
        rows.append([what, f"{m:.1f}", f"{lo:.1f}", f"{hi:.1f}", unit, note])
        csv_rows.append({"measurement": what, "unit": unit, "runs": len(values),
                         "median": round(m, 2), "min": round(lo, 2), "max": round(hi, 2)})

    with tempfile.TemporaryDirectory(prefix="sluice-bench-home-") as home:
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home + "/config",
                   XDG_DATA_HOME=home + "/data", XDG_RUNTIME_DIR=home)
        os.chmod(home, 0o700)
        off = dict(env, QT_QPA_PLATFORM="offscreen")

        # sluice --version
        walls, rss = [], []
        run_once([sluice, "--version"], off)  # warm the page cache
        for _ in range(args.runs):
            w, r, _ = run_once([sluice, "--version"], off)
            walls.append(w)
            rss.append(r)
        add("sluice --version: start to exit", "ms", walls)
        add("sluice --version: peak RSS", "MiB", rss)

        # idle sluice run against a server that never answers
        silent = SilentServer()
        idle = []
        for _ in range(args.runs):
            p = subprocess.Popen([sluice, "run", "--base-url", f"http://127.0.0.1:{silent.port}/v1",
                                  "--type", "openai", "--model", "m", "hello"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=off)
            time.sleep(1.5)
            idle.append(proc_status(p.pid)["VmRSS"])
            p.terminate()
            p.wait()
        add("sluice run, idle waiting for a first token: RSS", "MiB", idle)

        # the floor: bare Qt widgets window, offscreen
        if hello.exists():
            walls, rss, paint = [], [], []
            run_once([str(hello)], off)
            for _ in range(args.runs):
                w, r, err = run_once([str(hello)], off)
                walls.append(w)
                rss.append(r)
                paint.append(float(err.split("first_paint_ms=")[1].split()[0]))
            add("hello Qt window (offscreen): start to exit", "ms", walls)
            add("hello Qt window (offscreen): main() to first paint", "ms", paint)
            add("hello Qt window (offscreen): peak RSS", "MiB", rss)

        has_flag = b"quit-after-first-paint" in Path(sluice).read_bytes()

        def first_paint(label, environment):
            walls, rss, paint = [], [], []
            argv = [sluice, "--quit-after-first-paint"]
            run_once(argv, environment)
            for _ in range(args.runs):
                w, r, err = run_once(argv, environment)
                walls.append(w)
                rss.append(r)
                if "first_paint_ms=" in err:
                    paint.append(float(err.split("first_paint_ms=")[1].split()[0]))
            if paint:
                add(f"sluice window ({label}): main() to first paint", "ms", paint)
            add(f"sluice window ({label}): start to first paint and exit", "ms", walls)
            add(f"sluice window ({label}): peak RSS", "MiB", rss)

        if has_flag:
            first_paint("offscreen", off)

        xvfb, display = start_xvfb()
        if xvfb:
            try:
                xenv = dict(env, DISPLAY=display, QT_QPA_PLATFORM="xcb")
                for label, argv in (("hello Qt window", [str(hello)] if hello.exists() else None),
                                    ("sluice window", [sluice])):
                    if not argv:
                        continue
                    if label == "hello Qt window":
                        walls, rss, paint = [], [], []
                        for _ in range(args.runs):
                            w, r, err = run_once(argv, xenv)
                            walls.append(w)
                            rss.append(r)
                            paint.append(float(err.split("first_paint_ms=")[1].split()[0]))
                        add("hello Qt window (Xvfb): main() to first paint", "ms", paint)
                        add("hello Qt window (Xvfb): peak RSS", "MiB", rss)
                        continue
                    if has_flag:
                        first_paint("Xvfb", xenv)
                    mapped, rss_m, rss_i = [], [], []
                    time_to_window(argv, xenv)  # warm-up
                    for _ in range(args.runs):
                        ms, rm, ri, _ = time_to_window(argv, xenv)
                        if ms is None:
                            print("sluice window: no window appeared", file=sys.stderr)
                            break
                        mapped.append(ms)
                        rss_m.append(rm)
                        rss_i.append(ri)
                    if mapped:
                        add("sluice window (Xvfb): start to window mapped (xdotool poll)", "ms",
                            mapped, "includes ~2–5 ms polling")
                        add("sluice window (Xvfb): RSS when mapped", "MiB", rss_m)
                        add("sluice window (Xvfb): RSS idle 1 s later", "MiB", rss_i)
            finally:
                xvfb.terminate()
                xvfb.wait()

    print(f"Start-up and footprint, median of {args.runs} runs")
    print()
    print_table(["measurement", "median", "min", "max", "unit", "note"], rows)
    with open(out_dir / "startup.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(csv_rows[0].keys()))
        w.writeheader()
        w.writerows(csv_rows)


if __name__ == "__main__":
    main()
