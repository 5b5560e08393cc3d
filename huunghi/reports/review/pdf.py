"""The review report as PDF: an HTML template printed by WeasyPrint with embedded fonts.

Vietnamese and Latin text in Liberation Serif (metrically Times New Roman, full
Vietnamese coverage), Khmer in Noto Serif Khmer; both are referenced by file and
embedded (subset) in the PDF, so it prints the same everywhere. The document's
metadata is fixed by the content (author = the unit, created = the issue time) and
WeasyPrint derives the file identifier from the content, so the same content gives
the same bytes.
"""

from __future__ import annotations

import base64
from pathlib import Path

from django.template.loader import render_to_string

from huunghi.reports.review.content import ReviewContent

FONT_ROOT = Path("/usr/share/fonts/truetype")
FAMILIES = {
    "Liberation Serif": {
        ("normal", "normal"): "liberation2/LiberationSerif-Regular.ttf",
        ("bold", "normal"): "liberation2/LiberationSerif-Bold.ttf",
        ("normal", "italic"): "liberation2/LiberationSerif-Italic.ttf",
        ("bold", "italic"): "liberation2/LiberationSerif-BoldItalic.ttf",
    },
    "Noto Serif Khmer": {
        ("normal", "normal"): "noto/NotoSerifKhmer-Regular.ttf",
        ("bold", "normal"): "noto/NotoSerifKhmer-Bold.ttf",
        ("normal", "italic"): "noto/NotoSerifKhmer-Regular.ttf",
        ("bold", "italic"): "noto/NotoSerifKhmer-Bold.ttf",
    },
    "Noto Serif": {
        ("normal", "normal"): "noto/NotoSerif-Regular.ttf",
        ("bold", "normal"): "noto/NotoSerif-Bold.ttf",
        ("normal", "italic"): "noto/NotoSerif-Italic.ttf",
        ("bold", "italic"): "noto/NotoSerif-BoldItalic.ttf",
    },
}


def font_faces() -> list[dict[str, str]]:
    return [
        {"family": family, "weight": weight, "style": style, "url": (FONT_ROOT / name).as_uri()}
        for family, files in FAMILIES.items()
        for (weight, style), name in files.items()
        if (FONT_ROOT / name).exists()
    ]


def write(data: ReviewContent) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "reports/review/document.html",
        {
            "data": data,
            "fonts": font_faces(),
            "chart": base64.b64encode(data.chart_png).decode("ascii"),
            "created": data.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "flows": [data.row_cells(i, line) for i, line in enumerate(data.flows, start=1)],
            "stocks": [data.row_cells(i, line) for i, line in enumerate(data.stocks, start=1)],
        },
    )
    return HTML(string=html, base_url=str(FONT_ROOT)).write_pdf()
