"""Built-in plugin: the problems ``infoview doctor`` reports about notes.

Invalid frontmatter and unreadable files and folders (file:line: message), links that resolve
to no note or to several, and sync-conflict copies.
"""

from __future__ import annotations

from infoview import hookimpl
from infoview.note import Problem
from infoview.session import Session


@hookimpl
def doctor_problems(session: Session) -> list[Problem]:
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
    return found
