"""Sums twiggy's per-item sizes (CSV) by crate, for scripts/measure.sh.

Generic code is attributed to the crate that defines it (e.g. `core`, `alloc` hold the
monomorphised collections and formatting used by everyone), so read the table as "which
code is in the binary", not "which dependency pulled it in".
"""
import csv
import re
import sys
from collections import Counter

rows = list(csv.DictReader(open(sys.argv[1])))
agg = Counter()
skipped = 0
for r in rows:
    name, size = r["Name"], int(r["ShallowSize"])
    if "function names" in name or "custom section" in name or "wbindgen_describe" in name:
        skipped += size  # names, custom sections, describe shims: removed by wasm-bindgen / wasm-opt
        continue
    if name.startswith("data segment"):
        agg["(data: string and table constants)"] += size
        continue
    found = re.findall(r"([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::", name.lstrip("<"))
    crate = found[0] if found else "(other: glue, intrinsics)"
    if crate == "drill_core":
        m = re.search(r"drill_core(?:\[[0-9a-f]+\])?::(\w+)(?:::(\w+))?", name)
        if m:
            crate = "drill_core::" + m.group(1) + ("::" + m.group(2) if m.group(1) == "web" and m.group(2) in ("team", "author", "components") else "")
    if crate in ("granit_parser", "annotate_snippets", "serde_saphyr"):
        crate = "serde_saphyr (+granit_parser, annotate_snippets)"
    agg[crate] += size
total = sum(agg.values())
print(f"{'bytes':>9} {'share':>6}  crate")
for k, v in agg.most_common(28):
    print(f"{v:>9} {v * 100 / total:5.1f}%  {k}")
print(f"{total:>9} 100.0%  total code+data (names, custom sections and wasm-bindgen describe shims, {skipped} bytes, are not shipped)")
