#!/usr/bin/env python3
"""Which crates the web app's code comes from: sums function-body sizes per crate in the
wasm that cargo produced (before wasm-bindgen and wasm-opt, which strip the names), so the
shares are indicative of what to cut to meet the size budget.

    python3 scripts/wasm-crates.py [target/wasm32-unknown-unknown/release/service-drill-web.wasm]
"""
import collections
import re
import sys

DEFAULT = "target/wasm32-unknown-unknown/release/service-drill-web.wasm"


def leb(d, i):
    r = s = 0
    while True:
        b = d[i]
        i += 1
        r |= (b & 0x7F) << s
        s += 7
        if b < 0x80:
            return r, i


def crate_of(name):
    if name.startswith("_ZN"):
        m = re.match(r"(\d+)", name[3:])
        if not m:
            return "?"
        n = int(m.group(1))
        start = 3 + len(m.group(1))
        ident = name[start : start + n]
        if "$LT$" in ident:  # <Type as Trait>::f -> the crate of Type
            m2 = re.search(r"\$LT\$(?:\$LT\$)*(?:\$RF\$)?(?:mut\$u20\$)?([A-Za-z_][A-Za-z0-9_]*)", ident)
            return m2.group(1) if m2 else "(impl)"
        return ident
    if name.startswith("__wbindgen_describe"):
        return "(wasm-bindgen descriptors, removed by wasm-bindgen)"
    if name.startswith("_R"):
        return "(v0-mangled generic)"
    return "(other: %s)" % name[:20]


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    d = open(path, "rb").read()
    i, nimports, bodies, names, sections = 8, 0, [], {}, collections.Counter()
    while i < len(d):
        sid = d[i]
        i += 1
        size, i = leb(d, i)
        end = i + size
        sections[sid] += size
        if sid == 2:  # imports: count imported functions (they come first in the index space)
            n, j = leb(d, i)
            for _ in range(n):
                for _ in range(2):
                    ln, j = leb(d, j)
                    j += ln
                kind = d[j]
                j += 1
                if kind == 0:
                    _, j = leb(d, j)
                    nimports += 1
                elif kind == 1:
                    j += 1
                    flags, j = leb(d, j)
                    _, j = leb(d, j)
                    if flags & 1:
                        _, j = leb(d, j)
                elif kind == 2:
                    flags, j = leb(d, j)
                    _, j = leb(d, j)
                    if flags & 1:
                        _, j = leb(d, j)
                elif kind == 3:
                    j += 2
        elif sid == 10:
            n, j = leb(d, i)
            for _ in range(n):
                ln, j = leb(d, j)
                bodies.append(ln)
                j += ln
        elif sid == 0:
            ln, j = leb(d, i)
            if d[j : j + ln] == b"name":
                j += ln
                while j < end:
                    sub = d[j]
                    j += 1
                    ssz, j = leb(d, j)
                    if sub == 1:
                        n, k = leb(d, j)
                        for _ in range(n):
                            idx, k = leb(d, k)
                            ln2, k = leb(d, k)
                            names[idx] = d[k : k + ln2].decode("utf8", "replace")
                            k += ln2
                    j += ssz
        i = end
    if not names:
        print("no name section in %s: cannot attribute code to crates" % path)
        return
    per = collections.Counter()
    for fi, size in enumerate(bodies):
        per[crate_of(names.get(fi + nimports, "?"))] += size
    total = sum(bodies)
    print("%s: code %d bytes, data %d bytes (before wasm-bindgen/wasm-opt)" % (path, total, sections[11]))
    for crate, size in per.most_common(20):
        print("  %9d %5.1f%%  %s" % (size, 100.0 * size / total, crate))


if __name__ == "__main__":
    main()
