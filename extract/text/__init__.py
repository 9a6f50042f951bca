"""Text primitives every layer shares: one fold, one sentence splitter."""
