"""Median time per article of the news-import extraction engine.

Runs ``extract_article`` and ``extract_proposals`` over the labelled corpus and the two seed
articles (``../shared/seeds`` beside the repository, when present), warm: the gazetteer and
trafilatura are loaded and every article is processed once before timing. Goal: median
below 200 ms per article.

Usage: ``python -m bench.news``
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from huunghi.newsimport.extraction import InMemoryGazetteer, extract_article, extract_proposals
from huunghi.newsimport.extraction.gazetteer import tokenize

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = REPO_ROOT / "huunghi" / "newsimport" / "tests" / "corpus"
SEEDS = REPO_ROOT.parent / "shared" / "seeds"
REPEATS = 7
GOAL_MS = 200.0


def _articles() -> list[tuple[str, bytes, str | None]]:
    """(name, raw bytes, content type hint) of every benchmark article."""
    found = []
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in (".txt", ".html"):
            label = path.with_suffix(".json")
            hint = json.loads(label.read_text()).get("content_type") if label.exists() else None
            found.append((path.name, path.read_bytes(), hint))
    if SEEDS.is_dir():
        found += [(f"seed/{p.name}", p.read_bytes(), None) for p in sorted(SEEDS.glob("*.txt"))]
    return found


def _time_one(
    raw: bytes, hint: str | None, gazetteer: InMemoryGazetteer
) -> tuple[float, float, int]:
    """Milliseconds for the article step and the proposals step, and the proposal count."""
    tokenize.cache_clear()
    start = time.perf_counter()
    article = extract_article(raw, content_type_hint=hint)
    middle = time.perf_counter()
    proposals = extract_proposals(article, gazetteer)
    end = time.perf_counter()
    return (middle - start) * 1000, (end - middle) * 1000, len(proposals)


def run() -> list[dict]:
    """Time every article and print a table; returns one row per article."""
    gazetteer = InMemoryGazetteer.from_json(CORPUS / "gazetteer.json")
    articles = _articles()
    for _, raw, hint in articles:
        _time_one(raw, hint, gazetteer)
    rows = []
    for name, raw, hint in articles:
        timings = [_time_one(raw, hint, gazetteer) for _ in range(REPEATS)]
        rows.append(
            {
                "article": name,
                "bytes": len(raw),
                "proposals": timings[0][2],
                "article_ms": statistics.median(t[0] for t in timings),
                "proposals_ms": statistics.median(t[1] for t in timings),
                "median_ms": statistics.median(t[0] + t[1] for t in timings),
            }
        )
    _print(rows)
    return rows


def _print(rows: list[dict]) -> None:
    print(f"{'article':<42} {'bytes':>7} {'props':>5} {'article':>8} {'props':>8} {'total':>8}")
    for row in rows:
        print(
            f"{row['article'][:42]:<42} {row['bytes']:>7} {row['proposals']:>5} "
            f"{row['article_ms']:>8.2f} {row['proposals_ms']:>8.2f} {row['median_ms']:>8.2f}"
        )
    overall = statistics.median(row["median_ms"] for row in rows)
    verdict = "OK" if overall < GOAL_MS else "SLOW"
    print(
        f"median ms per article: {overall:.2f} over {len(rows)} articles "
        f"({verdict}, goal < {GOAL_MS:.0f})"
    )


if __name__ == "__main__":
    run()
