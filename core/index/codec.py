"""Notes to and from the JSON kept in the index's ``notes.data`` column (compact, no dataclass
reflection on the hot path)."""

from __future__ import annotations

import json
from typing import Any

from infoview.model.note import Heading, InlineField, Link, ListItem, Note, Problem


def note_to_json(note: Note) -> str:
    return json.dumps({
        "fm": note.frontmatter,
        "bl": note.body_line,
        "ok": note.frontmatter_ok,
        "kl": note.key_lines,
        "h": [[h.level, h.text, h.line] for h in note.headings],
        "i": [[i.text, i.line, i.section, i.depth, i.task] for i in note.items],
        "l": [[k.target, k.line, k.source, k.subpath, k.alias, k.embed, k.explicit]
              for k in note.links],
        "f": [[f.key, f.value, f.line] for f in note.fields],
        "p": [[p.line, p.message, p.kind] for p in note.problems],
    }, ensure_ascii=False, separators=(",", ":"))


def note_from_json(path: str, data: str, body: str = "") -> Note:
    raw: dict[str, Any] = json.loads(data)
    return Note(
        path=path,
        frontmatter=raw["fm"],
        body=body,
        body_line=raw["bl"],
        frontmatter_ok=raw["ok"],
        key_lines=raw["kl"],
        headings=[Heading(*h) for h in raw["h"]],
        items=[ListItem(*i) for i in raw["i"]],
        links=[Link(*k) for k in raw["l"]],
        fields=[InlineField(*f) for f in raw["f"]],
        problems=[Problem(path, *p) for p in raw["p"]],
    )
