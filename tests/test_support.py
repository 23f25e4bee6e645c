"""The tests' own golden-file helper: its line-end rule and its update switch."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import golden


@pytest.fixture
def golden_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(golden, "GOLDEN_DIR", tmp_path)
    monkeypatch.delenv(golden.UPDATE_VARIABLE, raising=False)
    return tmp_path


def test_crlf_on_either_side_counts_as_lf(golden_dir: Path) -> None:
    (golden_dir / "out.txt").write_bytes(b"a\r\nb\n")
    golden.assert_golden("out.txt", "a\nb\r\n")


def test_a_lone_carriage_return_is_a_difference(golden_dir: Path) -> None:
    (golden_dir / "out.txt").write_bytes(b"a\nb\n")
    with pytest.raises(AssertionError, match="differs"):
        golden.assert_golden("out.txt", "a\rb\n")


def test_a_missing_file_says_how_to_make_it(golden_dir: Path) -> None:
    with pytest.raises(AssertionError, match="FARDPLAN_UPDATE_GOLDEN=1"):
        golden.assert_golden("none.txt", "x\n")


def test_the_update_switch_writes_utf8_with_lf(golden_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(golden.UPDATE_VARIABLE, "1")
    golden.assert_golden("sub/out.txt", "å\r\nb\n")
    assert (golden_dir / "sub" / "out.txt").read_bytes() == "å\nb\n".encode()
