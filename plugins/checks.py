"""Built-in plugin: the problems ``infoview doctor`` reports about notes.

Invalid frontmatter and unreadable files and folders (file:line: message), links that resolve
to no note or to several, sync-conflict copies, and interview durations infoview cannot read (a
warning: the exports leave them out rather than guess).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from infoview import hookimpl
from infoview.api import Session, as_list, as_minutes, is_empty

if TYPE_CHECKING:
    from infoview.api import Problem


@hookimpl
def doctor_problems(session: Session) -> list[Problem]:
    from infoview.api import Problem

    index = session.index
    found = list(index.problems())
    for link in index.bad_links():
        if link.status == "ambiguous":
            message = (f"link [[{link.target}]] is ambiguous: several notes have that name; "
                       "link with the folder, e.g. [[Folder/Name]]")
        else:
            message = f"link [[{link.target}]] points at no note; fix the name or create it"
        found.append(Problem(link.source, link.line, message, kind="link"))
    for folder in index.files("unreadable"):
        found.append(Problem(f"{folder}/" if folder else "./", None, "folder cannot be read; "
                             "check its permissions (its notes are not indexed)"))
    for path in index.files("conflict"):
        found.append(Problem(path, None, "sync-conflict copy: compare it with the original, "
                             "keep what you need, then delete it", kind="conflict"))
    found.extend(unreadable_durations(session))
    return found


def unreadable_durations(session: Session) -> list[Problem]:
    """A warning for each interview whose ``duration`` is not a length :func:`as_minutes`
    reads (looked up inside SQLite; only those notes are decoded, for the line)."""
    from infoview.api import Problem

    index = session.index
    bad = {n.path: n.props["duration"] for n in index.properties("interview", ["duration"])
           if not is_empty(n.props.get("duration")) and as_minutes(n.props["duration"]) is None}
    structures = index.structures(sorted(bad))
    return [Problem(path, structures[path].key_lines.get("duration") if path in structures
                    else None,
                    f"duration {as_list(value)[0]!r} is not a length infoview reads (45, 45m, "
                    "45 min, 1h, 1h30, 1.5h, 1:30); exports leave it out", kind="warning")
            for path, value in sorted(bad.items())]
