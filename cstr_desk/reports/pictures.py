"""SVG into ReportLab drawings: the easy-read pictures and the person's drawn signature.

ReportLab cannot read SVG itself; svglib converts it to a ReportLab Drawing (vector, so the
pictures stay sharp when printed large for people who read better with them).
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from xml.sax.saxutils import quoteattr

from reportlab.graphics.shapes import Drawing, Group
from svglib.svglib import svg2rlg

from cstr_desk.paths import resource_path
from cstr_desk.reports.layout import new_drawing

SVG_NS = "http://www.w3.org/2000/svg"


class PictureError(ValueError):
    """An SVG that cannot be drawn; the message says which in plain words."""


def signature_svg_document(path_data: str) -> bytes:
    """The consent pad stores the pen strokes as SVG path data ("M 10 60 C ..."); a complete
    `<svg>` document is accepted as it is."""
    text = path_data.strip()
    if text.startswith("<"):
        return text.encode("utf-8")
    return (f'<svg xmlns="{SVG_NS}"><path d={quoteattr(text)} fill="none" stroke="#10204a" '
            'stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/></svg>'
            ).encode("utf-8")


def fit(drawing: Drawing, width: float, height: float) -> Drawing:
    """The drawing's visible content scaled (keeping its shape) and centred in a width x height
    box; a signature's strokes may sit anywhere on the pad, so its bounds, not its page size,
    decide the scale."""
    x1, y1, x2, y2 = drawing.getBounds()
    content_w, content_h = max(x2 - x1, 1e-6), max(y2 - y1, 1e-6)
    scale = min(width / content_w, height / content_h)
    group = Group(*drawing.contents)
    group.transform = (scale, 0, 0, scale,
                       (width - content_w * scale) / 2 - x1 * scale,
                       (height - content_h * scale) / 2 - y1 * scale)
    boxed = new_drawing(width, height)
    boxed.add(group)
    return boxed


def _convert(svg: bytes, what: str) -> Drawing:
    drawing = svg2rlg(io.BytesIO(svg))
    # The parser recovers what it can, so broken SVG usually arrives as a drawing with nothing
    # in it rather than as an error.
    if drawing is None or not drawing.contents or drawing.getBounds() is None:
        raise PictureError(f"The {what} could not be drawn (it is empty or not valid SVG).")
    return drawing


def signature_drawing(path_data: str, width: float, height: float) -> Drawing:
    return fit(_convert(signature_svg_document(path_data), "signature"), width, height)


@cache
def _easy_read_picture(path: Path) -> Drawing:
    if not path.is_file():
        raise PictureError(f"The easy-read picture {path.name} is missing from resources.")
    return _convert(path.read_bytes(), f"easy-read picture {path.name}")


def easy_read_picture(file_name: str, size: float) -> Drawing:
    """A picture from resources/easy-read/, square, `size` points across. The parsed SVG is
    cached: the same dozen pictures appear in every easy-read copy."""
    picture = _easy_read_picture(resource_path("easy-read", file_name))
    scale = min(size / picture.width, size / picture.height)
    group = Group(*picture.contents)
    group.transform = (scale, 0, 0, scale, 0, 0)
    drawing = new_drawing(picture.width * scale, picture.height * scale)
    drawing.add(group)
    return drawing
