"""Link-preview cards: a PNG per Steckbrief with its kind, title and the site's name.

Messengers and social networks show ``og:image`` when a link is pasted; a card
that names the Steckbrief tells readers what the link is about. Pillow draws it
with Fira Sans (KERN's font, SIL OFL, vendored in ``data/fonts/``). Long titles
wrap and shrink until they fit; a title that still does not fit ends with "…".
"""

import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from profiles.public.seo import OG_IMAGE_SIZE, SITE_NAME

FONTS = Path(__file__).resolve().parent / "data" / "fonts"
WIDTH, HEIGHT = OG_IMAGE_SIZE
MARGIN = 80
BACKGROUND = "#ffffff"
INK = "#1b1b1b"
ACCENT = "#0b4f8a"  # --accent of static/css/site.css
MUTED = "#4a4a4a"
TITLE_SIZES = (76, 68, 60, 52, 46)
TITLE_MAX_LINES = 4


@cache
def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / f"FiraSans-{name}.woff2"), size)


def _wrap(draw, text: str, font, width: int) -> list[str]:
    """``text`` in lines no wider than ``width`` (a word longer than a line stays whole)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if not line or draw.textlength(candidate, font=font) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _fit_title(draw, title: str, width: int):
    """The largest font size at which ``title`` fits; else the smallest, cut with "…"."""
    for size in TITLE_SIZES:
        font = _font("Bold", size)
        lines = _wrap(draw, title, font, width)
        if len(lines) <= TITLE_MAX_LINES and all(
            draw.textlength(line, font=font) <= width for line in lines
        ):
            return font, lines
    lines = lines[:TITLE_MAX_LINES]
    last = lines[-1]
    while last and draw.textlength(f"{last} …", font=font) > width:
        last = last[:-1].rstrip()
    lines[-1] = f"{last} …"
    return font, lines


def card_png(title: str, kind_label: str, site_name: str = SITE_NAME) -> bytes:
    """The card as PNG bytes (``OG_IMAGE_SIZE``)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    text_width = WIDTH - 2 * MARGIN
    # A band in the accent colour on top, a thin rule above the site's name.
    draw.rectangle((0, 0, WIDTH, 24), fill=ACCENT)
    kind_font = _font("Bold", 34)
    draw.text((MARGIN, 84), str(kind_label).upper(), font=kind_font, fill=ACCENT)
    title_font, lines = _fit_title(draw, title, text_width)
    line_height = int(title_font.size * 1.18)
    y = 150
    for line in lines:
        draw.text((MARGIN, y), line, font=title_font, fill=INK)
        y += line_height
    draw.line((MARGIN, HEIGHT - 120, WIDTH - MARGIN, HEIGHT - 120), fill=ACCENT, width=3)
    site_font = _font("Regular", 32)
    site_line = " ".join(_wrap(draw, site_name, site_font, text_width)[:1])
    draw.text((MARGIN, HEIGHT - 96), site_line, font=site_font, fill=MUTED)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
