"""docs/DEPLOY.md as the tests read it: its sections, the shell commands in them as an
operator would run them, and the values those commands would produce."""

from __future__ import annotations

import re
import shlex

FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
HEADING = re.compile(r"^#{2,3} (.+)$", re.MULTILINE)
OPENSSL_HEX = re.compile(r"\$\(openssl rand -hex (\d+)\)")
SHELL_VARIABLE = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?")


def sections(markdown: str) -> list[tuple[str, str]]:
    """(heading, body) of every ## and ### section, in order."""
    found = list(HEADING.finditer(markdown))
    return [
        (m.group(1), markdown[m.end() : found[i + 1].start() if i + 1 < len(found) else None])
        for i, m in enumerate(found)
    ]


def blocks(markdown: str, language: str) -> list[str]:
    return [m.group(2) for m in FENCE.finditer(markdown) if m.group(1) == language]


def expand(text: str) -> str:
    """What the shell makes of the text: `openssl rand -hex N` gives 2N hex digits, a
    variable from the operator's secret store a plain value."""
    text = OPENSSL_HEX.sub(lambda m: ("0123456789abcdef" * int(m.group(1)))[: 2 * int(m[1])], text)
    return SHELL_VARIABLE.sub(lambda m: f"value-of-{m.group(1).lower().replace('_', '-')}", text)


def commands(script: str) -> list[list[str]]:
    """The commands of a shell block, expanded and split as the shell would, heredoc
    bodies and comments left out."""
    script = script.replace("\\\n", " ")
    found, heredoc = [], None
    for line in script.splitlines():
        if heredoc is not None:
            if line.strip() == heredoc:
                heredoc = None
            continue
        words = shlex.split(expand(line), comments=True)
        if not words:
            continue
        marker = re.search(r"<<-?\s*'?(\w+)'?", line)
        if marker:
            heredoc = marker.group(1)
        found.append(words)
    return found


def heredocs(script: str) -> dict[str, str]:
    """Heredoc bodies by the file they are written to (cat > FILE <<END ... END)."""
    found = {}
    for m in re.finditer(r"cat > (\S+) <<-?\s*'?(\w+)'?\n(.*?)^\2$", script, re.M | re.S):
        found[m.group(1)] = expand(m.group(3))
    return found


def from_literals(command: list[str]) -> dict[str, str]:
    """KEY -> value of a `kubectl create secret generic ... --from-literal=KEY=VALUE`."""
    values = {}
    for word in command:
        if word.startswith("--from-literal="):
            key, _, value = word.removeprefix("--from-literal=").partition("=")
            values[key] = value
    return values


def option(command: list[str], *names: str) -> str | None:
    for i, word in enumerate(command):
        for name in names:
            if word == name and i + 1 < len(command):
                return command[i + 1]
            if word.startswith(f"{name}="):
                return word.split("=", 1)[1]
    return None


SET_REQUIREMENT = re.compile(r"^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$")


def selector_matches(selector: str, labels: dict[str, str]) -> bool:
    """Whether a kubectl label selector (`-l`) selects an object with these labels:
    `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`, joined by commas."""
    requirements, depth, current = [], 0, ""
    for char in selector:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            requirements.append(current.strip())
            current = ""
        else:
            current += char
    requirements.append(current.strip())
    for requirement in requirements:
        matched = SET_REQUIREMENT.match(requirement)
        if matched:
            key, operator, values = matched.groups()
            chosen = {v.strip() for v in values.split(",")}
            if (labels.get(key) in chosen) != (operator == "in"):
                return False
        elif "!=" in requirement:
            key, value = (part.strip() for part in requirement.split("!=", 1))
            if labels.get(key) == value:
                return False
        elif "=" in requirement:
            key, value = (part.strip() for part in requirement.replace("==", "=").split("=", 1))
            if labels.get(key) != value:
                return False
        elif requirement.startswith("!"):
            if requirement[1:].strip() in labels:
                return False
        elif requirement not in labels:
            return False
    return True
