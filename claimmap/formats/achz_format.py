"""PARC ACH 2 `.achz` files: what claimmap relies on, and how its fields map.

An .achz file is gzip-compressed XML in UTF-16 with a byte-order mark. The structure comes
from the only public reader of the format, Open Source ACH's `import_action.php` (Burton and
Knowles, GPL, github.com/Burton/Analysis-of-Competing-Hypotheses):

    <root>                          (the root's name is not used by that reader; we write ACH)
      <PROJECT-TITLE>…</PROJECT-TITLE>
      <MATRIX>
        <HYPOTHESIS><NAME>…</NAME></HYPOTHESIS>            one per hypothesis, in order
        <EVIDENCE>
          <NAME/> <NOTES/> <LINK/> <TYPE/> <CODE/> <FLAG/>
          <DATE>milliseconds since 1970, 0 = none</DATE>
          <CREDIBILITY>HIGH | MEDIUM | LOW</CREDIBILITY>
          <VALUES>C C,N,I,NA,…</VALUES>   one per hypothesis, comma-separated, in order
        </EVIDENCE>
      </MATRIX>
    </root>

Ratings are written with a space in the doubled codes ("C C", "I I"). RELEVANCE is claimmap's
addition (same words as CREDIBILITY); a reader that does not know it skips it. The mapping
choices are documented in docs/spreadsheets-and-parc.md.
"""

from __future__ import annotations

import datetime as dt

MAX_INFLATED = 64 * 1024 * 1024  # a decompressed file larger than this is refused

ROOT = "ACH"

# PARC's spelling of each rating.
PARC_RATING = {"CC": "C C", "C": "C", "N": "N", "I": "I", "II": "I I", "NA": "NA"}

# Admiralty information credibility on PARC's three levels, by weight (docs/scoring.md):
# 1 (√2) is High; 2 (2^¼) sits half-way and counts as High because "probably true" is a
# positive judgement; 3 and 6 weigh 1 like Medium ("cannot be judged" is unknown, not bad);
# 4 (2^-¼) counts as Low because "doubtful" is a negative judgement; 5 is Low.
ADMIRALTY_TO_LEVEL = {
    "1": "High",
    "2": "High",
    "3": "Medium",
    "4": "Low",
    "5": "Low",
    "6": "Medium",
}

EVIDENCE_TYPES = {
    "fact": "fact",
    "claim": "claim",
    "assumption": "assumption",
    "assu": "assumption",
}
EVIDENCE_TYPES["absence"] = "absence"

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def parc_level(value: str | None) -> str:
    """claimmap credibility or relevance -> HIGH/MEDIUM/LOW (unset is Medium: weight 1)."""
    if value is None:
        return "MEDIUM"
    return ADMIRALTY_TO_LEVEL.get(value, value).upper()


def date_to_millis(date: str | None) -> int:
    """YYYY, YYYY-MM or YYYY-MM-DD -> milliseconds at 00:00 UTC on its first day; None -> 0."""
    if not date:
        return 0
    parts = [int(p) for p in date.split("-")] + [1, 1]
    day = dt.datetime(parts[0], parts[1], parts[2], tzinfo=dt.UTC)
    return int((day - _EPOCH).total_seconds()) * 1000


def millis_to_date(text: str) -> str | None:
    """'1582934400000' -> '2020-02-29'; '0' or '' -> None; ValueError when not a time."""
    value = int(text.strip() or "0")
    if value == 0:
        return None
    return (_EPOCH + dt.timedelta(milliseconds=value)).date().isoformat()
