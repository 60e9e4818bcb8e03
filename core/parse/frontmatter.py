"""A YAML loader for frontmatter: PyYAML's C parser with the surprises of YAML 1.1 taken out.

Obsidian writes YAML 1.2-style properties; PyYAML implements YAML 1.1, where ``no`` is false,
``0123`` is 83 and ``12:30`` is 750. Here only ``true``/``false`` are booleans, a number with a
leading zero or a colon stays text, and a text-like field (a phone number, a name) keeps exactly
the text in the file, whatever it looks like.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from typing import Any

import yaml

from infoview.model.values import to_json_safe

try:
    from yaml import CSafeLoader as _BaseLoader

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - exercised by doctor on machines without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

    HAVE_LIBYAML = False


class FrontmatterLoader(_BaseLoader):
    """CSafeLoader with YAML 1.2-like implicit types (see the module docstring)."""


# Rebuild the implicit resolvers: keep null, timestamps and the rest; replace bool/int/float.
FrontmatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
FrontmatterLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
FrontmatterLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789")
)
FrontmatterLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:0|[1-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?(?:0|[1-9][0-9_]*)[eE][-+]?[0-9]+"
        r"|\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)


_IMPLICIT: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    first: tuple(found) for first, found in FrontmatterLoader.yaml_implicit_resolvers.items()
}
"""The implicit resolvers by first character (``""``: the empty scalar)."""


def _resolve(self: FrontmatterLoader, kind: Any, value: Any, implicit: Any) -> str:
    """PyYAML's ``BaseResolver.resolve`` without what this loader does not have (path and
    wildcard resolvers): the C parser calls it for every node, and this is a third faster."""
    if kind is yaml.ScalarNode and implicit[0]:
        for tag, regexp in _IMPLICIT.get(value[:1], ()):
            if regexp.match(value):
                return tag
    return _DEFAULT_TAGS[kind]


if not FrontmatterLoader.yaml_path_resolvers \
        and None not in FrontmatterLoader.yaml_implicit_resolvers:
    FrontmatterLoader.resolve = _resolve  # type: ignore[assignment,method-assign]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_TYPED = frozenset({_INT, _FLOAT, _BOOL, _TIMESTAMP})
_DEFAULT_TAGS = {yaml.ScalarNode: _STR, yaml.SequenceNode: _SEQ, yaml.MappingNode: _MAP}

MAX_NODES = 20_000
"""Values one frontmatter may expand to (YAML aliases can make a small file expand hugely)."""


def load_frontmatter(text: str, text_keys: Collection[str] = frozenset(),
                     warnings: list[tuple[int, str]] | None = None,
                     key_lines: dict[str, int] | None = None) -> Any:
    """Parse one frontmatter block into JSON-safe values.

    Dates and date-times become ISO strings as written (no time-zone shift); numbers, booleans
    and ``null`` their JSON types. Under a top-level key in ``text_keys``, every scalar stays
    exactly the text in the file (``0123``, ``+15551234567``, ``1.50``), ``null`` aside.
    An unquoted link (``contact: [[Jane Doe]]``, which YAML reads as a list in a list) is read
    as the link ``"[[Jane Doe]]"`` that was meant, and ``(line, message)`` is added to
    ``warnings``. ``key_lines`` gets the 1-based line of each top-level key (the first, when
    a key is repeated). Raises :class:`yaml.YAMLError` (with a position) for anything
    unreadable.
    """
    loader = FrontmatterLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        builder = _Builder(loader, warnings if warnings is not None else [])
        try:
            if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
                if key_lines is not None:
                    for key_node, _ in node.value:
                        if isinstance(key_node, yaml.ScalarNode):
                            key_lines.setdefault(str(key_node.value), key_node.start_mark.line + 1)
                return {key: builder.build(value, key in text_keys)
                        for key, value in builder.pairs(node)}
            return builder.build(node, False)
        except RecursionError:
            raise yaml.constructor.ConstructorError(
                None, None, "values are nested too deeply", node.start_mark) from None
    finally:
        loader.dispose()


class _Builder:
    """Turns the C parser's node tree into JSON-safe values in one pass (no generators, no
    intermediate Python objects), falling back to PyYAML's constructors for rare tags."""

    def __init__(self, loader: FrontmatterLoader, warnings: list[tuple[int, str]]) -> None:
        self.loader = loader
        self.budget = MAX_NODES
        self.warnings = warnings
        self._pairs: dict[int, list[tuple[str, yaml.Node]]] = {}
        """Each mapping's pairs, merges applied, by node id: an alias merged again and again
        (``<<: [*a, *a]``, level upon level) is worked out once."""

    def spend(self, count: int, node: yaml.Node) -> None:
        """Count ``count`` more values against :data:`MAX_NODES` (aliases repeat what they
        name, so a small file may stand for a huge one): raise once they are used up."""
        self.budget -= count
        if self.budget < 0:
            raise yaml.constructor.ConstructorError(
                None, None, f"values expand to more than {MAX_NODES} items (YAML aliases?)",
                node.start_mark)

    def build(self, node: yaml.Node, text: bool) -> Any:
        self.spend(1, node)
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            value: str = node.value
            if tag == _STR:
                return value
            if tag == _NULL:
                return None
            if text and tag in _TYPED:
                return value
            try:
                if tag == _INT:
                    return int(value.replace("_", ""))
                if tag == _BOOL:
                    return value.lower() == "true"
                if tag == _FLOAT:
                    number = float(self.loader.construct_yaml_float(node))
                    return number if math.isfinite(number) else value
                if tag == _TIMESTAMP:
                    stamp = self.loader.construct_yaml_timestamp(node)
                    return stamp.isoformat()
            except (ValueError, TypeError, OverflowError, AttributeError) as error:
                raise _cannot_read(node, error) from None
        elif isinstance(node, yaml.SequenceNode) and tag == _SEQ:
            link = _unquoted_link(node)
            if link is not None:
                self.warnings.append((node.start_mark.line + 1, f"{link} is not quoted, so YAML "
                                      f"reads it as a list; write it as \"{link}\""))
                return link
            return [self.build(item, text) for item in node.value]
        elif isinstance(node, yaml.MappingNode) and tag == _MAP:
            return {key: self.build(value, text) for key, value in self.pairs(node)}
        self.spend(self.size(node) - 1, node)  # a rare tag (!!omap, !!set...): PyYAML builds it
        try:
            return to_json_safe(self.loader.construct_object(node, deep=True), text=text)
        except (ValueError, TypeError, OverflowError, AttributeError) as error:
            raise _cannot_read(node, error) from None

    def size(self, node: yaml.Node) -> int:
        """How many values ``node`` stands for, aliases expanded: counted without recursion,
        and only until the budget is spent (then :meth:`spend` raises)."""
        count = 0
        stack = [node]
        while stack:
            item = stack.pop()
            count += 1
            if count > self.budget + 1:
                break
            if isinstance(item, yaml.SequenceNode):
                stack.extend(item.value)
            elif isinstance(item, yaml.MappingNode):
                for key, value in item.value:
                    stack += (key, value)
        return count

    def pairs(self, node: yaml.MappingNode) -> list[tuple[str, yaml.Node]]:
        """``(key, value node)`` pairs of a mapping, ``<<`` merges applied (explicit keys win,
        then the mapping merged first). Every pair merged in counts against the budget."""
        found = self._pairs.get(id(node))
        if found is None:
            found = self._pairs[id(node)] = self._merged(node)
        return found

    def _merged(self, node: yaml.MappingNode) -> list[tuple[str, yaml.Node]]:
        explicit: list[tuple[str, yaml.Node]] = []
        merged: list[tuple[str, yaml.Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) \
                    else [value_node]
                for source in sources:
                    if not isinstance(source, yaml.MappingNode):
                        raise yaml.constructor.ConstructorError(
                            "while constructing a mapping", node.start_mark,
                            "a merge (<<) needs a mapping", source.start_mark)
                    pairs = self.pairs(source)
                    self.spend(len(pairs), source)
                    merged.extend(pairs)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark, "found unhashable key",
                    key_node.start_mark)
            explicit.append((str(key_node.value), value_node))
        if not merged:
            return explicit
        out: dict[str, yaml.Node] = {}
        for key, value in merged:  # a mapping earlier in ``<<: [*a, *b]`` wins, as in YAML
            out.setdefault(key, value)
        out.update(explicit)
        return list(out.items())


def _unquoted_link(node: yaml.SequenceNode) -> str | None:
    """``[[Name]]`` written without quotes: a flow list holding one flow list of one name."""
    if not node.flow_style or len(node.value) != 1:
        return None
    inner = node.value[0]
    if not (isinstance(inner, yaml.SequenceNode) and inner.flow_style and len(inner.value) == 1):
        return None
    name = inner.value[0]
    if not isinstance(name, yaml.ScalarNode) or name.style or not name.value:
        return None
    return f"[[{name.value}]]"


def _cannot_read(node: yaml.Node, error: BaseException) -> yaml.YAMLError:
    if isinstance(error, AttributeError):  # PyYAML's constructor on a value its tag does not fit
        error = ValueError(f"not a {node.tag.rsplit(':', 1)[-1]}")
    value = str(node.value) if isinstance(node, yaml.ScalarNode) else node.tag
    value = value if len(value) <= 40 else value[:37] + "..."
    return yaml.constructor.ConstructorError(None, None, f"cannot read {value!r}: {error}",
                                             node.start_mark)
