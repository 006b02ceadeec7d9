"""Regenerate the Python code for every .proto file under proto/ (make proto).

The output goes to gen/ (import it as `loyalty.<service>.v1`); nothing there is edited
by hand. tests/test_contracts.py regenerates into a scratch directory and fails when
the committed code differs.

    python proto/generate.py [--out DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from grpc_tools import protoc

PROTO_ROOT = Path(__file__).resolve().parent
DEFAULT_OUT = PROTO_ROOT.parent / "gen"


def proto_files() -> list[str]:
    return sorted(str(p.relative_to(PROTO_ROOT)) for p in PROTO_ROOT.rglob("*.proto"))


def generate(out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    well_known = Path(protoc.__file__).resolve().parent / "_proto"
    code = protoc.main(
        [
            "grpc_tools.protoc",
            f"-I{PROTO_ROOT}",
            f"-I{well_known}",
            f"--python_out={out}",
            f"--pyi_out={out}",
            f"--grpc_python_out={out}",
            *proto_files(),
        ]
    )
    if code != 0:
        raise SystemExit(f"protoc failed with code {code}")
    # Regular packages, so setuptools finds them and imports never depend on cwd.
    for folder in (p for p in out.rglob("*") if p.is_dir()):
        (folder / "__init__.py").touch()
    (out / "README.md").write_text(
        "Generated from proto/ by `make proto`. Do not edit: edit the .proto files.\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    generate(parser.parse_args().out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
