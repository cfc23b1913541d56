#!/usr/bin/env python3
"""Draws the benchmark plots from bench/results/*.csv into docs/.

  docs/bench_throughput.png   chunks/s per client and protocol; sluice peak RSS vs reply length
  docs/bench_gui_cost.png     cost per token vs conversation length (when gui_stream.csv exists:
                              a `messages` column and the first column whose name holds
                              `per_token`; a column holding `stall` is drawn beside it)

  python3 bench/plot.py [--results bench/results] [--docs docs]
"""
import argparse
import csv
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def throughput(results, docs):
    rows = read(results / "stream_throughput.csv")
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    ax = axes[0]
    protos = ["ndjson", "sse"]
    colors = {"curl": "#999999", "sluice": "#1f77b4", "ollama-js": "#d62728",
              "openai-js": "#ff7f0e"}
    x = 0
    ticks, labels = [], []
    for proto in protos:
        for r in [r for r in rows if r["protocol"] == proto]:
            cps = float(r["chunks_per_s"])
            ax.bar(x, cps, color=colors.get(r["client"], "#555555"))
            ax.text(x, cps, f"{cps / 1000:,.0f}k", ha="center", va="bottom", fontsize=8)
            ticks.append(x)
            labels.append(f"{r['client']}\n{proto}")
            x += 1
        x += 0.6
    ax.set_xticks(ticks)
    ax.set_xticklabels(labels, fontsize=8)
    ax.set_ylabel("chunks / s (median wall time)")
    n = rows[0]["chunks"]
    ax.set_title(f"Stream throughput, {int(n):,} chunks, loopback")

    ax = axes[1]
    scaling = results / "stream_rss_scaling.csv"
    if scaling.exists():
        srows = read(scaling)
        for proto in protos:
            pts = [r for r in srows if r["protocol"] == proto]
            ax.plot([int(r["chunks"]) for r in pts], [float(r["rss_median_mib"]) for r in pts],
                    marker="o", label=f"sluice run peak RSS ({proto})")
        pts = [r for r in srows if r["protocol"] == protos[0]]
        base = float(pts[0]["rss_median_mib"]) - float(pts[0]["text_utf16_mib"])
        ax.plot([int(r["chunks"]) for r in pts],
                [base + float(r["text_utf16_mib"]) for r in pts], linestyle="--",
                color="#999999", label="first point + text held (UTF-16)")
        ax.set_xlabel("chunks in the reply")
        ax.set_ylabel("MiB")
        ax.set_ylim(bottom=0)
        ax.set_title("Memory against reply length")
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(docs / "bench_throughput.png", dpi=110)
    print(f"wrote {docs / 'bench_throughput.png'}")


def gui_cost(results, docs):
    path = results / "gui_stream.csv"
    if not path.exists():
        return
    rows = read(path)
    if not rows or "messages" not in rows[0]:
        print("gui_stream.csv has no `messages` column: no plot")
        return
    cost = next((k for k in rows[0] if "per_token" in k), None)
    stall = next((k for k in rows[0] if "stall" in k), None)
    if not cost:
        print("gui_stream.csv has no `*per_token*` column: no plot")
        return
    fig, axes = plt.subplots(1, 2 if stall else 1, figsize=(10 if stall else 5.5, 4))
    axes = axes if stall else [axes]
    xs = [int(r["messages"]) for r in rows]
    axes[0].plot(xs, [float(r[cost]) for r in rows], marker="o")
    axes[0].set_xlabel("messages in the conversation")
    axes[0].set_ylabel(cost)
    axes[0].set_ylim(bottom=0)
    axes[0].set_title("Cost per token against conversation length")
    if stall:
        axes[1].plot(xs, [float(r[stall]) for r in rows], marker="o", color="#d62728")
        axes[1].axhline(50, linestyle="--", color="#999999", label="50 ms target")
        axes[1].set_xlabel("messages in the conversation")
        axes[1].set_ylabel(stall)
        axes[1].set_ylim(bottom=0)
        axes[1].legend(fontsize=8)
        axes[1].set_title("Longest event-loop stall")
    fig.tight_layout()
    fig.savefig(docs / "bench_gui_cost.png", dpi=110)
    print(f"wrote {docs / 'bench_gui_cost.png'}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", default="bench/results")
    ap.add_argument("--docs", default="docs")
    a = ap.parse_args()
    results, docs = Path(a.results), Path(a.docs)
    throughput(results, docs)
    gui_cost(results, docs)


if __name__ == "__main__":
    main()
