"""Plain text: UTF-8 first, then CP1252/Latin-1, refusing what is binary."""
from __future__ import annotations

from ..errors import ReadError

# A text file has almost no control characters besides tab, newline, carriage return, form feed.
_ALLOWED_CONTROLS = {9, 10, 12, 13}


def decode_text(path, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise ReadError(path, "binary file (NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        if _control_ratio(text) > 0.01:
            raise ReadError(path, "undecodable: neither UTF-8 nor CP1252/Latin-1 text")
    if _control_ratio(text) > 0.01:
        raise ReadError(path, "binary file (control characters), not text")
    if not text.strip():
        raise ReadError(path, "no text (only whitespace)")
    return text


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ord(ch) not in _ALLOWED_CONTROLS or 0x7F <= ord(ch) < 0xA0)
    return bad / len(sample)
