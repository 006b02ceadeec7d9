"""The README's shell commands as a reader meets them, and the answers it promises.

Every ```sh block of README.md is read into commands: a command runs on over a line that
ends in `\\` or leaves a quote open; a comment at its end says what it is for; a comment
line right after it that starts with `# →` says what the answer shows. After the arrow,
a JSON object is the part of the answer to find (keys not shown may be there too; "…" is
any value, "lsk_…" any text that starts so; a list matches item by item); anything else
is text the answer contains.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"
ANY = "…"
_BLOCK = re.compile(r"^```sh\n(.*?)^```$", re.MULTILINE | re.DOTALL)


@dataclasses.dataclass
class Command:
    text: str  # as a shell reads it: continuation lines joined, the end comment removed
    comment: str = ""  # the comment at its end (on its last line or the lines after it)
    expected: str = ""  # what follows "# →" on the line after it
    section: str = ""  # the README section (## heading) it is in

    @property
    def assigns(self) -> str:
        """The variable a `NAME=value` line sets ("" for other commands)."""
        matched = re.match(r"^([A-Z_]+)=\S*$", self.text)
        return matched.group(1) if matched else ""

    @property
    def program(self) -> str:
        return self.text.split()[0]


def commands(text: str | None = None) -> list[Command]:
    """Every command of every ```sh block, in the README's order."""
    text = README.read_text() if text is None else text
    found: list[Command] = []
    for block in _BLOCK.finditer(text):
        section = _section_of(text, block.start())
        pending = ""
        for line in block.group(1).splitlines():
            stripped = line.strip()
            if not pending and stripped.startswith("#"):
                if found and stripped.startswith("# →"):
                    found[-1].expected = stripped.removeprefix("# →").strip()
                elif found and found[-1].section == section:
                    found[-1].comment += " " + stripped.lstrip("# ")
                continue
            if not pending and not stripped:
                continue
            pending = f"{pending}\n{line}" if pending else line
            quote, comment_at = _scan(pending)
            if quote or pending.endswith("\\"):
                continue
            command = pending[:comment_at].rstrip() if comment_at >= 0 else pending
            comment = pending[comment_at:].lstrip("# ").strip() if comment_at >= 0 else ""
            found.append(Command(command.strip(), comment, section=section))
            pending = ""
        assert not pending, f"a command in README.md's {section!r} never ends: {pending}"
    return found


def _section_of(text: str, position: int) -> str:
    headings = re.findall(r"^## (.+)$", text[:position], re.MULTILINE)
    return headings[-1] if headings else ""


def _scan(text: str) -> tuple[str, int]:
    """The quote left open at the end of `text` ("" if none), and where a comment
    starts outside quotes (-1 if none)."""
    quote, escaped = "", False
    for index, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\" and quote != "'":
            escaped = True
        elif quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or text[index - 1] in " \t"):
            return "", index
    return quote, -1


def mismatches(actual, expected, where: str = "answer") -> list[str]:
    """How `actual` differs from the shape `expected` (empty when it matches)."""
    if expected == ANY:
        return []
    if isinstance(expected, str) and expected.endswith(ANY):
        prefix = expected.removesuffix(ANY)
        ok = isinstance(actual, str) and actual.startswith(prefix)
        return [] if ok else [f"{where} is {actual!r}, not text starting {prefix!r}"]
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where} is {actual!r}, not an object"]
        found = []
        for key, value in expected.items():
            if key not in actual:
                found.append(f"{where} has no {key!r}")
            else:
                found += mismatches(actual[key], value, f"{where}.{key}")
        return found
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{where} is {actual!r}, not a list of {len(expected)}"]
        return [
            problem
            for index, (item, shape) in enumerate(zip(actual, expected, strict=True))
            for problem in mismatches(item, shape, f"{where}[{index}]")
        ]
    return [] if actual == expected else [f"{where} is {actual!r}, not {expected!r}"]


def check_answer(body: str, expected: str) -> list[str]:
    """How the answer `body` differs from what the README says it shows."""
    if not expected:
        return []
    if expected.startswith("{"):
        try:
            answer = json.loads(body)
        except ValueError:
            return [f"the answer is not JSON: {body[:300]!r}"]
        return mismatches(answer, json.loads(expected))
    return [] if expected in body else [f"{expected!r} is not in the answer: {body[:500]!r}"]


def find_field(answer, name: str):
    """The first value of key `name` anywhere in a JSON answer (None if it has none)."""
    if isinstance(answer, dict):
        if name in answer:
            return answer[name]
        values = answer.values()
    elif isinstance(answer, list):
        values = answer
    else:
        return None
    for value in values:
        found = find_field(value, name)
        if found is not None:
            return found
    return None
