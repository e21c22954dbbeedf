"""Plain data passed between the pipeline stages.

RawDocument  what a reader produced (text as read + page starts)
Document     the normalised text of one input, with the way back to the raw text
Span         a slice of a Document that holds one deliberation
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass
class RawDocument:
    path: str
    sha256: str
    text: str
    reader: str  # "text", "markdown", "pdf", "ocr", "pdf+ocr"
    page_starts: list[int] = field(default_factory=list)  # offsets in `text`; empty when no pages
    ocr_pages: set[int] = field(default_factory=set)  # 1-based pages read by OCR
    warnings: list[str] = field(default_factory=list)


@dataclass
class Document:
    raw: RawDocument
    text: str
    raw_index: list[int]  # raw_index[i] = offset in raw.text of text[i]
    repairs: list[tuple[int, str, str, str]] = field(default_factory=list)  # (offset, read, repaired, why)

    def page_at(self, offset: int) -> int | None:
        """1-based page of a character of `text`, None when the input has no pages."""
        starts = self.raw.page_starts
        if not starts:
            return None
        if not self.raw_index:
            return 1
        offset = min(max(offset, 0), len(self.raw_index) - 1)
        return bisect_right(starts, self.raw_index[offset])

    @property
    def page_count(self) -> int:
        return len(self.raw.page_starts)
