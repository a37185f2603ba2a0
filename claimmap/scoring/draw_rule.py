"""How many Monte Carlo draws, from which seed: plain numbers, importable before numpy (the
command line's defaults are read when its options are made)."""

from __future__ import annotations

# The one draws-and-seed rule of every chance-of-leading figure claimmap shows (`claimmap score`,
# the Scores tab, the reports, the spreadsheet), so one case and method give one figure
# everywhere: 1,000 draws, fewer on big matrices so that scoring 5,000 items stays within
# seconds (draws × cells under 5 million, at least 100 draws: a leader's figure then within
# about ±5 %). Each output states the number of draws it ran.
SEED = 0
MAX_DRAWS, MIN_DRAWS, DRAW_CELLS = 1000, 100, 5_000_000


def standard_draws(cells: int) -> int:
    """The number of Monte Carlo draws for a matrix of `cells` cells."""
    return max(MIN_DRAWS, min(MAX_DRAWS, DRAW_CELLS // max(cells, 1)))
