"""The gazetteer is built once and cached on disk: a fresh process loads it instead of
building it, and the loaded copy matches exactly as the built one does. Type words
("huyện", "xã", "cửa khẩu") are matched while reading, not stored as one alias per type
word and name, which keeps the cached file small enough to load in a fraction of a second.
"""

from __future__ import annotations

import pickle

import pytest

from huunghi.core.testing import World
from huunghi.newsimport import gazetteer as gazetteer_module
from huunghi.newsimport.extraction import GazetteerEntry, InMemoryGazetteer
from huunghi.newsimport.gazetteer import entry_id, gazetteer_clear, news_gazetteer

TEXT = "Đoàn công tác đến huyện Lộc Ninh, tỉnh Bình Phước và tỉnh Xvay Riêng"


def _small() -> InMemoryGazetteer:
    return InMemoryGazetteer(
        [
            GazetteerEntry("p", ("Tân Biên",), "province", "VN"),
            GazetteerEntry("d", ("Tân Biên",), "district", "VN", ("p",)),
            GazetteerEntry("c", ("Tân Biên",), "commune", "VN", ("d", "p")),
            GazetteerEntry("g", ("Tân Biên",), "border_gate", "VN", ("p",)),
        ]
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tại huyện Tân Biên", "d"),
        ("tại H.Tân Biên", "d"),
        ("tại xã Tân Biên", "c"),
        ("tại thị trấn Tân Biên", "c"),
        ("tại cửa khẩu Tân Biên", "g"),
        ("tại cửa khẩu quốc tế Tân Biên", "g"),
        ("tại tỉnh Tân Biên", "p"),
    ],
)
def test_type_word_chooses_the_kind_after_a_pickle_round_trip(text: str, expected: str) -> None:
    """A name shared by four kinds resolves by its type word, also in an unpickled copy."""
    copy = pickle.loads(pickle.dumps(_small()))  # noqa: S301 - our own object
    (match,) = copy.find(text)
    assert match.entry is not None and match.entry.id == expected


@pytest.mark.django_db
def test_fresh_process_loads_the_disk_cache(world: World, settings, tmp_path, monkeypatch) -> None:
    """The first call builds and writes the file; after the process forgets it, the next
    call loads the file (no build) and finds the same entries."""
    settings.HUUNGHI_NEWS_GAZETTEER_DISK_CACHE = True
    settings.VAR_DIR = tmp_path
    gazetteer_clear()
    built = [m.entry.id for m in news_gazetteer().find(TEXT) if m.entry]
    assert list((tmp_path / "cache").glob("news-gazetteer-*.pickle"))
    gazetteer_clear()

    def no_build(*args: object) -> None:
        raise AssertionError("built again instead of loading the cache")

    monkeypatch.setattr(gazetteer_module, "build_gazetteer", no_build)
    loaded = [m.entry.id for m in news_gazetteer().find(TEXT) if m.entry]
    assert loaded == built
    assert entry_id("place", world.svay_rieng.pk) in loaded
    gazetteer_clear()
