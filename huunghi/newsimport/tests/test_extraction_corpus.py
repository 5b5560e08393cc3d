"""The labelled corpus: precision and recall per field, metadata and noise per article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from huunghi.newsimport.extraction import InMemoryGazetteer, Kind
from huunghi.newsimport.extraction.evaluation import FIELDS, Report, corpus_files, evaluate

CORPUS = Path(__file__).parent / "corpus"
MIN_PRECISION = 0.9
MIN_RECALL = 0.8
GOAL_FIELDS = ("quantities", "dates", "places")


@pytest.fixture(scope="module")
def gazetteer() -> InMemoryGazetteer:
    """The test gazetteer shipped with the corpus."""
    return InMemoryGazetteer.from_json(CORPUS / "gazetteer.json")


@pytest.fixture(scope="module")
def report(gazetteer: InMemoryGazetteer) -> Report:
    """The engine run over the whole corpus, the labels' known gaps left out."""
    return evaluate(CORPUS, gazetteer, skip_known_gaps=True)


def _labels() -> list[dict]:
    return [json.loads(label.read_text(encoding="utf-8")) for _, label in corpus_files(CORPUS)]


def test_corpus_covers_every_kind_in_over_90_articles() -> None:
    """More than 90 labelled articles, and every activity kind is labelled somewhere."""
    labels = _labels()
    assert len(labels) > 90
    labelled = {p["kind"] for label in labels for p in label["proposals"]}
    assert labelled == {kind.value for kind in Kind}


def test_labels_use_known_gazetteer_ids(gazetteer: InMemoryGazetteer) -> None:
    """Every place and unit in the labels exists in the test gazetteer, unless it is named
    by a stable key of the application's gazetteer (``unit:VN-BDBP-DL``, see
    :mod:`huunghi.newsimport.scoring`)."""
    for label in _labels():
        for proposal in label["proposals"]:
            for entry_id in proposal.get("places", []) + proposal.get("units", []):
                if entry_id.startswith(("VN:", "KH:", "unit:", "gate:")):
                    continue
                assert gazetteer.get(entry_id) is not None, entry_id


def test_goal_precision_and_recall(report: Report) -> None:
    """Quantities, dates and places: precision ≥ 0.9 and recall ≥ 0.8 (kinds and units
    are reported alongside)."""
    print("\n" + report.table())
    for field in GOAL_FIELDS:
        score = report.scores[field]
        assert score.precision >= MIN_PRECISION, (field, score)
        assert score.recall >= MIN_RECALL, (field, score)


def test_metadata_of_every_article(report: Report) -> None:
    """Title, timestamp, site, author and section match the labels."""
    errors = {a.name: a.meta_errors for a in report.articles if a.meta_errors}
    assert errors == {}


def test_noise_is_dropped_from_every_article(report: Report) -> None:
    """Related-article teasers, most-read boxes, comments and footers never survive."""
    left = {a.name: a.noise_left for a in report.articles if a.noise_left}
    assert left == {}


def test_known_gaps_name_a_field_a_key_and_a_reason() -> None:
    """Each expectation a label marks as a known gap names a scored field, the key as the
    per-article diff prints it (kind first) and why the engine misses it today."""
    for label in _labels():
        for gap in label.get("known_gaps", []):
            assert gap["field"] in FIELDS, gap
            assert isinstance(gap["key"], list) and gap["key"][0] in {k.value for k in Kind}
            assert len(gap["why"]) > 20, gap


def test_known_gaps_stay_out_of_the_score(gazetteer: InMemoryGazetteer, tmp_path: Path) -> None:
    """A gap's key counts neither as missed nor as found: an article whose only label is
    a gap scores as if it had not been labelled, and the same article without the flag
    counts the miss."""
    article = CORPUS / "52_tuan_tra_moc_hoa_lu.txt"
    (tmp_path / "a.txt").write_bytes(article.read_bytes())
    gap = {"field": "kinds", "key": ["aid", "record"], "why": "an aid card the text lacks"}
    label = {"proposals": [{"kind": "aid", "record_type": "record"}], "known_gaps": [gap]}
    (tmp_path / "a.json").write_text(json.dumps(label), encoding="utf-8")
    assert evaluate(tmp_path, gazetteer, skip_known_gaps=True).scores["kinds"].fn == 0
    assert evaluate(tmp_path, gazetteer).scores["kinds"].fn == 1


def test_a_refused_article_counts_its_labels_as_missed(tmp_path: Path, gazetteer) -> None:
    """An article the engine refuses (here English) does not stop the evaluation of the
    folder: its labels count as missed and the refusal is named in its result."""
    (tmp_path / "a.txt").write_text(
        "The two border units held a friendly football match and then planted trees "
        "together along the road near the gate, as they do every year in the spring.",
        encoding="utf-8",
    )
    label = {"proposals": [{"kind": "festival", "record_type": "record"}]}
    (tmp_path / "a.json").write_text(json.dumps(label), encoding="utf-8")
    report = evaluate(tmp_path, gazetteer)
    assert report.scores["kinds"].fn == 1
    assert report.scores["kinds"].tp == 0
    assert "Vietnamese" in report.articles[0].refused
