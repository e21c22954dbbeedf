"""Markdown: drop the markup (headings, emphasis, escapes, rules, quotes), keep the words."""
from __future__ import annotations

import re

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_HEADING = re.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t]*")
_QUOTE = re.compile(r"(?m)^[ \t]{0,3}>[ \t]?")
_RULE = re.compile(r"(?m)^[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$")
_EMPHASIS = re.compile(r"(?<![\w\\])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)", re.S)
_STRAY_STARS = re.compile(r"\*{2,}")
_LINE_BREAK = re.compile(r"[ \t]{2,}\n")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.I)


def strip_markdown(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _HTML_BREAK.sub("\n", text)
    text = _RULE.sub("", text)
    text = _HEADING.sub("", text)
    text = _QUOTE.sub("", text)
    for _ in range(2):  # nested emphasis such as ***bold italic***
        text = _EMPHASIS.sub(r"\2", text)
    text = _STRAY_STARS.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    text = _LINE_BREAK.sub("\n", text)
    return text
