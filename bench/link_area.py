#!/usr/bin/env python3
"""link_area: does `pilar link` / `pilar dedup --wilayah` over a small area find what a city-wide
run finds there? For every kecamatan, kelurahan, RW and RT of link_gen's data (or a sample of the
RWs and RTs), compares pairwise precision / recall / F1 of

  (a) the city-wide run restricted to the pairs of rows inside the area, and
  (b) a run over just the area's rows (what `pilar dedup --wilayah KODE` does: the linkage model
      is fitted on the rows of the area only, or taken from the priors below kMinPairsForEm),

summed over all areas of a level (micro average), split by how the area's model was made, with the
areas that lost the most. "queue" counts a pair as shown to an operator when it is linked or sent
to review (what the duplicate review queue holds): queueP / queueR are its precision and recall.

  link_area.py --pilar build/release/apps/pilar/pilar --data DIR --work DIR \
               [--levels kecamatan,kelurahan,rw,rt] [--rw-sample N] [--per-area]

DIR holds link_gen's input.csv and truth.csv; the city-wide run is made first (--work/city). A row
belongs to an area by its kode_wilayah (dots removed; the few rows without one belong to none, as
every registry member has one) and, for an RW or RT, its rw and rt numbers. --rw-sample N runs N
RWs and N RTs drawn with a fixed seed (0: all). Written by hand: a few lines of csv and counting.
"""
import argparse
import csv
import os
import random
import subprocess
import sys
from collections import defaultdict

def pairs_of(n):
    return n * (n - 1) // 2


def read_clusters(path):
    with open(path, newline="") as f:
        return {r["record_id"]: r["cluster_id"] for r in csv.DictReader(f)}


def read_pairs(path):
    out = []
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            out.append((r["record_id_a"], r["record_id_b"], r["decision"]))
    return out


class Score:
    def __init__(self):
        self.tp = self.pred = self.actual = self.queue_tp = self.queue_pred = 0

    def add(self, o):
        self.tp += o.tp
        self.pred += o.pred
        self.actual += o.actual
        self.queue_tp += o.queue_tp
        self.queue_pred += o.queue_pred

    def p(self):
        return self.tp / self.pred if self.pred else 1.0

    def r(self):
        return self.tp / self.actual if self.actual else 1.0

    def f1(self):
        p, r = self.p(), self.r()
        return 2 * p * r / (p + r) if p + r else 0.0

    def qr(self):
        return self.queue_tp / self.actual if self.actual else 1.0

    def qp(self):
        return self.queue_tp / self.queue_pred if self.queue_pred else 1.0

    def fmt(self):
        return (f"P {self.p():.5f} R {self.r():.5f} F1 {self.f1():.5f} queueP {self.qp():.5f} queueR {self.qr():.5f} "
                f"(tp {self.tp} pred {self.pred} true {self.actual} queued {self.queue_pred} queued_true {self.queue_tp})")


def score(ids, cluster_of, entity_of, review_pairs):
    """Pairwise scores over the rows `ids`, counted as link_eval counts them: predicted = same
    cluster, true = same entity; a pair not linked but among review_pairs counts for the queue."""
    idset = set(ids)
    s = Score()
    pc, tc, both = defaultdict(int), defaultdict(int), defaultdict(int)
    for i in ids:
        c, e = cluster_of[i], entity_of[i]
        pc[c] += 1
        tc[e] += 1
        both[(c, e)] += 1
    s.pred = sum(pairs_of(n) for n in pc.values())
    s.actual = sum(pairs_of(n) for n in tc.values())
    s.tp = sum(pairs_of(n) for n in both.values())
    extra, extra_false = set(), set()
    for a, b, _ in review_pairs:
        if a in idset and b in idset and cluster_of[a] != cluster_of[b]:
            (extra if entity_of[a] == entity_of[b] else extra_false).add((min(a, b), max(a, b)))
    s.queue_tp = s.tp + len(extra)
    s.queue_pred = s.pred + len(extra) + len(extra_false)
    return s


def run_link(pilar, inp, out_dir, threads):
    clusters = os.path.join(out_dir, "clusters.csv")
    pairs = os.path.join(out_dir, "pairs.csv")
    r = subprocess.run([pilar, "link", inp, "--out", clusters, "--pairs", pairs, "--threads", str(threads)],
                       capture_output=True, text=True, env={**os.environ, "LANG": "C"})
    if r.returncode != 0:
        sys.exit(f"pilar link {inp}: {r.stderr}")
    estimated = "too few pairs" not in r.stdout and "terlalu sedikit" not in r.stdout
    return read_clusters(clusters), read_pairs(pairs), estimated


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pilar", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--rw-sample", type=int, default=0, help="RWs (and RTs) to run (0: all)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--levels", default="kecamatan,kelurahan,rw,rt")
    ap.add_argument("--per-area", action="store_true", help="print every area's line")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)

    rows, entity_of = {}, {}
    header = None
    with open(os.path.join(a.data, "input.csv"), newline="") as f:
        rd = csv.reader(f)
        header = next(rd)
        for r in rd:
            rows[r[0]] = r
    with open(os.path.join(a.data, "truth.csv"), newline="") as f:
        for r in csv.DictReader(f):
            entity_of[r["record_id"]] = r["entity_id"]
    ki, rwi = header.index("kode_wilayah"), header.index("rw")

    areas = {"kecamatan": defaultdict(list), "kelurahan": defaultdict(list), "rw": defaultdict(list), "rt": defaultdict(list)}
    rti = header.index("rt")
    for rid, r in rows.items():
        k = r[ki].replace(".", "")
        if len(k) != 10:
            continue
        areas["kecamatan"][k[:6]].append(rid)
        areas["kelurahan"][k].append(rid)
        if r[rwi].strip().isdigit():
            areas["rw"][f"{k}.{int(r[rwi]):03d}"].append(rid)
            if r[rti].strip().isdigit():
                areas["rt"][f"{k}.{int(r[rwi]):03d}.{int(r[rti]):03d}"].append(rid)

    city_dir = os.path.join(a.work, "city")
    os.makedirs(city_dir, exist_ok=True)
    city_clusters, city_pairs, _ = run_link(a.pilar, os.path.join(a.data, "input.csv"), city_dir, a.threads)

    for level in a.levels.split(","):
        rng = random.Random(20261131 if level == "rt" else 20261130)
        keys = sorted(areas[level])
        if level in ("rw", "rt") and a.rw_sample and a.rw_sample < len(keys):
            keys = sorted(rng.sample(keys, a.rw_sample))
        tot_city, tot_area = Score(), Score()
        by_model = {True: (Score(), Score(), [0]), False: (Score(), Score(), [0])}
        worse, priors_used, sizes = [], 0, []
        sub = os.path.join(a.work, "sub")
        os.makedirs(sub, exist_ok=True)
        for key in keys:
            ids = areas[level][key]
            sizes.append(len(ids))
            inp = os.path.join(sub, "input.csv")
            with open(inp, "w", newline="") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(header)
                for i in ids:
                    w.writerow(rows[i])
            cl, pr, estimated = run_link(a.pilar, inp, sub, a.threads)
            priors_used += not estimated
            sc = score(ids, city_clusters, entity_of, city_pairs)
            sa = score(ids, cl, entity_of, pr)
            tot_city.add(sc)
            tot_area.add(sa)
            by_model[estimated][0].add(sc)
            by_model[estimated][1].add(sa)
            by_model[estimated][2][0] += 1
            worse.append((sa.tp - sc.tp, sa.pred - sa.tp - (sc.pred - sc.tp), key, len(ids), sc, sa, estimated))
            if a.per_area:
                print(f"{level} {key} rows {len(ids)} {'EM' if estimated else 'priors'}\n  city {sc.fmt()}\n  area {sa.fmt()}",
                      flush=True)
        sizes.sort()
        print(f"== {level}: {len(keys)} areas, rows min {sizes[0]} median {sizes[len(sizes) // 2]} max {sizes[-1]}, "
              f"model from priors in {priors_used}")
        print(f"  (a) city run, pairs inside the area: {tot_city.fmt()}")
        print(f"  (b) run over the area only:          {tot_area.fmt()}")
        for est, (c, ar, n) in by_model.items():
            if n[0] and n[0] != len(keys):
                print(f"  {n[0]} areas with the model {'estimated (EM)' if est else 'from the priors'}:")
                print(f"    (a) {c.fmt()}\n    (b) {ar.fmt()}")
        worse.sort(key=lambda t: (t[0], -t[1]))
        for d_tp, d_fp, key, n, sc, sa, est in worse[:3]:
            print(f"  most lost: {key} rows {n} ({'EM' if est else 'priors'}) true pairs found city {sc.tp} area {sa.tp} of "
                  f"{sc.actual}; wrong city {sc.pred - sc.tp} area {sa.pred - sa.tp}")
        worse.sort(key=lambda t: (-t[1], t[0]))
        for d_tp, d_fp, key, n, sc, sa, est in worse[:3]:
            print(f"  most wrong links added: {key} rows {n} ({'EM' if est else 'priors'}) wrong city {sc.pred - sc.tp} "
                  f"area {sa.pred - sa.tp}; true found city {sc.tp} area {sa.tp} of {sc.actual}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
