"""The review report as PDF: an HTML template printed by WeasyPrint with Noto fonts.

The fonts are referenced by file and embedded (subset) in the PDF, so it prints the
same everywhere; Noto Serif covers Vietnamese fully.
"""

from __future__ import annotations

import base64
from pathlib import Path

from django.template.loader import render_to_string

from huunghi.reports.review.content import MOTTO, NATIONAL_NAME, ReviewContent

FONT_DIR = Path("/usr/share/fonts/truetype/noto")
FONTS = {
    ("normal", "normal"): "NotoSerif-Regular.ttf",
    ("bold", "normal"): "NotoSerif-Bold.ttf",
    ("normal", "italic"): "NotoSerif-Italic.ttf",
    ("bold", "italic"): "NotoSerif-BoldItalic.ttf",
}


def font_faces() -> list[dict[str, str]]:
    return [
        {"weight": weight, "style": style, "url": (FONT_DIR / name).as_uri()}
        for (weight, style), name in FONTS.items()
        if (FONT_DIR / name).exists()
    ]


def write(data: ReviewContent) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "reports/review/document.html",
        {
            "data": data,
            "national_name": NATIONAL_NAME,
            "motto": MOTTO,
            "fonts": font_faces(),
            "chart": base64.b64encode(data.chart_png).decode("ascii"),
        },
    )
    return HTML(string=html, base_url=str(FONT_DIR)).write_pdf()
