"""A YAML loader for frontmatter: PyYAML's C parser with the surprises of YAML 1.1 taken out.

Obsidian writes YAML 1.2-style properties; PyYAML implements YAML 1.1, where ``no`` is false,
``0123`` is 83 and ``12:30`` is 750. Here only ``true``/``false`` are booleans, a number with a
leading zero or a colon stays text, and every number remembers the text it was written as, so a
text-like field (a phone number, a name) keeps exactly what is in the file.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

try:
    from yaml import CSafeLoader as _BaseLoader

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - exercised by doctor on machines without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

    HAVE_LIBYAML = False


class YamlInt(int):
    """An int that remembers how it was written (``+15551234``)."""

    text: str

    def __new__(cls, value: int, text: str) -> YamlInt:
        obj = super().__new__(cls, value)
        obj.text = text
        return obj


class YamlFloat(float):
    """A float that remembers how it was written (``1.50``)."""

    text: str

    def __new__(cls, value: float, text: str) -> YamlFloat:
        obj = super().__new__(cls, value)
        obj.text = text
        return obj


class FrontmatterLoader(_BaseLoader):
    """CSafeLoader with YAML 1.2-like implicit types (see the module docstring)."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Build one value; a value that cannot be built (``2026-02-30``, ``!!int x``) is a
        :class:`yaml.constructor.ConstructorError` with the value's position, not a bare
        ``ValueError`` without a line."""
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, OverflowError) as error:
            reason = str(error)
            if isinstance(node, yaml.ScalarNode):
                value = str(node.value)
                value = value if len(value) <= 40 else value[:37] + "..."
                reason = f"cannot read {value!r}: {reason}"
            raise yaml.constructor.ConstructorError(None, None, reason,
                                                    node.start_mark) from None


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


def _construct_int(loader: FrontmatterLoader, node: yaml.ScalarNode) -> YamlInt:
    text = str(loader.construct_scalar(node))
    return YamlInt(int(text.replace("_", "")), text)


def _construct_float(loader: FrontmatterLoader, node: yaml.ScalarNode) -> YamlFloat:
    text = str(loader.construct_scalar(node))
    return YamlFloat(float(loader.construct_yaml_float(node)), text)


def _construct_bool(loader: FrontmatterLoader, node: yaml.ScalarNode) -> bool:
    return str(loader.construct_scalar(node)).lower() == "true"


FrontmatterLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
FrontmatterLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
FrontmatterLoader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)


def load_yaml(text: str) -> Any:
    """Parse one frontmatter block with :class:`FrontmatterLoader`."""
    return yaml.load(text, Loader=FrontmatterLoader)
