"""The contracts: generated code matches proto/, and every part of them is documented."""

from __future__ import annotations

import filecmp
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROTO = ROOT / "proto"
PROTO_FILES = sorted(PROTO.rglob("*.proto"))

# Lines that declare something a reader needs explained.
DECLARATION = re.compile(
    r"^\s*(?:"
    r"(?:service|message|enum|oneof|rpc)\s+\w+"  # named blocks and RPCs
    r"|(?:repeated\s+|optional\s+)?(?:map<[^>]+>|[\w.]+)\s+\w+\s*=\s*\d+"  # fields
    r"|[A-Z][A-Z0-9_]*\s*=\s*-?\d+"  # enum values
    r")"
)


def test_generated_code_is_up_to_date(tmp_path):
    subprocess.run([sys.executable, str(PROTO / "generate.py"), "--out", str(tmp_path)], check=True)
    differences = _tree_differences(ROOT / "gen", tmp_path)
    assert differences == [], "gen/ is stale: run `make proto` and commit the result"


def _tree_differences(committed: Path, fresh: Path) -> list[str]:
    comparison = filecmp.dircmp(committed, fresh, ignore=["__pycache__"])
    return _walk(comparison, Path())


def _walk(comparison: filecmp.dircmp, at: Path) -> list[str]:
    problems = [f"only in gen/: {at / n}" for n in comparison.left_only]
    problems += [f"missing from gen/: {at / n}" for n in comparison.right_only]
    _, mismatch, errors = filecmp.cmpfiles(
        comparison.left, comparison.right, comparison.common_files, shallow=False
    )
    problems += [f"differs: {at / n}" for n in mismatch + errors]
    for name, sub in comparison.subdirs.items():
        problems += _walk(sub, at / name)
    return problems


@pytest.mark.parametrize("proto", PROTO_FILES, ids=lambda p: str(p.relative_to(PROTO)))
def test_every_declaration_is_commented(proto):
    undocumented = []
    previous = ""
    for number, line in enumerate(proto.read_text().splitlines(), start=1):
        stripped = line.strip()
        if DECLARATION.match(line) and "//" not in line and not previous.startswith("//"):
            undocumented.append(f"{proto.name}:{number}: {stripped}")
        if stripped:
            previous = stripped
    assert undocumented == []


@pytest.mark.parametrize("proto", PROTO_FILES, ids=lambda p: str(p.relative_to(PROTO)))
def test_every_package_is_versioned(proto):
    package = re.search(r"^package\s+([\w.]+);", proto.read_text(), re.MULTILINE).group(1)
    assert re.fullmatch(r"loyalty\.\w+\.v\d+", package)
    assert proto.relative_to(PROTO).parent == Path(*package.split("."))
