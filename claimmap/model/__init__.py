"""The domain: what a case is, independent of storage, files and screens."""

from claimmap.model.document import DEFAULT_ANALYST, FORMAT, CaseDocument
from claimmap.model.problems import InvalidDocument, Problem

__all__ = ["DEFAULT_ANALYST", "FORMAT", "CaseDocument", "InvalidDocument", "Problem"]
