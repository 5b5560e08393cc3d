"""Accuracy and speed of the news-import extraction engine with the application's gazetteer.

The gazetteer is built exactly as the running application builds it
(:func:`huunghi.newsimport.gazetteer.build_gazetteer`) from a database holding the real
geography of both countries and the demo unit tree. Unless ``DATABASE_URL`` says otherwise,
that database is ``var/news-bench.sqlite3``, created on first use (migrate, load the
geography, the border reference data and the demo units: about 30 s).

Usage::

    python -m bench.news                     # committed corpus: P/R per field, timing
    python -m bench.news --dir DIR [--dir …] # score any folder(s) of labelled articles
    python -m bench.news --dir DIR --diff    # … with what each article missed or added
    python -m bench.news --test-gazetteer    # the corpus's hand-made gazetteer instead

A folder holds ``NAME.txt|html`` articles with ``NAME.json`` labels (format in
:mod:`huunghi.newsimport.extraction.evaluation`); places and units are named by stable
keys (:mod:`huunghi.newsimport.scoring`) or by the committed corpus's test-gazetteer ids.
Scores are strict and one to one: a value counts only on an activity of the right kind.
Timing: median of the article and proposal steps, warm, goal below 200 ms per article.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = REPO_ROOT / "huunghi" / "newsimport" / "tests" / "corpus"
SEEDS = REPO_ROOT.parent / "shared" / "seeds"
BENCH_DB = REPO_ROOT / "var" / "news-bench.sqlite3"
REPEATS = 5
GOAL_MS = 200.0
REPORT_FIELDS = (
    "kinds",
    "dates",
    "places",
    "units",
    "quantities",
    "per_item",
    "markers",
    "seasons",
)


def setup_django() -> None:
    """Point Django at the benchmark database (created and loaded when missing)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huunghi.settings")
    os.environ.setdefault("HUUNGHI_DEBUG", "1")
    own = "DATABASE_URL" not in os.environ
    fresh = own and not BENCH_DB.exists()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{BENCH_DB}")
    import django

    django.setup()
    if fresh:
        _load_database()
    elif own:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def _load_database() -> None:
    from django.core.management import call_command

    from huunghi.core.demo.organisations import load_demo_units

    BENCH_DB.parent.mkdir(parents=True, exist_ok=True)
    print(f"building {BENCH_DB} (geography and demo units) …", flush=True)
    call_command("migrate", verbosity=0)
    call_command("load_geography", verbosity=0)
    call_command("load_border_reference", verbosity=0)
    load_demo_units()


class Scorer:
    """The application's gazetteer and the key translators used to score with it."""

    def __init__(self, *, test_gazetteer: bool) -> None:
        from huunghi.newsimport.extraction import InMemoryGazetteer

        self.test = InMemoryGazetteer.from_json(CORPUS / "gazetteer.json")
        if test_gazetteer:
            self.gazetteer: Any = self.test
            self.entity_key: Callable[[str], str | None] = lambda value: value
            self.label_key: Callable[[str], str | None] = lambda value: value
            return
        from huunghi.newsimport.gazetteer import news_gazetteer
        from huunghi.newsimport.scoring import stable_key_map, test_id_translator

        start = time.perf_counter()
        self.gazetteer = news_gazetteer()
        self.build_seconds = time.perf_counter() - start
        keys = stable_key_map()
        self.entity_key = keys.get
        self.label_key = test_id_translator(self.gazetteer, self.test, keys)

    def evaluate(self, folder: Path) -> Any:
        """The evaluation report of one folder."""
        from huunghi.newsimport.extraction.evaluation import evaluate

        return evaluate(folder, self.gazetteer, self.entity_key, self.label_key)


def print_report(title: str, report: Any, *, diff: bool) -> None:
    """Per-field P/R (strict, one to one) and optionally each article's misses and extras."""
    print(f"\n== {title}: {len(report.articles)} articles")
    print(f"{'field':<12} {'P':>6} {'R':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for name in REPORT_FIELDS:
        score = report.scores[name]
        print(
            f"{name:<12} {score.precision:6.3f} {score.recall:6.3f} "
            f"{score.tp:5d} {score.fp:5d} {score.fn:5d}"
        )
    for result in report.articles:
        if result.refused:
            print(f"refused (all its labels count as missed): {result.name}: {result.refused}")
    if diff:
        for result in report.articles:
            _print_article(result)


def _print_article(result: Any) -> None:
    lines = []
    for name in REPORT_FIELDS:
        for key in result.missing.get(name, []):
            lines.append(f"   - {name}: {key}")
        for key in result.extra.get(name, []):
            lines.append(f"   + {name}: {key}")
    if lines:
        print(f" {result.name}")
        print("\n".join(lines))


def show(folder: Path, scorer: Scorer) -> None:
    """Every article's proposals with stable keys (a starting point for labelling)."""
    from huunghi.newsimport.extraction import extract_article, extract_proposals

    for path in sorted(folder.iterdir()):
        if path.suffix not in (".txt", ".html"):
            continue
        article = extract_article(path.read_bytes())
        print(f"\n# {path.name} published={article.published}")
        for proposal in extract_proposals(article, scorer.gazetteer):
            print("  " + json.dumps(_shown(proposal, scorer.entity_key), ensure_ascii=False))


def _shown(proposal: Any, key: Callable[[str], str | None]) -> dict[str, Any]:
    date = proposal.date
    return {
        "kind": proposal.kind,
        "date": [str(date.start), str(date.end)] if date else None,
        "places": [key(p.entry_id) if p.entry_id else f"?{p.name}" for p in proposal.places],
        "units": [key(u.entry_id) if u.entry_id else f"?{u.name}" for u in proposal.units],
        "quantities": [
            [str(q.value), q.unit, q.qualifier, *(["each"] if q.per else [])]
            for q in proposal.quantities
        ],
        "markers": proposal.markers,
        "season": proposal.season,
    }


def _articles(folders: list[Path]) -> list[tuple[str, bytes, str | None]]:
    found = []
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.suffix in (".txt", ".html"):
                label = path.with_suffix(".json")
                hint = json.loads(label.read_text()).get("content_type") if label.exists() else None
                found.append((f"{folder.name}/{path.name}", path.read_bytes(), hint))
    if SEEDS.is_dir():
        found += [(f"seed/{p.name}", p.read_bytes(), None) for p in sorted(SEEDS.glob("*.txt"))]
    return found


def _time_one(raw: bytes, hint: str | None, gazetteer: Any) -> tuple[float, float, int]:
    from huunghi.newsimport.extraction import extract_article, extract_proposals
    from huunghi.newsimport.extraction.gazetteer import tokenize

    tokenize.cache_clear()
    start = time.perf_counter()
    article = extract_article(raw, content_type_hint=hint)
    middle = time.perf_counter()
    proposals = extract_proposals(article, gazetteer)
    end = time.perf_counter()
    return (middle - start) * 1000, (end - middle) * 1000, len(proposals)


def _accepted(raw: bytes, hint: str | None) -> bool:
    """Whether the engine reads the article at all (a refused one has nothing to time; its
    score already counts it as missed)."""
    from huunghi.newsimport.extraction import extract_article
    from huunghi.newsimport.extraction.errors import ArticleError

    try:
        extract_article(raw, content_type_hint=hint)
    except ArticleError:
        return False
    return True


def timing(folders: list[Path], gazetteer: Any) -> float:
    """Median milliseconds per article over ``folders`` (printed); returns the median."""
    articles = [item for item in _articles(folders) if _accepted(item[1], item[2])]
    for _, raw, hint in articles:
        _time_one(raw, hint, gazetteer)
    medians = []
    for _name, raw, hint in articles:
        runs = [_time_one(raw, hint, gazetteer) for _ in range(REPEATS)]
        medians.append(statistics.median(a + b for a, b, _ in runs))
    overall = statistics.median(medians)
    verdict = "OK" if overall < GOAL_MS else "SLOW"
    print(
        f"\nmedian ms per article: {overall:.2f} over {len(articles)} articles, "
        f"slowest {max(medians):.1f} ({verdict}, goal < {GOAL_MS:.0f})"
    )
    return overall


def run(argv: list[str] | None = None) -> None:
    """Score the given folders (default: the committed corpus) and time the engine."""
    parser = argparse.ArgumentParser(prog="python -m bench.news", description=__doc__)
    parser.add_argument("--dir", action="append", type=Path, help="folder of labelled articles")
    parser.add_argument("--diff", action="store_true", help="print each article's differences")
    parser.add_argument("--test-gazetteer", action="store_true", help="use the test gazetteer")
    parser.add_argument("--no-timing", action="store_true", help="skip the timing run")
    parser.add_argument("--show", action="store_true", help="print each article's proposals")
    options = parser.parse_args(argv)
    setup_django()
    scorer = Scorer(test_gazetteer=options.test_gazetteer)
    if not options.test_gazetteer:
        print(f"gazetteer ready in {scorer.build_seconds:.2f} s")
    folders = options.dir or [CORPUS]
    for folder in folders:
        if options.show:
            show(folder, scorer)
        print_report(str(folder), scorer.evaluate(folder), diff=options.diff)
    if not options.no_timing:
        timing(folders, scorer.gazetteer)


if __name__ == "__main__":
    run()
