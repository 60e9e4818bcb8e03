"""``python -m infoview``.

Python puts the current folder first on ``sys.path`` for ``-m``; run from inside a vault (which
may come from someone else), a ``yaml.py`` or ``click.py`` there would be imported instead of
the real module. It is taken off before anything else is imported (``python -P`` does the same).
"""

import os
import sys


def _here() -> str:
    try:
        return os.getcwd()
    except FileNotFoundError:  # deleted under the shell: main() says so in one line
        return ""


if not sys.flags.safe_path and sys.path and sys.path[0] in ("", _here()):
    del sys.path[0]

from infoview.cli.main import main  # noqa: E402 (after sys.path is made safe)

main()
