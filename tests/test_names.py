"""The one key names are compared by (:func:`infoview.model.names.name_key`): Unicode canonical
caseless matching, kept in NFC. Before, names were compared in NFC (``name_key``) and file names
in NFD (``file_key``), and the two disagreed on some names (the first table's last rows)."""

from __future__ import annotations

import unicodedata

import pytest
from helpers import TODAY, MakeVault, Run
from hypothesis import given, settings
from hypothesis import strategies as st

from infoview.model.names import name_key


@pytest.mark.parametrize(("names", "key"), [
    (["Jane Doe", "jane doe", "JANE DOE", "  Jane Doe \t"], "jane doe"),
    (["José", "Jose\u0301", "JOSÉ", "JOSE\u0301"], "josé"),  # precomposed, decomposed
    (["Straße", "STRASSE", "strasse", "STRAẞE"], "strasse"),  # ß, capital ẞ
    (["Ångström", "\u212bngström", "A\u030angstro\u0308m", "ÅNGSTRÖM"], "ångström"),  # Å U+212B
    (["İstanbul", "i\u0307stanbul", "I\u0307STANBUL"], "i\u0307stanbul"),  # Turkish dotted I
    (["ΐ", "Ϊ́", "\u0399\u0308\u0301", "\u03b9\u0308\u0301"], "ΐ"),  # NFC keys differed
    (["ǰ", "J\u030c", "j\u030c"], "ǰ"),  # the NFC key was j + combining caron
    (["ś", "s\u0301", "ſ\u0301", "Ś"], "ś"),  # long s: the NFC keys differed
])
def test_the_same_name_has_the_same_key(names: list[str], key: str) -> None:
    assert {name_key(name) for name in names} == {key}
    assert unicodedata.is_normalized("NFC", key)


@pytest.mark.parametrize(("one", "other"), [
    ("Istanbul", "İstanbul"),  # a dotted capital I is no plain i
    ("ıstanbul", "istanbul"),  # nor is a dotless one
    ("Jane Doe", "Jane  Doe"),
    ("Jane Doe", "Jane Doe."),
    ("Åsa", "Asa"),
    ("ﬁle", "fi le"),
])
def test_different_names_have_different_keys(one: str, other: str) -> None:
    assert name_key(one) != name_key(other)


def caseless(name: str) -> str:
    """Unicode's canonical caseless matching (D145): NFD(casefold(NFD(name)))."""
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", name).casefold())


NAMES = st.lists(st.sampled_from(
    [*"aAsSiIjJ ", "é", "e\u0301", "É", "ß", "ẞ", "Å", "\u212b", "\u030a", "İ", "ı", "\u0307",
     "ſ", "\u0301", "\u0308", "\u0345", "ΐ", "Ι", "ι", "ǰ", "\u030c", "ﬁ", "Ω", "\u2126"]),
    max_size=6).map("".join)


@settings(max_examples=500, deadline=None)
@given(one=NAMES, other=NAMES)
def test_keys_are_equal_exactly_when_the_names_match(one: str, other: str) -> None:
    assert (name_key(one) == name_key(other)) == (caseless(one.strip()) == caseless(other.strip()))
    assert unicodedata.is_normalized("NFC", name_key(one))
    assert name_key(name_key(one)) == name_key(one)


def test_a_link_finds_its_note_however_the_name_is_written(make_vault: MakeVault,
                                                           run: Run) -> None:
    vault = make_vault({
        "Contacts/\u03b9\u0308\u0301ason.md": "---\ntype: contact\n---\n",  # decomposed on disk
        "Contacts/Straße.md": "---\ntype: contact\n---\n",
        "Interviews/2026-11-20 Jason.md": (
            '---\ntype: interview\ncontact: "[[Ϊ́ASON]]"\ndate: 2026-11-20\n---\n'
            "Also met [[STRASSE]].\n"),
    })
    doctor = run("doctor", "--json", "--vault", vault, "--today", TODAY)
    assert not [p for p in doctor.json()["problems"] if p["kind"] == "link"], doctor.out
    shown = run("show", "ΐason", "--json", "--vault", vault)
    assert shown.code == 0, shown.err
    assert shown.json()["path"] == "Contacts/\u03b9\u0308\u0301ason.md"
