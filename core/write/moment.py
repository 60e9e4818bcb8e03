"""Moment.js date formats (``YYYY-MM-DD``, ``dddd, MMMM Do``...), as Obsidian's templates use
them, in English."""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_WEEKDAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_MOMENT_TOKEN = re.compile(
    r"\[[^\[]*\]"
    r"|\\?(?:[Hh]mm(?:ss)?|Mo|M{1,4}|Do|DDDo|D{1,4}|d{2,4}|do?|w[ow]?|W[oW]?|Qo?|N{1,5}"
    r"|YYYYYY|YYYYY|YYYY|YY|y{2,4}|yo?|gg(?:ggg?)?|GG(?:GGG?)?|[eEaAxX]|hh?|HH?|kk?|mm?|ss?"
    r"|S{1,9}|zz?|ZZ?|.)",
    re.S,
)


def format_moment(moment: datetime.datetime, fmt: str) -> str:
    """``moment`` formatted like Moment.js ``moment.format(fmt)`` in the English locale
    (Sunday-first locale weeks, the week holding 1 January is week 1; ISO weeks for ``W``).
    A naive ``moment`` is local time (for ``X``, ``x``, ``Z``, ``ZZ``)."""
    out: list[str] = []
    for match in _MOMENT_TOKEN.finditer(fmt):
        token = match.group()
        if token.startswith("[") and len(token) > 1:
            out.append(token[1:-1])
        elif token.startswith("\\"):
            out.append(token[1:])
        else:
            out.append(_moment_token(moment, token))
    return "".join(out)


def _moment_token(m: datetime.datetime, token: str) -> str:
    day = (m.weekday() + 1) % 7  # Moment: Sunday is 0
    year = m.year
    if token in ("Y", "YYYY"):
        return f"{year:04d}" if year <= 9999 else f"+{year}"
    simple: dict[str, Callable[[], str]] = {
        "YY": lambda: f"{year % 100:02d}",
        "YYYYY": lambda: f"{year:05d}",
        "YYYYYY": lambda: f"+{year:06d}",
        "y": lambda: str(year), "yo": lambda: _ordinal(year),
        "Q": lambda: str((m.month - 1) // 3 + 1), "Qo": lambda: _ordinal((m.month - 1) // 3 + 1),
        "M": lambda: str(m.month), "Mo": lambda: _ordinal(m.month), "MM": lambda: f"{m.month:02d}",
        "MMM": lambda: _MONTHS[m.month - 1][:3], "MMMM": lambda: _MONTHS[m.month - 1],
        "D": lambda: str(m.day), "Do": lambda: _ordinal(m.day), "DD": lambda: f"{m.day:02d}",
        "DDD": lambda: str(_day_of_year(m)), "DDDo": lambda: _ordinal(_day_of_year(m)),
        "DDDD": lambda: f"{_day_of_year(m):03d}",
        "d": lambda: str(day), "do": lambda: _ordinal(day), "e": lambda: str(day),
        "dd": lambda: _WEEKDAYS[day][:2], "ddd": lambda: _WEEKDAYS[day][:3],
        "dddd": lambda: _WEEKDAYS[day], "E": lambda: str(m.isoweekday()),
        "w": lambda: str(_week(m, 0, 6)[0]), "wo": lambda: _ordinal(_week(m, 0, 6)[0]),
        "ww": lambda: f"{_week(m, 0, 6)[0]:02d}",
        "W": lambda: str(_week(m, 1, 4)[0]), "Wo": lambda: _ordinal(_week(m, 1, 4)[0]),
        "WW": lambda: f"{_week(m, 1, 4)[0]:02d}",
        "gg": lambda: f"{_week(m, 0, 6)[1] % 100:02d}", "gggg": lambda: f"{_week(m, 0, 6)[1]:04d}",
        "ggggg": lambda: f"{_week(m, 0, 6)[1]:05d}",
        "GG": lambda: f"{_week(m, 1, 4)[1] % 100:02d}", "GGGG": lambda: f"{_week(m, 1, 4)[1]:04d}",
        "GGGGG": lambda: f"{_week(m, 1, 4)[1]:05d}",
        "H": lambda: str(m.hour), "HH": lambda: f"{m.hour:02d}",
        "h": lambda: str(m.hour % 12 or 12), "hh": lambda: f"{m.hour % 12 or 12:02d}",
        "k": lambda: str(m.hour or 24), "kk": lambda: f"{m.hour or 24:02d}",
        "m": lambda: str(m.minute), "mm": lambda: f"{m.minute:02d}",
        "s": lambda: str(m.second), "ss": lambda: f"{m.second:02d}",
        "Hmm": lambda: f"{m.hour}{m.minute:02d}",
        "Hmmss": lambda: f"{m.hour}{m.minute:02d}{m.second:02d}",
        "hmm": lambda: f"{m.hour % 12 or 12}{m.minute:02d}",
        "hmmss": lambda: f"{m.hour % 12 or 12}{m.minute:02d}{m.second:02d}",
        "a": lambda: "am" if m.hour < 12 else "pm", "A": lambda: "AM" if m.hour < 12 else "PM",
        "X": lambda: str(math.floor(m.timestamp())),
        "x": lambda: str(math.floor(m.timestamp() * 1000)),
        "Z": lambda: _offset(m, ":"), "ZZ": lambda: _offset(m, ""),
        "z": lambda: "", "zz": lambda: "",
        "N": lambda: "AD", "NN": lambda: "AD", "NNN": lambda: "AD", "NNNN": lambda: "Anno Domini",
        "NNNNN": lambda: "AD",
    }
    if token in simple:
        return simple[token]()
    if token.startswith("S"):
        return (f"{m.microsecond // 1000:03d}" + "0" * 6)[:len(token)]
    if token.startswith("yy"):
        return str(year).zfill(len(token))
    return token


def _ordinal(number: int) -> str:
    if number % 100 // 10 == 1:
        return f"{number}th"
    return f"{number}" + {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def _day_of_year(m: datetime.datetime) -> int:
    return m.timetuple().tm_yday


def _offset(m: datetime.datetime, sep: str) -> str:
    offset = m.utcoffset() if m.tzinfo is not None else m.astimezone().utcoffset()
    minutes = int((offset or datetime.timedelta()).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}{sep}{minutes:02d}"


def _week(m: datetime.datetime, dow: int, doy: int) -> tuple[int, int]:
    """Moment's ``weekOfYear``: (week, week-year) for weeks starting on ``dow`` (0 = Sunday)
    where the week holding 1 January + (``7 + dow - doy - 1``) days is week 1."""

    def first_week_offset(y: int) -> int:
        fwd = 7 + dow - doy  # this day of January is always in week 1
        ordinal = _days_before_year(y) + fwd
        fwdlw = (7 + ordinal % 7 - dow) % 7  # ordinal % 7: 0 is Sunday
        return -fwdlw + fwd - 1

    def weeks_in_year(y: int) -> int:
        days = 366 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 365
        return (days - first_week_offset(y) + first_week_offset(y + 1)) // 7

    week = (_day_of_year(m) - first_week_offset(m.year) - 1) // 7 + 1
    if week < 1:
        return week + weeks_in_year(m.year - 1), m.year - 1
    if week > weeks_in_year(m.year):
        return week - weeks_in_year(m.year), m.year + 1
    return week, m.year


def _days_before_year(y: int) -> int:
    """Days from 0001-01-01 (ordinal 1) to the start of year ``y``, proleptic Gregorian."""
    y -= 1
    return y * 365 + y // 4 - y // 100 + y // 400
