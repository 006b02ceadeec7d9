"""Regenerate the Python code for every .proto file under proto/ (make proto).

The output goes to gen/ (import it as `loyalty.<service>.v1`); nothing there is edited
by hand. Beside the code, gen/loyalty/descriptors.binpb is every contract as a
FileDescriptorSet with its comments (source info): gateway/openapi.py reads the comments
from it, so the OpenAPI document says what the .proto files say.
tests/test_contracts.py regenerates into a scratch directory and fails when the committed
code differs.

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
# The contracts with their comments, for the OpenAPI document (gateway/openapi.py).
DESCRIPTOR_SET = Path("loyalty") / "descriptors.binpb"


def proto_files() -> list[str]:
    return sorted(str(p.relative_to(PROTO_ROOT)) for p in PROTO_ROOT.rglob("*.proto"))


def generate(out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    (out / DESCRIPTOR_SET).parent.mkdir(parents=True)
    well_known = Path(protoc.__file__).resolve().parent / "_proto"
    code = protoc.main(
        [
            "grpc_tools.protoc",
            f"-I{PROTO_ROOT}",
            f"-I{well_known}",
            f"--python_out={out}",
            f"--pyi_out={out}",
            f"--grpc_python_out={out}",
            "--include_source_info",
            "--include_imports",
            f"--descriptor_set_out={out / DESCRIPTOR_SET}",
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
