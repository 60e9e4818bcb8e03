"""``python -m infoview``.

Python puts the current folder first on ``sys.path`` for ``-m``; run from inside a vault (which
may come from someone else), a ``yaml.py`` or ``click.py`` there would be imported instead of
the real module. It is taken off before anything else is imported (``python -P`` does the same).
"""

import os
import sys

if not sys.flags.safe_path and sys.path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from infoview.cli.main import main

main()
