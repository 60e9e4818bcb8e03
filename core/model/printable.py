"""Text from notes, file names and imports, made safe to print on a terminal.

A terminal obeys control characters: ``ESC`` starts the sequences that set colours, the window
title or (OSC 52) the clipboard, ``CR`` moves back over what was printed, and C1 characters
(``U+0080``-``U+009F``) are escape sequences of their own on some terminals. A file name may
hold a line break, which would print as a line that infoview never wrote. So:

- :func:`printable` drops every C0 control but tab and newline, DEL and every C1 control (what
  the command line prints goes through it: :mod:`infoview.cli.output`);
- :func:`one_line` makes any text one line (a message, a value written into a generated note);
- :func:`quoted_name` shows a file name that holds a control or line-breaking character as a
  quoted string with escapes (``"Bad\\nName.md"``), so that it is one line and says what it is;
- :func:`command_word` writes a name into a command to paste (``infoview prep "Jane Doe"``) so
  that the shell reads it back as that one word and runs nothing of it.
"""

from __future__ import annotations

import re
import shlex

_CONTROLS_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Controls that never reach a terminal (tab and newline are kept)."""
_UNSAFE_IN_NAME_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
"""What makes a name be shown quoted: any control (tab and newline too), a line or paragraph
separator."""
_QUOTED_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\"\\\\]")
_SPACES_RE = re.compile(" {2,}")
_PLAIN_WORD_RE = re.compile(r"[\w@%+=:,./-]+")
_UNSAFE_IN_DOUBLE_QUOTES_RE = re.compile(r'[$`"\\!]')
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", '"': '\\"', "\\": "\\\\"}


def printable(text: str) -> str:
    """``text`` without control characters other than tab and newline."""
    return _CONTROLS_RE.sub("", text) if _CONTROLS_RE.search(text) else text


def one_line(text: str) -> str:
    """``text`` as one line: every control character (tab and line breaks included) and line
    or paragraph separator becomes a space, runs of spaces one space, ends trimmed."""
    if _UNSAFE_IN_NAME_RE.search(text) is None:
        return text
    return _SPACES_RE.sub(" ", _UNSAFE_IN_NAME_RE.sub(" ", text)).strip()


def quoted_name(name: str) -> str:
    """``name`` as it is, or, when it holds a control character or a line separator, as a
    double-quoted string with those (and ``"`` and ``\\``) escaped: ``"Bad\\nName.md"``,
    ``\\x1b``, ``\\u2028``. One line, always."""
    if _UNSAFE_IN_NAME_RE.search(name) is None:
        return name
    return '"' + _QUOTED_RE.sub(_escape, name) + '"'


def command_word(text: str) -> str:
    """``text`` as one shell word in a command for the user to paste: as it is when plain
    (``Globex``), in double quotes when it has spaces (``"Jane Doe"``), else single-quoted so
    nothing in it (``$(...)``, a backquote, ``!``) is run or expanded: ``'Jane $(x)'``.
    Control characters and line breaks become spaces first (:func:`one_line`)."""
    text = one_line(text)
    if _PLAIN_WORD_RE.fullmatch(text):
        return text
    if not _UNSAFE_IN_DOUBLE_QUOTES_RE.search(text):
        return f'"{text}"'
    return shlex.quote(text)


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
