"""The words around a person's or a company's name that are not the name: titles, suffixes, particles,
abbreviations. One list each, for the quotation engine, the article's cast, the corpus-wide speaker table and
the headline guess; each turns them into the regular expression or the folded set it needs."""
from __future__ import annotations

# written with a full stop: "Mr. Koenig", "Sen. Oduya" (the order is kept where a pattern is built from them)
ABBREVIATED_TITLES = ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Prof", "Sgt", "Adm",
                      "Maj", "Rev", "Hon", "Amb", "Supt", "Det", "Insp", "Fr", "Ald", "Cmdr", "Cdr", "Brig", "Cllr", "Cr",
                      "Smt")
# titles written out, and the courtesy titles that take no stop
WRITTEN_TITLES = ("Miss", "Mx", "Sir", "Dame", "Lord", "Lady", "Baroness", "Professor", "Doctor", "Cllr", "Cr", "Shri",
                  "Smt")
COURTESY_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx")  # tell a gender, but are not roles
NAME_SUFFIXES = ("Jr", "Sr")  # written with a full stop
NUMBERED_SUFFIXES = ("II", "III", "IV")
# letters after a name for an honour, a rank at the bar or a civil service: "Ada Kerr QC", "Ravi Rao IAS"
POSTNOMINALS = ("QC", "KC", "SC", "OBE", "MBE", "CBE", "KBE", "DBE", "IAS", "IPS", "IFS", "PhD")
# a company's abbreviation is part of its name: "Acme Ltd.", "Kay & Sons Inc."
ORG_ABBREVIATIONS = ("Inc", "Ltd", "Corp", "Co", "Cos", "Bros", "Plc", "Llc", "LLC", "PLC")
# other abbreviations whose full stop ends no sentence
OTHER_ABBREVIATIONS = ("St", "Mt", "Ft", "No", "Del", "Sept", "Jan", "Feb", "Mar", "Apr", "Aug", "Oct", "Nov", "Dec",
                       "vs", "etc")
# lower-case words inside a name that start its surname: "Joost van den Heuvel", "Charles de Gaulle"
PARTICLES = ("de", "da", "di", "del", "della", "der", "den", "van", "von", "bin", "ibn", "al", "el", "la", "le",
             "du", "dos", "ter", "abu", "ben")
# a surname glued to its particle: al-Assad, el-Sisi, d’Estaing
GLUED_PARTICLES = ("al-", "el-", "ad-", "as-", "ash-", "an-", "ul-", "bin-", "abu-", "ibn-", "d’", "d'")


def folded(*groups: tuple[str, ...]) -> frozenset[str]:
    """The words of `groups` casefolded, for comparing with a folded token."""
    return frozenset(word.casefold() for group in groups for word in group)
