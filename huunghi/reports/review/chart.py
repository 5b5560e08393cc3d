"""A plain horizontal bar chart as PNG, drawn with Pillow (no plotting library needed)."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

KHMER_FONT_FILES = ("/usr/share/fonts/truetype/noto/NotoSansKhmer-Regular.ttf",)
FONT_FILES = (
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)
WIDTH, ROW, TOP, LEFT, RIGHT = 1600, 56, 110, 560, 160
BAR, TEXT, GRID = (29, 63, 114), (30, 30, 40), (215, 220, 228)
MAX_BARS = 12


@lru_cache(maxsize=8)
def font(size: int, khmer: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Noto Sans (Noto Sans Khmer for Khmer labels; Pillow shapes it with raqm)."""
    for name in (*KHMER_FONT_FILES, *FONT_FILES) if khmer else FONT_FILES:
        if Path(name).exists():
            return ImageFont.truetype(name, size)
    return ImageFont.load_default(size)


def _fit(
    draw: ImageDraw.ImageDraw,
    text: str,
    width: int,
    face: ImageFont.FreeTypeFont | ImageFont.ImageFont,
) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` pixels."""
    if draw.textlength(text, font=face) <= width:
        return text
    while text and draw.textlength(text + "…", font=face) > width:
        text = text[:-1]
    return text + "…"


def bar_chart(title: str, rows: list[tuple[str, float]], language: str = "vi") -> bytes:
    """PNG bytes of ``rows`` (label, value) as bars, largest first, at most 12."""
    rows = rows[:MAX_BARS] or [("—", 0.0)]
    khmer = language == "km"
    height = TOP + ROW * len(rows) + 60
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((LEFT // 8, 30), title, fill=TEXT, font=font(40, khmer))
    largest = max(value for _label, value in rows) or 1.0
    span = WIDTH - LEFT - RIGHT
    for tick in range(5):
        x = LEFT + span * tick // 4
        draw.line([(x, TOP - 10), (x, TOP + ROW * len(rows))], fill=GRID, width=2)
    for index, (label, value) in enumerate(rows):
        y = TOP + ROW * index
        length = int(span * value / largest)
        draw.rectangle([LEFT, y + 8, LEFT + max(length, 2), y + ROW - 8], fill=BAR)
        text = _fit(draw, label, LEFT - 40, font(28, khmer))
        draw.text((LEFT - 20, y + ROW // 2), text, fill=TEXT, font=font(28, khmer), anchor="rm")
        draw.text(
            (LEFT + length + 12, y + ROW // 2),
            f"{value:,.0f}".replace(",", "."),
            fill=TEXT,
            font=font(28, khmer),
            anchor="lm",
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
