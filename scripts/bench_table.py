#!/usr/bin/env python3
"""Prints the JSON that `frontline-bench --save FILE` wrote as a Markdown table for BENCHMARKS.md."""
import json
import sys


def fmt(x):
    if x is None or x != x:
        return ""
    if x >= 1000:
        return f"{x:,.0f}"
    if x >= 100:
        return f"{x:.1f}"
    if x >= 1:
        return f"{x:.2f}"
    return f"{x:.3f}"


def main(path):
    data = json.load(open(path))
    m = data["machine"]
    print(f"Machine: {m['cores']} cores, {m['cpu']}; load average {m['load_average_start']} at the start, "
          f"{m['load_average_end']} at the end ({m['date']}, {m['mode']} mode).\n")
    print("| benchmark | median | best | cpu (median) | unit | target | ratio | n | note |")
    print("| --- | ---: | ---: | ---: | --- | --- | ---: | ---: | --- |")
    for f in data["figures"]:
        ratio = f"{f['ratio']:.2f}" if "ratio" in f else ""
        print(f"| {f['name'].strip()} | {fmt(f['median'])} | {fmt(f['best'])} | {fmt(f.get('cpu_median'))} | {f['unit']} "
              f"| {f['target']} | {ratio} | {len(f['samples'])} | {f['note']} |")


if __name__ == "__main__":
    main(sys.argv[1])
