"""A note whose marker sits on a heading speaks for that heading's section."""

from __future__ import annotations

from extract.structure.footnotes import heading_anchors
from extract.structure.textmap import Marker
from schemas import Anchor, Footnote


def _note(fid: str, anchor: Anchor) -> Footnote:
    return Footnote(id=fid, number=int(fid[2:]), text="Recommendation 4.", page=3, bbox=(0, 0, 1, 1), anchors=[anchor])


def test_a_marker_on_a_heading_gives_its_note_that_section() -> None:
    on_heading = Marker("2", 30, 1, (300.004, 120.0, 303.6, 126.5))
    in_body = Marker("3", 30, 1, (200.0, 300.0, 203.6, 306.5))
    notes = [
        _note("fn2", Anchor(paragraph=None, page=1, offset=30, bbox=(300.0, 120.0, 303.6, 126.5))),
        _note("fn3", Anchor(paragraph="p4", page=1, offset=30, bbox=(200.0, 300.0, 203.6, 306.5))),
        _note("fn5", Anchor(paragraph=None, page=2, offset=30, bbox=(300.0, 120.0, 303.6, 126.5))),  # cover
    ]
    assert heading_anchors(notes, {"s2": [on_heading], "s3": [in_body]}) == {"fn2": "s2"}
