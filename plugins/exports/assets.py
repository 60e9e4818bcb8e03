"""The report's package data files, read once: ``report.css`` (the page's style),
``report.html`` (the page around its sections) and ``referrals.svg`` (the referral graph around
its panels, arrows and people). The templates are :class:`string.Template` text: ``$name`` is a
value the code fills in, already escaped."""

from __future__ import annotations

import functools
from importlib.resources import files
from string import Template


@functools.cache
def asset(name: str) -> str:
    """The text of the package data file ``name`` (LF line ends, whatever the checkout has)."""
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


@functools.cache
def template(name: str) -> Template:
    """The package data file ``name`` as a template."""
    return Template(asset(name))
