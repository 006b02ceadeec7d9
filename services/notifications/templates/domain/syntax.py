"""The template language: parse once, check the variables, render in a sandbox.

Syntax (documented for the CRM team in docs/TEMPLATES.md):
    {name}                      a variable, already formatted for the member
    {name|upper} {name|lower}   a variable through a filter
    {#if code}...{#else}...{/if}  a section shown when the variable is not empty
    {{ and }}                   literal braces

It is not Python's str.format (which reaches attributes: "{0.__class__}") nor a general
template engine: a template can only print the values it is given, so rendering costs at
most its own length and a CRM user can never run code or read the service's data.
"""

from __future__ import annotations

import dataclasses
import html
import re

NAME = re.compile(r"[a-z_][a-z0-9_]*\Z")
FILTERS = {"upper": str.upper, "lower": str.lower}


class TemplateError(ValueError):
    """A template that does not parse or uses what its message type does not offer."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        where = f"line {line}, column {column}: " if line else ""
        super().__init__(f"{where}{message}")
        self.line = line
        self.column = column


@dataclasses.dataclass(frozen=True)
class Variable:
    name: str
    filters: tuple[str, ...]
    line: int
    column: int


@dataclasses.dataclass(frozen=True)
class Section:
    name: str
    shown: tuple
    otherwise: tuple
    line: int
    column: int


@dataclasses.dataclass(frozen=True)
class Template:
    nodes: tuple

    def variables(self) -> list[Variable | Section]:
        """Every use of a variable, in order."""
        found: list[Variable | Section] = []
        _collect(self.nodes, found)
        return found

    def check_offered(self, offered: set[str]) -> None:
        for use in self.variables():
            if use.name not in offered:
                raise TemplateError(
                    f"unknown variable {{{use.name}}}; this message type offers "
                    + ", ".join(f"{{{name}}}" for name in sorted(offered)),
                    use.line,
                    use.column,
                )

    def render(self, values: dict[str, str], *, escape_html: bool = False) -> str:
        out: list[str] = []
        _render(self.nodes, values, escape_html, out)
        return "".join(out)


def _collect(nodes, found) -> None:
    for node in nodes:
        if isinstance(node, Variable):
            found.append(node)
        elif isinstance(node, Section):
            found.append(node)
            _collect(node.shown, found)
            _collect(node.otherwise, found)


def _render(nodes, values, escape_html, out) -> None:
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, Variable):
            value = values.get(node.name, "")
            for name in node.filters:
                value = FILTERS[name](value)
            out.append(html.escape(value) if escape_html else value)
        else:
            chosen = node.shown if values.get(node.name) else node.otherwise
            _render(chosen, values, escape_html, out)


def parse(source: str) -> Template:
    """The template, or TemplateError naming the line and column at fault."""
    return Template(_Parser(source).document())


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.at = 0

    def position(self, at: int) -> tuple[int, int]:
        line = self.source.count("\n", 0, at) + 1
        return line, at - (self.source.rfind("\n", 0, at) + 1) + 1

    def fail(self, message: str, at: int):
        raise TemplateError(message, *self.position(at))

    def document(self) -> tuple:
        nodes, closer, at = self.nodes()
        if closer is not None:
            self.fail(f"{{{closer}}} without an open {{#if}}", at)
        return nodes

    def nodes(self) -> tuple[tuple, str | None, int]:
        """Nodes up to the end or a section tag ("#else", "/if"), which is returned."""
        nodes: list = []
        text: list[str] = []
        while self.at < len(self.source):
            char, start = self.source[self.at], self.at
            if self.source.startswith("{{", start) or self.source.startswith("}}", start):
                text.append(char)
                self.at += 2
            elif char == "}":
                self.fail("'}' without '{' (write '}}' for a literal brace)", start)
            elif char == "{":
                tag = self.tag()
                if tag in ("#else", "/if"):
                    if text:
                        nodes.append("".join(text))
                    return tuple(nodes), tag, start
                if text:
                    nodes.append("".join(text))
                    text = []
                nodes.append(self.node(tag, start))
            else:
                text.append(char)
                self.at += 1
        if text:
            nodes.append("".join(text))
        return tuple(nodes), None, self.at

    def tag(self) -> str:
        start = self.at
        end = self.source.find("}", start)
        brace = self.source.find("{", start + 1)
        if end < 0 or 0 <= brace < end:
            self.fail("'{' is never closed (write '{{' for a literal brace)", start)
        self.at = end + 1
        return self.source[start + 1 : end].strip()

    def node(self, tag: str, start: int):
        if tag.startswith("#if "):
            return self.section(tag[4:].strip(), start)
        if tag.startswith(("#", "/")):
            self.fail(f"unknown tag {{{tag}}}; sections are {{#if name}}...{{/if}}", start)
        name, *filters = (part.strip() for part in tag.split("|"))
        self.check_name(name, start)
        for name_of_filter in filters:
            if name_of_filter not in FILTERS:
                self.fail(
                    f"unknown filter '{name_of_filter}'; filters are " + ", ".join(FILTERS), start
                )
        return Variable(name, tuple(filters), *self.position(start))

    def section(self, name: str, start: int) -> Section:
        self.check_name(name, start)
        shown, closer, _ = self.nodes()
        otherwise: tuple = ()
        if closer == "#else":
            otherwise, closer, _ = self.nodes()
        if closer != "/if":
            self.fail(f"{{#if {name}}} is never closed with {{/if}}", start)
        return Section(name, shown, otherwise, *self.position(start))

    def check_name(self, name: str, start: int) -> None:
        if not NAME.match(name):
            self.fail(f"'{name}' is not a variable name (lower-case letters, digits and _)", start)
