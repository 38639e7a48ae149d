#!/usr/bin/env python3
"""Runs the Python article extractors on saved pages, for `cargo bench --bench extract`.

Usage: extract_peers.py PAGES_DIR

For each folder PAGES_DIR/*/ with a source.html, prints one JSON line per installed tool:
{"tool", "page", "text" (or "html"), "title", "outlet", "date"} (null where the tool gives no
such value),
then one line {"tool", "seconds"} per tool with its total extraction time. Tools that are not
installed are named on stderr and skipped: `pip install trafilatura readability-lxml`.
The bench scores the output; this script only extracts, with each tool's defaults.
"""

import json
import pathlib
import sys
import time


def trafilatura_tool():
    import trafilatura

    def run(html):
        doc = trafilatura.bare_extraction(html, with_metadata=True)
        if doc is None:
            return {"text": "", "title": None, "outlet": None, "date": None}
        get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
        return {
            "text": get("text") or "",
            "title": get("title"),
            "outlet": get("sitename"),
            "date": get("date"),
        }

    return "trafilatura " + trafilatura.__version__, run


def readability_tool():
    from readability import Document

    def run(html):
        doc = Document(html)
        # The article as HTML: the bench reads its text the way it reads expected.html, so that
        # paragraphs without white space between them do not run their words together.
        return {
            "html": doc.summary(html_partial=True),
            "title": doc.short_title(),
            "outlet": None,
            "date": None,
        }

    return "readability-lxml", run


def main():
    pages = sorted(p for p in pathlib.Path(sys.argv[1]).iterdir() if (p / "source.html").is_file())
    tools = []
    for make in (trafilatura_tool, readability_tool):
        try:
            tools.append(make())
        except ImportError as e:
            print(f"not installed: {e.name}", file=sys.stderr)
    seconds = {name: 0.0 for name, _ in tools}
    for page in pages:
        html = (page / "source.html").read_bytes().decode("utf-8", errors="replace")
        for name, run in tools:
            start = time.perf_counter()
            try:
                out = run(html)
            except Exception as e:  # a tool failing on one page scores that page as empty
                out = {"text": "", "title": None, "outlet": None, "date": None, "error": str(e)}
            seconds[name] += time.perf_counter() - start
            out.update(tool=name, page=page.name)
            print(json.dumps(out, ensure_ascii=False))
    for name, total in seconds.items():
        print(json.dumps({"tool": name, "seconds": total}))


if __name__ == "__main__":
    main()
