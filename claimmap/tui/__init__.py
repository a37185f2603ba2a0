"""The terminal interface (Textual). Only `cli` imports this package; the core never does."""
