"""Score article extraction on the labelled corpus: converters' raw text, jusText, Presscast.

For each plain-text converter (what a person gets by copying the page) it scores the raw text,
jusText run on the same lines, and Presscast's text path; for the HTML it scores bare
trafilatura and Presscast's HTML path. One table, token-shingle P/R/F1 (extraction_metrics).

    PYTHONPATH=. .venv/bin/python bench/extraction_quality.py --split heldout
    PYTHONPATH=. .venv/bin/python bench/extraction_quality.py --split validation --baseline ""

"validation" (training sites of the sources never trained on) is for tuning; "heldout" for scoring.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

from extraction_corpus import CORPUS, SPLITS, load_pages  # noqa: E402
from extraction_metrics import score_corpus, score_page  # noqa: E402

# Presscast as it was before the learned classifier: the baseline run beside today's.
BASELINE_REVISION = "89eaf00"
_READ_AT_REVISION = """
import json, sys
from episodes.errors import PresscastError
from episodes.ingest import Source, read_article
for line in sys.stdin:
    data, fmt = json.loads(line)
    try:
        article = read_article(Source(data.encode("utf-8"), "page", fmt))
        text = "\\n\\n".join(b.text for b in article.blocks)
    except PresscastError:
        text = ""
    print(json.dumps(text), flush=True)
"""


def justext_lines(text: str) -> str:
    """jusText (English stoplist) with each line of the text as one paragraph."""
    import justext

    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return ""
    doc = "<html><body>" + "".join(f"<p>{html.escape(ln)}</p>" for ln in lines) + "</body></html>"
    paras = justext.justext(doc.encode("utf-8"), justext.get_stoplist("English"), encoding="utf-8")
    return "\n\n".join(p.text for p in paras if not p.is_boilerplate)


def presscast(data: str, fmt: str) -> str:
    """Presscast's own reading of a text or HTML source; nothing if it refuses the source."""
    from episodes.errors import PresscastError
    from episodes.ingest import Source, read_article

    try:
        article = read_article(Source(data.encode("utf-8"), "page", fmt))
    except PresscastError:
        return ""
    return "\n\n".join(b.text for b in article.blocks)


def trafilatura_text(data: str, precision: bool = False) -> str:
    import trafilatura

    return trafilatura.extract(data, favor_precision=precision) or ""


def at_revision(revision: str, pages: list[dict], converters: list[str]) -> dict[str, list[str]]:
    """Presscast at an earlier revision reading the same sources, in one subprocess."""
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", revision], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        jobs = [(p["texts"][n], "text") for n in converters for p in pages]
        jobs += [(p["html"], "html") for p in pages]
        done = subprocess.run(
            [sys.executable, "-c", _READ_AT_REVISION],
            input="".join(json.dumps(job) + "\n" for job in jobs),
            capture_output=True,
            text=True,
            check=True,
            cwd=folder,
            env={**os.environ, "PYTHONPATH": folder},
        )
    texts = [json.loads(line) for line in done.stdout.splitlines()]
    out = {n: texts[i * len(pages) : (i + 1) * len(pages)] for i, n in enumerate(converters)}
    out["html"] = texts[len(converters) * len(pages) :]
    return out


def rows(
    converters: list[str], baseline: dict[str, list[str]] | None, revision: str
) -> list[tuple[str, Callable[[int, dict], str]]]:
    out: list[tuple[str, Callable[[int, dict], str]]] = []
    for name in converters:
        out += [
            (f"{name}: raw text", lambda i, p, n=name: p["texts"][n]),
            (
                f"{name}: jusText on the same lines",
                lambda i, p, n=name: justext_lines(p["texts"][n]),
            ),
        ]
        if baseline:
            out.append((f"{name}: Presscast @{revision}", lambda i, p, n=name: baseline[n][i]))
        out.append(
            (f"{name}: Presscast text path", lambda i, p, n=name: presscast(p["texts"][n], "text"))
        )
    out += [
        ("html: bare trafilatura", lambda i, p: trafilatura_text(p["html"])),
        ("html: trafilatura favor_precision", lambda i, p: trafilatura_text(p["html"], True)),
    ]
    if baseline:
        out.append((f"html: Presscast @{revision}", lambda i, p: baseline["html"][i]))
    out.append(("html: Presscast HTML path", lambda i, p: presscast(p["html"], "html")))
    return out


def classifier_speed(pages: list[dict], words: int = 5000, runs: int = 7) -> tuple[int, float]:
    """Median milliseconds the classifier takes on a text of about `words` words."""
    from episodes.blockfeatures import BlockInput
    from episodes.boilerplate import classify, load_model
    from episodes.paragraphs import text_pieces
    from episodes.plaintext import spoken_pieces

    load_model()
    lines: list[str] = []
    for page in pages:
        lines += page["texts"].get("chromium", page["texts"][sorted(page["texts"])[0]]).splitlines()
        if sum(len(line.split()) for line in lines) >= words:
            break
    pieces, _ = spoken_pieces(text_pieces("\n".join(lines)))
    blocks = [BlockInput(p.text, p.kind == "heading", p.bullet) for p in pieces]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        classify(blocks, "en")
        times.append(time.perf_counter() - start)
    return sum(len(p.text.split()) for p in pieces), 1000 * statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=SPLITS, default="heldout")
    ap.add_argument("--converters", help="comma list; default: all in the corpus")
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--limit", type=int, help="score only the first N pages (quick look)")
    ap.add_argument(
        "--baseline",
        default=BASELINE_REVISION,
        help="git revision of Presscast to score beside today's ('' for none)",
    )
    args = ap.parse_args()
    pages = load_pages(Path(args.corpus), args.split)[: args.limit]
    if not pages:
        sys.exit(f"no pages in split {args.split}")
    names = args.converters.split(",") if args.converters else sorted(pages[0]["texts"])
    sites = len({p["site"] for p in pages})
    print(f"split={args.split} pages={len(pages)} sites={sites}")
    print(f"{'method':<44} {'P':>6} {'R':>6} {'F1':>6} {'medF1':>6} {'pages':>6} {'s/page':>7}")
    count, ms = classifier_speed(pages)
    print(f"classifier: {ms:.1f} ms (median of 7 runs) on a text of {count} words")
    baseline = at_revision(args.baseline, pages, names) if args.baseline else None
    for label, fn in rows(names, baseline, args.baseline):
        # A page the converter made nothing of (Chromium failed on it) says nothing of
        # what reads the converter's text: each converter is scored where it gave text.
        source = label.split(":")[0]
        scored = [(i, p) for i, p in enumerate(pages) if source == "html" or p["texts"].get(source)]
        start = time.perf_counter()
        scores = [score_page(fn(i, p), p["gold"]) for i, p in scored]
        secs = (time.perf_counter() - start) / len(scored)
        total = score_corpus(scores)
        page_f1 = [
            2 * s.precision * s.recall / (s.precision + s.recall) if s.precision + s.recall else 0
            for s in scores
        ]
        print(
            f"{label:<44} {total.precision:6.3f} {total.recall:6.3f} {total.f1:6.3f} "
            f"{statistics.median(page_f1):6.3f} {total.pages:6d} {secs:7.3f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
