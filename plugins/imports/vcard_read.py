"""A vCard file's cards and properties, as address books really write them.

vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) files are UTF-8 text. vCard 2.1 files (Outlook, older
phones) name a character set per property (``N;CHARSET=Windows-1252:Müller``, written in that
character set's bytes), and may hold ``QUOTED-PRINTABLE`` values whose soft line breaks (``=`` at
the end of a line) continue on the next line; Outlook writes one property of a card in UTF-8
(``X-MS-OL-DESIGN;CHARSET=utf-8``) and the others in Windows-1252. So a file is read as bytes:
cut into cards (``BEGIN:VCARD`` … ``END:VCARD``), each card into properties (folded lines and
soft line breaks joined), and each value decoded on its own: quoted-printable first, then its
``CHARSET`` (UTF-8 when none is named). Bytes that are not UTF-8 where UTF-8 is expected are read
as Windows-1252, the usual cause, and a notice says so (:attr:`VCardFile.notices`).

``vobject`` reads text, not bytes, so it cannot decode per property, and it keeps one
``NICKNAME`` of a list; reading content lines is small enough to do here. Values stay as written
(escaped); :func:`text`, :func:`parts` and :func:`items` unescape them.
"""

from __future__ import annotations

import codecs
import quopri
import re
from dataclasses import dataclass, field

_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_NAME = re.compile(r"(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)")
_ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
_ESCAPE = re.compile(r"\\(.)", re.S)
_ESCAPE_21 = re.compile(r"\\([\\;,:])")
"""vCard 2.1 escapes only these (a Windows path in a 2.1 NOTE keeps its backslashes)."""


class CardError(ValueError):
    """A card that cannot be read: ``line`` is the file's line that is wrong."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


@dataclass(slots=True)
class Property:
    """One property (content line) of a card."""

    line: int
    """The file's line it starts on."""
    name: str
    """Upper case, without its group: ``URL`` for ``item1.URL``."""
    group: str
    """Lower case (``item1``), or empty."""
    params: dict[str, list[str]]
    """Parameter names in upper case; vCard 2.1's bare parameters (``TEL;WORK;VOICE``) are
    ``TYPE`` values, a bare ``QUOTED-PRINTABLE`` an ``ENCODING``."""
    value: str
    """Decoded to text, still escaped as in the file."""

    def param(self, name: str) -> str | None:
        """The first value of parameter ``name`` (any case), or ``None``."""
        values = self.params.get(name.upper())
        return values[0] if values else None

    @property
    def types(self) -> set[str]:
        """The ``TYPE`` values, in lower case."""
        return {t.lower() for t in self.params.get("TYPE", [])}


@dataclass(slots=True)
class Card:
    """The properties of one card, in file order."""

    line: int
    properties: list[Property]

    @property
    def version(self) -> str:
        found = self.first("VERSION")
        return found.value.strip() if found is not None else ""

    def all(self, *names: str) -> list[Property]:
        """The properties called any of ``names`` (upper case), in file order."""
        return [p for p in self.properties if p.name in names]

    def first(self, name: str) -> Property | None:
        return next((p for p in self.properties if p.name == name), None)

    def text(self, prop: Property) -> str:
        """``prop``'s value as text (unescaped by this card's version's rules)."""
        return text(prop.value, self.version)

    def in_group(self, prop: Property, name: str) -> Property | None:
        """The property ``name`` of ``prop``'s group (Apple's ``item1.X-ABLabel``), if any."""
        if not prop.group:
            return None
        return next((p for p in self.properties if p.group == prop.group and p.name == name),
                    None)


@dataclass(slots=True)
class Failed:
    """A card (or text) of the file that is not read, and why."""

    line: int
    reason: str


@dataclass(slots=True)
class VCardFile:
    """What :func:`read_vcard_file` found."""

    cards: list[Card] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)
    """Cards that cannot be read, text outside any card, a last card never closed."""
    notices: list[Failed] = field(default_factory=list)
    """Things read with a guess the user should know of (a character set)."""
    has_begin: bool = False
    """Whether any ``BEGIN:VCARD`` line was seen."""


def read_vcard_file(data: bytes, *, charsets: bool = True) -> VCardFile:
    """The cards of a vCard file's bytes (a UTF-8 BOM is skipped). ``charsets=False``: the
    bytes were converted to UTF-8 from UTF-16, so ``CHARSET`` parameters no longer apply."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    found = VCardFile()
    decoder = _Decoder(charsets)
    depth, start, outside = 0, 0, False
    block: list[tuple[int, bytes]] = []
    for number, line in enumerate(_LINE_BREAK.split(data), 1):
        word = b"" if line[:1] in (b" ", b"\t") else line.strip().upper()
        if word == b"BEGIN:VCARD":
            found.has_begin = True
            if depth == 0:
                start, block = number, []
            depth += 1
        if depth:
            block.append((number, line))
            if word == b"END:VCARD":
                depth -= 1
                if depth == 0:
                    try:
                        found.cards.append(Card(start, _properties(block, decoder)))
                    except CardError as error:
                        found.failed.append(Failed(error.line,
                                                   f"not a valid vCard card: {error.reason}"))
        elif line.strip() and not outside:
            outside = True
            found.failed.append(Failed(number, "text outside BEGIN:VCARD … END:VCARD; ignored"))
    if depth:
        found.failed.append(Failed(start, "card not closed by END:VCARD (is the file cut "
                                          "short?); not read"))
    if decoder.guessed:
        first, count = decoder.guessed[0], len(decoder.guessed)
        more = f" (and {count - 1} more)" if count > 1 else ""
        found.notices.append(Failed(first, f"not UTF-8 text{more}; read as Windows-1252, as "
                                           "Outlook writes it: check the names it gave"))
    found.failed.sort(key=lambda f: f.line)
    return found


# -- content lines ------------------------------------------------------------------------------


def _properties(block: list[tuple[int, bytes]], decoder: _Decoder) -> list[Property]:
    """The properties of one card's lines (``BEGIN`` and ``END`` included; nested cards, as
    vCard 2.1's ``AGENT`` may hold, are skipped whole)."""
    logical: list[tuple[int, bytearray, bool]] = []  # (line, bytes, quoted-printable)
    for number, raw in block[1:-1]:
        if logical and logical[-1][2] and logical[-1][1].endswith(b"="):
            logical[-1][1][-1:] = raw  # a soft line break: the value goes on
        elif raw[:1] in (b" ", b"\t") and logical:
            logical[-1][1].extend(raw[1:])  # a folded line
        elif raw.strip():
            logical.append((number, bytearray(raw), b"QUOTED-PRINTABLE" in raw.upper()
                            .split(b":", 1)[0]))
    out: list[Property] = []
    depth = 0
    for number, joined, _qp in logical:
        prop = _property(number, bytes(joined), decoder)
        if prop.name in ("BEGIN", "END") and prop.value.strip().upper() == "VCARD":
            depth += 1 if prop.name == "BEGIN" else -1
            continue
        if depth == 0:
            out.append(prop)
    return out


def _property(number: int, raw: bytes, decoder: _Decoder) -> Property:
    colon = _unquoted(raw, b":")
    if colon is None:
        shown = raw.decode("utf-8", "replace").strip()
        raise CardError(number, f"{shown[:80]!r} is not a property (NAME:value)")
    head = raw[:colon].decode("ascii", "replace")
    pieces = _split_unquoted(head, ";")
    match = _NAME.fullmatch(pieces[0].strip())
    if match is None:
        raise CardError(number, f"{head[:80]!r} is not a property name")
    params: dict[str, list[str]] = {}
    for piece in pieces[1:]:
        key, equals, values = piece.partition("=")
        key = key.strip().upper()
        if not equals:  # vCard 2.1: TEL;WORK;VOICE, EMAIL;INTERNET, ;QUOTED-PRINTABLE
            key, values = ("ENCODING" if key in _ENCODINGS else "TYPE"), key
        params.setdefault(key, []).extend(
            v.strip().strip('"') for v in _split_unquoted(values, ",") if v.strip().strip('"'))
    value = decoder.decode(number, raw[colon + 1:], params)
    return Property(number, match[2].upper(), (match[1] or "").lower(), params, value)


def _unquoted(data: bytes, wanted: bytes) -> int | None:
    """Where ``wanted`` first occurs outside double quotes."""
    quoted = False
    for i, byte in enumerate(data):
        if byte == 0x22:
            quoted = not quoted
        elif not quoted and data[i:i + 1] == wanted:
            return i
    return None


def _split_unquoted(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == sep and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


class _Decoder:
    """Values from bytes to text, remembering the lines read as Windows-1252."""

    def __init__(self, charsets: bool) -> None:
        self.charsets = charsets
        self.guessed: list[int] = []

    def decode(self, line: int, data: bytes, params: dict[str, list[str]]) -> str:
        encoding = {e.upper() for e in params.pop("ENCODING", [])}
        charset = (params.pop("CHARSET", None) or [""])[0]
        if encoding & {"QUOTED-PRINTABLE", "QP"}:
            data = quopri.decodestring(data)
        if encoding & {"B", "BASE64"}:  # a photo or a key: not read, kept as ASCII
            return data.decode("ascii", "replace")
        if charset and self.charsets:
            try:
                return _lines(data.decode(codecs.lookup(charset).name))
            except (LookupError, ValueError):  # an unknown name, or bytes not in it
                pass
        try:
            return _lines(data.decode("utf-8"))
        except UnicodeDecodeError:
            self.guessed.append(line)
        try:
            return _lines(data.decode("cp1252"))
        except UnicodeDecodeError:  # the five bytes Windows-1252 leaves undefined
            return _lines(data.decode("latin-1"))


def _lines(text: str) -> str:
    """Line breaks a quoted-printable value held (``=0D=0A``) as ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# -- values -------------------------------------------------------------------------------------


def text(value: str, version: str = "3.0") -> str:
    """A value unescaped: ``\\n`` a line break, ``\\,`` ``\\;`` ``\\\\`` and (Google's, Apple's)
    ``\\:`` the character. In vCard 2.1 only ``\\;`` ``\\,`` ``\\:`` and ``\\\\`` are escapes."""
    if version.startswith("2"):
        return _ESCAPE_21.sub(lambda m: m[1], value)
    return _ESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], value)


def split_escaped(value: str, sep: str) -> list[str]:
    """``value`` cut at each ``sep`` that is not escaped with a backslash (still escaped)."""
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for ch in value:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            current.append(ch)
            escaped = True
        elif ch == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def parts(value: str, version: str = "3.0") -> list[str]:
    """The components of a structured value (``N``, ``ORG``, ``ADR``), unescaped and trimmed."""
    return [text(p, version).strip() for p in split_escaped(value, ";")]


def items(value: str, version: str = "3.0") -> list[str]:
    """The items of a list value (``NICKNAME``, ``CATEGORIES``), unescaped, trimmed, no
    empty ones."""
    return [t for t in (text(p, version).strip() for p in split_escaped(value, ",")) if t]
