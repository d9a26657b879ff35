"""The cast of an article: what is read once for each distinct name (a run's words, a single name's person) must
still depend on the article and on the place of each mention."""
from __future__ import annotations

from store.quotes.cast import Cast
from store.quotes.engine import extract_quotations


def article(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def said(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotations(text)]


def test_the_same_name_reads_by_its_own_article():
    first = Cast(article("Tom Kay runs the bakery.", "The Kay of the story is another man."))
    second = Cast(article("Ann Kay runs the bakery.", "Kay’s ovens are older than the town hall."))
    assert [(m.name, m.definite, m.possessive) for m in first.mentions if m.name == "Kay"] == [("Kay", True, False)]
    assert [(m.name, m.definite, m.possessive) for m in second.mentions if m.name == "Kay"] == [("Kay", False, True)]
    assert first.resolve("Kay", 100) == "Tom Kay"
    assert second.resolve("Kay", 100) == "Ann Kay"


def test_a_role_read_once_still_goes_only_to_the_name_set_beside_it():
    text = article("The Foreign Minister, Lena Varga, met the press on Monday.",
                   "The Foreign Minister left early. Lena Varga said little else.")
    cast = Cast(text)
    assert [m.role for m in cast.mentions if m.name == "Lena Varga"] == ["Foreign Minister", None]


def test_each_mention_of_a_shared_surname_goes_to_the_one_in_context():
    text = article("Tom Kay and his sister Ann Kay run the bakery on Harbour Street.",
                   "Mr. Tom Kay opened the shop at dawn. “The ovens were cold,” Kay said.",
                   "Mrs. Ann Kay counted the loaves at noon. “We sold out by ten,” Kay said.",
                   "“Tom bakes, I sell,” said Mrs. Kay.")
    assert said(text) == [("The ovens were cold", "Tom Kay"), ("We sold out by ten", "Ann Kay"),
                          ("Tom bakes, I sell", "Ann Kay")]


def test_a_surname_quoted_before_the_full_name_is_given_is_completed():
    text = article("“The river rose overnight,” Berg said on Tuesday.",
                   "Anna Berg, the harbour master, closed the quay at noon.")
    assert said(text) == [("The river rose overnight", "Anna Berg")]


def test_a_surname_is_completed_from_a_full_name_given_far_from_every_quotation():
    filler = ["The ferry left the harbour at six and came back at nine, as it does every day of the week."] * 30
    text = article("Marta Olsen-Brekke has kept the lighthouse on Skarv Point since the storm of the winter.",
                   *filler, "“The lamp has never failed,” Olsen-Brekke said.")
    assert said(text) == [("The lamp has never failed", "Marta Olsen-Brekke")]


def test_two_people_who_share_a_surname_stay_two_when_only_one_is_asked_about():
    text = article("Jonas Hald and his brother Erik Hald run the boatyard on the north quay.",
                   "Erik Hald was at sea all week. “The hulls are ready,” Jonas Hald said.",
                   "“We start painting on Monday,” Hald added.")
    assert said(text) == [("The hulls are ready", "Jonas Hald"), ("We start painting on Monday", "Jonas Hald")]
    cast = Cast(text)
    assert cast.resolve("Hald", text.index("Erik Hald was") + 20) == "Erik Hald"
    assert [p.fullest for p in cast.people.values() if p.given] == ["Jonas Hald", "Erik Hald"]


def test_the_people_of_an_article_are_listed_in_reading_order_whatever_was_asked_first():
    text = article("Ola Berg met the mayor, Tom Kay, at the Valley Post office.",
                   "Kay spoke first. Later Anna Lind joined them.")
    cast = Cast(text)
    assert cast.resolve("Lind", len(text)) == "Anna Lind"  # asked about before the others
    assert cast.gender_of("Kay") is None or cast.gender_of("Kay") in ("m", "f")
    assert [p.fullest for p in cast.people.values() if p.given] == ["Ola Berg", "Tom Kay", "Anna Lind"]
    assert cast.people["Valley Post"].body


def test_a_role_is_found_on_a_person_named_before_the_nearest_names():
    text = article("Governor Lena Varga opened the new bridge over the Kell river on Monday morning.",
                   "Tom Kay, Ola Berg and Anna Lind cut the ribbon with the builders from Harbour Works.",
                   "“It will carry twice the traffic,” the governor said.")
    assert said(text) == [("It will carry twice the traffic", "Lena Varga")]


def test_what_is_read_once_for_each_name():
    from store.quotes.cast import _name_facts, _strip_possessive, split_role
    assert _name_facts("Bashar al-Assad") == (("s assad", "g bashar"), "assad", "bashar assad", False, "bashar")
    assert _name_facts("Martin Luther King Jr.") == (("s king", "g martin"), "king", "martin king", False, "martin")
    assert _name_facts("Cody Park") == (("s park", "g cody"), "park", "cody park", False, "cody")  # a surname
    assert _name_facts("Valley Post")[:4] == (("b Valley Post",), "post", "Valley Post", True)
    assert _name_facts("UN FAO")[3] and _name_facts("BBC")[3] and not _name_facts("Anna BBC")[3]
    assert _name_facts("O’Neill") == (("s o’neill", "g o’neill"), "o’neill", "O’Neill", False, "o’neill")
    assert _name_facts("d’Estaing") == (("s estaing", "g d’estaing"), "estaing", "d’Estaing", False, "d’estaing")
    assert _name_facts("Jr.")[1] == "jr."  # a suffix alone is its own surname
    assert [_strip_possessive(n) for n in ("Varga’s", "Jones'", "Kay’s’", "Kay")] == ["Varga", "Jones", "Kay’s", "Kay"]
    assert split_role(["The", "Minister", "Ana", "Lopes", "MBE"]) == ("Minister", ["Ana", "Lopes"])
    assert split_role(["The", "Ana", "Lopes"]) == (None, ["Ana", "Lopes"])
