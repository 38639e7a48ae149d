#!/usr/bin/env python3
"""Do the library's corroboration signals separate credible from fake articles in FA-KES?

Run from the project root, after a release build (this script never builds):

    python3 scripts/fakes_signals.py [--binary target/release/triangulate]
        [--data ../shared/data/fa-kes-dev/fa-kes-dev.csv] [--bootstrap 2000] [--json OUT]

Standard library only (no numpy/sklearn), so anyone can rerun it.

FA-KES (Salem et al., ICWSM 2019; see ../shared/data/README.md) is a set of news articles about
casualty events of the Syrian war from 15 outlets. Its `labels` column is the dataset authors'
judgement of each article: 1 = credible, 0 = fake, decided by comparing the article's casualty
figures, date and place with the records of an outside documentation centre. It is a research
label to measure signals against, not a rating of articles or outlets to show users.

What it does, using the command-line program exactly as a user would:
 1. imports the CSV as it is into a fresh temporary library (`import`), and maps each imported
    article back to its CSV row (and so its unit_id and label) through the article's source path
    (`<csv>:<line>`), checking title and outlet against the row;
 2. links the reports (`link`) and accepts every same-incident suggestion scoring above 0.5
    (`suggestion accept`), read once from the queue, best first; copy suggestions
    (exact_copy/near_copy) are not accepted: they say two texts are one, not that two reports
    are of one incident, and corroboration finds copies on its own;
 3. for each incident reads its reports (`incident show --json`), `corroboration --json` (is
    credibility 1 suggested, and the figures each report gives) and `compare --json` (the
    passages each report shares with the others, to tell copies apart). Both hold at most the
    12 earliest reports of an incident (the JSON's `reports_left_out` says how many more):
    those past it are counted and listed, and keep 0 for every signal;
 4. scores each article with
      corroborated  1 when corroboration suggests credibility 1 (an independent source gives the
                    same figure), else 0;
      contradicted  1 when another report of its incident, neither a copy of it nor of the same
                    outlet, gives a killed or wounded figure that this report does not give,
                    for a kind (killed/wounded) this report gives a figure of, else 0;
      combined      corroborated - contradicted (-1, 0, 1);
    articles in no incident get 0 for all three. Beside them, two extras (marked so):
      contradicted_disjoint  the stricter reading: the other report shares no number at all
                             with this one for that kind;
      outlet_loo    the baseline: the share of credible labels among the OTHER articles of the
                    same outlet (leave-one-out), 0.5 when the outlet has no other article —
                    what knowing the outlet alone is worth;
      constant      0 for everyone, a sanity check whose AUC must be 0.5.
 5. prints, for each score, ROC AUC against the labels (Mann-Whitney, ties count one half) with a
    bootstrap 95% percentile interval (articles resampled with replacement, seed 42), and how
    many articles the score says something about (a non-zero signal; for the baseline, an outlet
    with at least one other article). The same table is repeated on the articles that are in an
    incident, where the corroboration signals can be non-zero at all.
"""

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

# Kinds of figure whose disagreement counts as a contradiction: the casualty counts FA-KES's
# labels were judged on.
CASUALTY_KINDS = ("killed", "wounded")

# Corroboration's own rule (crates/core/src/compare/corroboration.rs, MOSTLY_SHARED): two reports
# are one text when the sentences shared with the other make up at least this share of either.
MOSTLY_SHARED = 0.6

# Dependences in corroboration's `not_counted` that mean two texts are copies (the others,
# same_outlet and same_origin, are not about the text).
TEXT_DEPENDENCES = {"exact_copy", "near_copy", "shared_sentences", "same_text"}


class CommandFailed(Exception):
    pass


def run(binary, library, *args):
    """Run one triangulate command on the library; its stdout, or CommandFailed with stderr."""
    cmd = [binary, "--library", library, *args]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise CommandFailed(
            f"`{' '.join(cmd)}` exited {proc.returncode}: {proc.stderr.strip() or proc.stdout.strip()}"
        )
    return proc.stdout


def run_json(binary, library, *args):
    return json.loads(run(binary, library, *args))


def read_rows(path):
    """The CSV's rows, keyed by the file line each starts on (the header is line 1), as the
    importer names them in an article's source path (`<csv>:<line>`)."""
    rows = {}
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        last_line = reader.line_num  # 0 before the header is read
        for row in reader:
            # A quoted field may span lines: the row starts right after the previous one ended.
            start = last_line + 1 if last_line else 2
            rows[start] = row
            last_line = reader.line_num
    return rows


# --- step 1: import and map articles back to rows ------------------------------------------------


def import_and_map(binary, library, data):
    """Import the CSV; return (import report, {article id: row}, mapping notes)."""
    rows = read_rows(data)
    report = run_json(binary, library, "import", "--json", data)
    mapped, mismatched, unmapped = {}, [], []
    for a in report["articles"]:
        path, _, line = a["path"].rpartition(":")
        row = rows.get(int(line)) if line.isdigit() and os.path.samefile(path, data) else None
        if row is None:
            unmapped.append(a["id"])
            continue
        # The path names the row; title and outlet must agree with it.
        if row["article_title"].strip() != a["title"].strip() or row["source"].strip() != a["outlet"]:
            mismatched.append(
                {"id": a["id"], "title": a["title"], "outlet": a["outlet"], "line": int(line)}
            )
        mapped[a["id"]] = row
    # Rows the importer did not keep (it skips duplicates: same text as a row already imported),
    # and whether a skipped row's label disagrees with the one kept for its unit_id.
    kept_lines = {int(a["path"].rpartition(":")[2]) for a in report["articles"]}
    skipped = [(line, row) for line, row in rows.items() if line not in kept_lines]
    labels_by_unit = defaultdict(set)
    for row in rows.values():
        labels_by_unit[row["unit_id"]].add(row["labels"])
    conflicting_units = sorted(u for u, ls in labels_by_unit.items() if len(ls) > 1)
    notes = {
        "csv_rows": len(rows),
        "unique_unit_ids": len(labels_by_unit),
        "imported": report["imported"],
        "skipped_duplicates": report.get("skipped_duplicates"),
        "import_problems": report.get("problems", []),
        "mapped_to_unit_id": len(mapped),
        "unmapped_article_ids": unmapped,
        "title_or_outlet_mismatch": mismatched,
        "rows_not_imported": [
            {"line": line, "unit_id": row["unit_id"], "label": row["labels"]} for line, row in skipped
        ],
        "unit_ids_with_conflicting_labels": conflicting_units,
        "articles_with_conflicting_labels": sum(
            1 for row in mapped.values() if row["unit_id"] in conflicting_units
        ),
    }
    return report, mapped, notes


# --- step 2: link and accept same-incident suggestions ------------------------------------------


def link_and_accept(binary, library, threshold=0.5):
    """Link; accept same-incident suggestions above threshold, once, best first.
    Returns (copy pairs found by linking, counts and failures)."""
    linked = run_json(binary, library, "link", "--json")
    copy_pairs = {tuple(sorted(p)) for p in linked.get("exact_copies", [])}
    copy_pairs |= {tuple(sorted((p["a"], p["b"]))) for p in linked.get("near_copies", [])}
    queue = run_json(binary, library, "suggestions", "--json")
    kinds = defaultdict(int)
    for s in queue:
        kinds[s["kind"]] += 1
    chosen = [
        s for s in queue
        if s["kind"] == "same_incident" and s["status"] == "suggested" and s["score"] > threshold
    ]
    accepted, failed = [], []
    for s in chosen:
        try:
            run(binary, library, "suggestion", "accept", str(s["id"]))
            accepted.append(s["id"])
        except CommandFailed as e:  # accepting an earlier one may have changed this one
            failed.append({"id": s["id"], "error": str(e)})
    return copy_pairs, {
        "queue_by_kind": dict(kinds),
        "same_incident_above_threshold": len(chosen),
        "accepted": len(accepted),
        "accept_failed": failed,
    }


# --- step 3: per-report signals from each incident ----------------------------------------------


def families(ids, pairs):
    """Copy families (union-find) of the incident's reports, from pairs of copies."""
    parent = {i: i for i in ids}

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        if a in parent and b in parent:
            parent[find(a)] = find(b)
    return {i: find(i) for i in ids}


def incident_signals(binary, library, incident, link_copies):
    """{article id: (corroborated, contradicted, contradicted_disjoint)} for one incident."""
    corr = run_json(binary, library, "corroboration", str(incident), "--json")["reports"]
    comp = run_json(binary, library, "compare", str(incident), "--json")
    ids = [r["article_id"] for r in corr]
    outlet = {r["article_id"]: r["outlet"] for r in corr}

    # Copies, as corroboration understands them: linking's exact and near copies, reports made
    # mostly of sentences they share with another, and any text dependence corroboration names.
    pairs = {p for p in link_copies if p[0] in outlet and p[1] in outlet}
    for r in comp["reports"]:
        body_len = max(len(r["body"]), 1)
        shared = defaultdict(int)
        for p in r["shared_passages"]:
            for other in p["with"]:
                shared[other] += p["end"] - p["start"]
        for other, nbytes in shared.items():
            if nbytes / body_len >= MOSTLY_SHARED:
                pairs.add(tuple(sorted((r["article_id"], other))))
    for r in corr:
        for f in r["figures"]:
            for nc in f["not_counted"]:
                if nc["dependence"]["kind"] in TEXT_DEPENDENCES:
                    pairs.add(tuple(sorted((nc["article_id"], nc["depends_on"]["article_id"]))))
    family = families(ids, pairs)

    # Each report's whole-population casualty figures by kind: {kind: {(number, high)}}.
    # Figures of a part ("6 children killed") are left out: they are not a different count of
    # the same people. Corroboration's figures already leave out vague quantities and totals.
    figures = {}
    for r in corr:
        by_kind = defaultdict(set)
        for f in r["figures"]:
            if f["kind"] in CASUALTY_KINDS and f.get("part") is None:
                by_kind[f["kind"]].add((f["number"], f["high"]))
        figures[r["article_id"]] = by_kind

    out = {}
    for r in corr:
        me = r["article_id"]
        corroborated = int(r["suggested"] == 1)
        contradicted = disjoint = 0
        for other in ids:
            if other == me or outlet[other] == outlet[me] or family[other] == family[me]:
                continue  # not independent: the same outlet, or a copy of one text
            for kind, mine in figures[me].items():
                theirs = figures[other].get(kind)
                if not mine or not theirs:
                    continue
                if theirs - mine:  # they give a number for this kind that this report does not
                    contradicted = 1
                if not theirs & mine:  # and the stricter reading: no number in common at all
                    disjoint = 1
        out[me] = (corroborated, contradicted, disjoint)
    return out, pairs


# --- step 5: ROC AUC and bootstrap ---------------------------------------------------------------


def auc(scores, labels):
    """ROC AUC: the chance a credible article scores above a fake one, ties counting one half
    (Mann-Whitney U over positives x negatives, from average ranks). None with one class only."""
    n_pos = sum(labels)
    n_neg = len(labels) - n_pos
    if n_pos == 0 or n_neg == 0:
        return None
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    rank_sum = 0.0
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        avg_rank = (i + j) / 2 + 1  # ranks i+1 .. j+1, averaged over the tie
        rank_sum += avg_rank * sum(labels[order[k]] for k in range(i, j + 1))
        i = j + 1
    u = rank_sum - n_pos * (n_pos + 1) / 2
    return u / (n_pos * n_neg)


def bootstrap(signals, labels, n, seed=42):
    """95% percentile intervals of each signal's AUC, resampling articles with replacement.
    All signals are computed on the same resamples."""
    rng = random.Random(seed)
    m = len(labels)
    draws = {name: [] for name in signals}
    for _ in range(n):
        idx = [rng.randrange(m) for _ in range(m)]
        lab = [labels[i] for i in idx]
        if sum(lab) in (0, m):
            continue
        for name, scores in signals.items():
            draws[name].append(auc([scores[i] for i in idx], lab))
    out = {}
    for name, values in draws.items():
        values.sort()
        lo = values[int(0.025 * (len(values) - 1))]
        hi = values[int(round(0.975 * (len(values) - 1)))]
        out[name] = (lo, hi)
    return out


def table(title, signals, labels, informative, n_boot):
    """Print and return one table of AUCs; informative[name] is how many articles the signal
    says something about."""
    intervals = bootstrap(signals, labels, n_boot)
    print(f"\n{title}  (n = {len(labels)}: {sum(labels)} credible, {len(labels) - sum(labels)} fake)")
    print(f"{'signal':<24}{'AUC':>7}   {'95% interval':<17}{'non-zero':>9}")
    rows = []
    for name, scores in signals.items():
        a = auc(scores, labels)
        lo, hi = intervals[name]
        print(f"{name:<24}{a:>7.3f}   [{lo:.3f}, {hi:.3f}]   {informative[name]:>7}")
        rows.append({"signal": name, "auc": a, "ci95": [lo, hi], "non_zero": informative[name]})
    return {"n": len(labels), "credible": sum(labels), "rows": rows}


def _by_incident(incident_of):
    """{incident: [articles]} from {article: [incidents]}."""
    out = defaultdict(list)
    for aid, incs in incident_of.items():
        for inc in incs:
            out[inc].append(aid)
    return out


# --- main ----------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default="target/release/triangulate")
    ap.add_argument("--data", default="../shared/data/fa-kes-dev/fa-kes-dev.csv")
    ap.add_argument("--bootstrap", type=int, default=2000)
    ap.add_argument("--json", dest="json_out")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    data = os.path.abspath(args.data)
    started = time.monotonic()

    tmp = tempfile.mkdtemp(prefix="fakes-signals-")
    library = os.path.join(tmp, "lib.sqlite")
    try:
        # 1. Import as a user would, and map articles to unit_ids and labels.
        _, rows, import_notes = import_and_map(binary, library, data)
        articles = sorted(rows)

        # 2. Link and accept same-incident suggestions above 0.5.
        link_copies, link_notes = link_and_accept(binary, library)

        # 3. Corroboration signals per incident.
        incidents = run_json(binary, library, "incidents", "--json")
        per_article = {}
        incident_of = defaultdict(list)
        left_out = []  # reports of an incident that corroboration did not look at
        for inc in incidents:
            members = [
                r["article"]["id"]
                for r in run_json(binary, library, "incident", "show", str(inc["id"]), "--json")["reports"]
            ]
            signals, _ = incident_signals(binary, library, inc["id"], link_copies)
            # Compare and corroboration hold at most 12 reports (the earliest; MAX_REPORTS in
            # crates/core/src/compare/mod.rs; `reports_left_out` in the JSON counts the others):
            # those reports keep 0 for every signal and are counted here.
            left_out += [{"incident": inc["id"], "article": a} for a in members if a not in signals]
            for aid in members:
                incident_of[aid].append(inc["id"])
            for aid, s in signals.items():
                old = per_article.get(aid, (0, 0, 0))
                per_article[aid] = tuple(max(x, y) for x, y in zip(old, s))
    except CommandFailed as e:
        print(f"FAILED: {e}", file=sys.stderr)
        print(f"(library kept for inspection: {library})", file=sys.stderr)
        sys.exit(1)
    shutil.rmtree(tmp)

    # 4. Scores per mapped article; articles in no incident get 0.
    labels = [int(rows[a]["labels"]) for a in articles]
    corroborated = [per_article.get(a, (0, 0, 0))[0] for a in articles]
    contradicted = [per_article.get(a, (0, 0, 0))[1] for a in articles]
    disjoint = [per_article.get(a, (0, 0, 0))[2] for a in articles]
    combined = [c - d for c, d in zip(corroborated, contradicted)]
    # Outlet-only baseline, leave-one-out so an article's own label never scores it.
    by_outlet = defaultdict(list)
    for a in articles:
        by_outlet[rows[a]["source"]].append(int(rows[a]["labels"]))
    outlet_loo, has_others = [], []
    for a, y in zip(articles, labels):
        same = by_outlet[rows[a]["source"]]
        others = len(same) - 1
        outlet_loo.append((sum(same) - y) / others if others else 0.5)
        has_others.append(others > 0)

    signals = {
        "corroborated": corroborated,
        "contradicted": contradicted,
        "combined": combined,
        "contradicted_disjoint*": disjoint,
        "outlet_loo (baseline)": outlet_loo,
        "constant (sanity)*": [0] * len(articles),
    }
    in_incident = [i for i, a in enumerate(articles) if a in incident_of]
    counts = {
        "csv_rows": import_notes["csv_rows"],
        "articles_imported": import_notes["imported"],
        "skipped_duplicates": import_notes["skipped_duplicates"],
        "mapped_to_unit_id": import_notes["mapped_to_unit_id"],
        "suggestions_by_kind": link_notes["queue_by_kind"],
        "same_incident_suggestions_above_0.5": link_notes["same_incident_above_threshold"],
        "suggestions_accepted": link_notes["accepted"],
        "suggestions_failed": len(link_notes["accept_failed"]),
        "incidents": len(incidents),
        "articles_in_an_incident": len(in_incident),
        "articles_in_more_than_one_incident": sum(1 for v in incident_of.values() if len(v) > 1),
        "largest_incident": max((len(v) for v in _by_incident(incident_of).values()), default=0),
        "reports_left_out_of_corroboration": len(left_out),
    }
    print("counts:")
    for k, v in counts.items():
        print(f"  {k}: {v}")
    if import_notes["title_or_outlet_mismatch"] or import_notes["unmapped_article_ids"]:
        print(f"  WARNING unmapped: {import_notes['unmapped_article_ids']}, title/outlet "
              f"mismatches: {import_notes['title_or_outlet_mismatch']}")
    print(f"  rows not imported (duplicates of a kept row): "
          f"{[r['line'] for r in import_notes['rows_not_imported']]}")
    print(f"  unit_ids whose duplicate rows carry conflicting labels: "
          f"{len(import_notes['unit_ids_with_conflicting_labels'])} (the label of the imported, "
          f"first row is used for {import_notes['articles_with_conflicting_labels']} articles)")
    for f in link_notes["accept_failed"]:
        print(f"  accept failed: {f}")
    for f in left_out:
        print(f"  left out of corroboration (incident holds more than 12 reports): {f}")

    # 5. AUC tables: all mapped articles, then only those in an incident (where the corroboration
    # signals can be non-zero at all). "Non-zero" for the baseline: the outlet has another article,
    # so the score is not the 0.5 fallback.
    def informative(idx):
        return {
            name: sum(1 for i in idx if (has_others[i] if name.startswith("outlet") else scores[i] != 0))
            for name, scores in signals.items()
        }

    everyone = range(len(articles))
    all_table = table("All mapped articles", signals, labels, informative(everyone), args.bootstrap)
    sub = {name: [s[i] for i in in_incident] for name, s in signals.items()}
    sub_labels = [labels[i] for i in in_incident]
    inc_table = table("Articles in an incident", sub, sub_labels, informative(in_incident), args.bootstrap)
    print("\n* extras beside the brief: contradicted_disjoint is the stricter reading (no number in"
          "\n  common for the kind); constant must give AUC 0.5. For outlet_loo, non-zero counts"
          "\n  articles whose outlet has another article (not the 0.5 fallback).")
    elapsed = time.monotonic() - started
    print(f"\ntime: {elapsed:.1f} s ({args.bootstrap} bootstrap resamples, seed 42)")

    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as f:
            json.dump(
                {
                    "data": data,
                    "binary": binary,
                    "bootstrap": args.bootstrap,
                    "seed": 42,
                    "counts": counts,
                    "import": {k: v for k, v in import_notes.items()},
                    "linking": link_notes,
                    "left_out_of_corroboration": left_out,
                    "all_articles": all_table,
                    "articles_in_an_incident": inc_table,
                    "seconds": elapsed,
                },
                f,
                indent=2,
            )


if __name__ == "__main__":
    main()
