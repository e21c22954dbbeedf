import pytest

from extractor import patterns
from extractor.errors import PatternError


def test_patterns_every_file_loads_and_compiles():
    checked = patterns.check_all()
    assert "attendance.yaml" in checked and "vote.yaml" in checked


def test_patterns_unknown_key_is_refused(tmp_path, monkeypatch):
    (tmp_path / "bodies.yaml").write_text("bodies: {}\nsurprise: 1\n", encoding="utf-8")
    monkeypatch.setattr(patterns, "PATTERNS_DIR", tmp_path)
    patterns.load.cache_clear()
    try:
        with pytest.raises(PatternError, match="unknown key"):
            patterns.load("bodies.yaml")
    finally:
        patterns.load.cache_clear()


def test_patterns_bad_regex_names_file_and_key():
    with pytest.raises(PatternError, match="vote.yaml -> x"):
        patterns.compile_source("(unclosed", "vote.yaml", "vote.yaml -> x")


def test_patterns_unknown_fragment_is_refused():
    with pytest.raises(PatternError, match="unknown fragment"):
        patterns.compile_source("{no_such_fragment}", "vote.yaml", "vote.yaml -> y")
