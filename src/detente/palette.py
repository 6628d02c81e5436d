"""The colours of cooperation and conflict, one per PLOVER quad class: blues for
cooperation, reds for conflict, the material class darker than the verbal one.

The charts (``plot.py``) draw with them and the dashboard gets them as CSS variables
(``/palette.css``, made by ``web.assets``), so a chart reads the same in a file and on
the page.
"""

from __future__ import annotations

QUAD_COLOURS: dict[str, str] = {
    "verbal_cooperation": "#9ecae1",
    "material_cooperation": "#2171b5",
    "verbal_conflict": "#fdae6b",
    "material_conflict": "#cb181d",
}
COOPERATION = QUAD_COLOURS["material_cooperation"]
CONFLICT = QUAD_COLOURS["material_conflict"]


def palette_css() -> str:
    """The colours as CSS variables on ``:root``: ``--verbal-cooperation: #...;`` and the
    others (the dashboard's ``/palette.css``; the notebook view fills them in)."""
    lines = [f"  --{quad.replace('_', '-')}: {colour};" for quad, colour in QUAD_COLOURS.items()]
    return ":root {\n" + "\n".join(lines) + "\n}\n"
