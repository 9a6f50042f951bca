"""upr-extract: UPR PDFs → validated JSON.

Layers, each importing only from those below it (tests/test_layers.py checks):
running (pipeline, batch, commands) → outputs (JSON readers: export, link,
review, stats, diff) → finders (records) → structure (layout, blocks,
sections, footnotes, text maps) → reading (PDF → characters and lines) →
text and lang (primitives and per-language data, used by every layer).
"""

from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")
