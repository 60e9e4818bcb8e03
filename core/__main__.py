"""``python -m infoview``."""

from infoview.cli.main import main

main()
