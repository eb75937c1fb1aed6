"""The suite's own rule: a missing browser tool skips on a laptop and fails in CI."""

import pytest

from . import conftest


def test_missing_chromium_skips_with_the_reason_outside_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(conftest, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium"):
        conftest.require_browser_tools()


def test_missing_chromium_fails_in_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(conftest, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        conftest.require_browser_tools()


def test_missing_npm_tools_are_named(monkeypatch, tmp_path):
    monkeypatch.setattr(conftest, "AXE_JS", conftest.ROOT / "node_modules" / "missing.js")
    assert any("npm ci" in tool for tool in conftest.missing_tools())
