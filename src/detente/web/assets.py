"""Dashboard files made from detente's own tables, so that the pages cannot disagree
with the rest of detente: the charts' colours of the quad classes as CSS variables
(``/palette.css``, from ``detente.palette``) and the meanings of the sector codes as a
JavaScript module (``/codes.js``, from ``detente.kb.SECTOR_NAMES``)."""

from __future__ import annotations

import json
from collections.abc import Callable

from detente.kb import SECTOR_NAMES
from detente.palette import palette_css


def codes_js() -> str:
    """An ES module exporting ``SECTOR_NAMES``, code to meaning."""
    return f"export const SECTOR_NAMES = {json.dumps(SECTOR_NAMES, indent=2)};\n"


ASSETS: dict[str, tuple[str, Callable[[], str]]] = {
    "/palette.css": ("text/css", palette_css),
    "/codes.js": ("text/javascript", codes_js),
}
"""Path, media type and maker of each generated file."""
