"""Quotation extraction and attribution: one test per rule of the spec, on short invented articles."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from store.quotes.engine import extract_quotations, find_quoted_spans

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "corpus" / "000_620a18013297070e.txt"


def article(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def said(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotations(text)]


def test_quotations_are_ordinary_frozen_quotations():
    # the engine makes them without the dataclass's __init__: they must still equal, hash and refuse changes
    # like quotations made by the class
    import dataclasses
    import pickle

    from store.model import Quotation

    text = article("\u201cThe bridge will open in May,\u201d Tomas Brandt said.", "\u201cNot a word of it.\u201d")
    for quotation in extract_quotations(text):
        fields = {field.name: getattr(quotation, field.name) for field in dataclasses.fields(Quotation)}
        made = Quotation(**fields)
        assert type(quotation) is Quotation and quotation == made and hash(quotation) == hash(made)
        assert repr(quotation) == repr(made) and pickle.loads(pickle.dumps(quotation)) == made
        assert dataclasses.replace(quotation, speaker="Anna Berg") == dataclasses.replace(made, speaker="Anna Berg")
        with pytest.raises(dataclasses.FrozenInstanceError):
            quotation.speaker = "someone else"


# --- quote marks -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("opener, closer", [("\u201c", "\u201d"), ("\u2018", "\u2019"), ("\u201e", "\u201c"),
                                            ("\u00ab", "\u00bb"), ('"', '"')])
def test_every_kind_of_quote_mark_is_paired(opener, closer):
    text = f"{opener}The bridge will open in May,{closer} Tomas Brandt said."
    assert said(text) == [("The bridge will open in May", "Tomas Brandt")]


def test_offsets_slice_the_text_without_the_marks_and_count_paragraphs():
    text = article("Tomas Brandt spoke to the council.", "\u201cWe are ready,\u201d Brandt said.")
    [quote] = extract_quotations(text)
    assert text[quote.start:quote.end] == quote.text == "We are ready"  # the comma before the mark belongs to the attribution
    assert quote.paragraph == 1


def test_apostrophes_are_never_quote_marks():
    text = ("\u201cI don\u2019t like Jones\u2019 car or the \u201990s, and rock \u2019n\u2019 roll is fine,\u201d "
            "Lena Varga said.")
    assert said(text) == [("I don\u2019t like Jones\u2019 car or the \u201990s, and rock \u2019n\u2019 roll is fine",
                           "Lena Varga")]


def test_a_nested_quotation_stays_inside_its_outer_quotation():
    text = "\u201cThey called it \u2018a disgrace\u2019 and left,\u201d Lena Varga said."
    assert said(text) == [("They called it \u2018a disgrace\u2019 and left", "Lena Varga")]


def test_a_quotation_running_over_paragraphs_takes_the_attribution_where_it_closes():
    text = article("Minister Lena Varga addressed the crowd.",
                   "\u201cWe built the dam in two years.",
                   "\u201cNow we will build the road,\u201d Tomas Brandt said.")
    assert said(text) == [("We built the dam in two years.", "Tomas Brandt"),
                          ("Now we will build the road", "Tomas Brandt")]


def test_a_missing_closing_mark_costs_at_most_its_paragraph():
    text = article("\u201cThis never closes, Lena Varga said.",
                   "Nothing here.",
                   "\u201cThe rest is fine,\u201d Tomas Brandt said.")
    assert said(text) == [("The rest is fine", "Tomas Brandt")]


def test_a_stray_space_inside_a_mark_or_a_doubled_opening_mark_still_pairs():
    text = article("Tomas Brandt spoke to the council on Monday.",
                   "\u201cThe dam is finished,\u201d Brandt said. \u201c You know, the road will take longer.\u201d",
                   "\"It would be a disgrace to stop now, \" Brandt said.",
                   "Lena Varga, who runs the port, proposes: \u201c\u201cEvery ship pays the same fee from May.\u201d")
    assert said(text) == [("The dam is finished", "Tomas Brandt"),
                          ("You know, the road will take longer.", "Tomas Brandt"),
                          ("It would be a disgrace to stop now", "Tomas Brandt"),
                          ("Every ship pays the same fee from May.", "Lena Varga")]


# --- attribution -------------------------------------------------------------------------------------------

def test_attribution_after_the_quote_with_name_then_verb():
    assert said("\u201cThe harvest was poor this year,\u201d Tomas Brandt said.") == \
        [("The harvest was poor this year", "Tomas Brandt")]


def test_attribution_after_the_quote_with_verb_then_name_and_role():
    [quote] = extract_quotations("\u201cThe harvest was poor,\u201d said Tomas Brandt, a spokesman for the port authority.")
    assert (quote.speaker, quote.role) == ("Tomas Brandt", "spokesman")


def test_attribution_by_pronoun_after_the_quote():
    text = article("Lena Varga visited the port on Monday.", "\u201cThe ships are late,\u201d she told reporters.")
    assert said(text) == [("The ships are late", "Lena Varga")]


def test_attribution_before_the_quote_with_a_colon():
    assert said("Lena Varga said: \u201cThe port will stay open.\u201d") == [("The port will stay open.", "Lena Varga")]


def test_attribution_before_the_quote_by_an_appositive_name():
    text = "The head of the dock workers\u2019 union, Tomas Brandt, struck a similar note: \u201cWe will not strike.\u201d"
    assert said(text) == [("We will not strike.", "Tomas Brandt")]


def test_attribution_before_the_quote_without_a_speech_verb():
    assert said("Lena Varga described the moment: \u201cEveryone stood up at once.\u201d") == \
        [("Everyone stood up at once.", "Lena Varga")]


def test_a_split_quote_shares_its_attribution():
    text = "\u201cWe tried,\u201d she said, \u201cbut the river rose too fast.\u201d"
    text = article("Lena Varga runs the ferry.", text)
    assert said(text) == [("We tried", "Lena Varga"), ("but the river rose too fast.", "Lena Varga")]


def test_an_unattributed_quotation_continues_the_previous_speaker():
    text = article("\u201cThe bridge is safe,\u201d Tomas Brandt said. \u201cIt was inspected in March.\u201d",
                   "\u201cWe will reopen it next week.\u201d")
    assert [s for _, s in said(text)] == ["Tomas Brandt"] * 3


@pytest.mark.parametrize("cue", ["added", "noted", "stressed", "emphasized", "underlined", "explained",
                                 "warned", "insisted", "asked", "wrote", "recalled", "pointed out"])
def test_speech_cues(cue):
    assert said(f"\u201cPrices will rise again,\u201d Lena Varga {cue}.") == [("Prices will rise again", "Lena Varga")]


def test_according_to_names_the_speaker():
    assert said("The plan is \u201ca waste of public money,\u201d according to Tomas Brandt.") == \
        [("a waste of public money", "Tomas Brandt")]


# --- speakers ----------------------------------------------------------------------------------------------

def test_a_surname_resolves_to_the_fullest_name_and_the_title_becomes_the_role():
    text = article("Foreign Minister Lena Varga arrived in Kell on Tuesday.",
                   "\u201cThe talks went well,\u201d Varga said.")
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.role) == ("Lena Varga", "Foreign Minister")


def test_titles_are_not_part_of_the_name():
    [quote] = extract_quotations("\u201cRest is the cure,\u201d Dr. Tomas Brandt said.")
    assert (quote.speaker, quote.role) == ("Tomas Brandt", "Dr.")


def test_a_role_noun_resolves_to_the_latest_person_given_that_role():
    text = article("Opposition MP Tomas Brandt spoke first.",
                   "Then Mayor Lena Varga replied.",
                   "\u201cThe budget is a fiction,\u201d the MP said.")
    assert said(text)[-1] == ("The budget is a fiction", "Tomas Brandt")


def test_a_pronoun_resolves_to_the_latest_speaker():
    text = article("\u201cThe mine is closing,\u201d Tomas Brandt said.",
                   "The company declined to comment on Friday.",
                   "\u201cWe were told nothing,\u201d he added.")
    assert said(text)[-1] == ("We were told nothing", "Tomas Brandt")


def test_an_unnamed_speaker_is_reported_by_the_head_noun():
    text = "\u201cThe border stays closed,\u201d a spokesman for the ministry said."
    assert said(text) == [("The border stays closed", "spokesman")]


def test_i_and_we_are_never_speakers():
    assert said("\u201cIt was cold that night,\u201d I said.") == [("It was cold that night", None)]


def test_an_epigraph_dash_names_the_speaker():
    assert said("\u201cNever give up on a harvest.\u201d \u2015 Lena Varga") == \
        [("Never give up on a harvest.", "Lena Varga")]


# --- not quotations ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The ministry opened the so-called \u201cgreen corridor\u201d for trucks.",
    "Brandt downloaded the app \"Lumen\" on his phone.",
    "The orchestra staged the opera \u201cKoroglu\u201d in Kell.",
    "Lena Varga appeared on \u201cMorning Talk With Anna\u201d last week.",
    "The \u201cbold\u201d plan failed within a week.",
])
def test_titles_nicknames_and_scare_quotes_are_not_quotations(text):
    assert extract_quotations(text) == []


def test_a_quoted_sentence_in_capitals_after_a_tagged_quote_continues_it_but_a_title_does_not():
    text = article("Two candidates lead the race for mayor.",
                   "\u201cOnly two people can win this,\u201d said Rick Stone, a strategist. "
                   "\u201cThat\u2019s Jan Marsh and Ola Berg.\u201d",
                   "Marsh has read \u201cThe Salt Roads.\u201d")
    assert said(text) == [("Only two people can win this", "Rick Stone"),
                          ("That\u2019s Jan Marsh and Ola Berg.", "Rick Stone")]


def test_find_quoted_spans_still_reports_titles_for_styling():
    text = "The orchestra staged the opera \u201cKoroglu\u201d in Kell."
    assert [text[s.start:s.end] for s in find_quoted_spans(text)] == ["Koroglu"]


# --- the seed article --------------------------------------------------------------------------------------

def _wire_body(raw: str) -> str:
    header, _, rest = raw.strip().partition("\n\n")
    assert re.match(r"date \d{4}-\d\d-\d\d By ", header.strip())
    return "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", rest) if p.strip())


def test_seed_article_quotations_and_speakers():
    if not SEED.exists():
        pytest.skip("../shared corpus not available")
    gold = json.loads(SEED.with_suffix(".quotes.json").read_text(encoding="utf-8"))["quotes"]
    found = extract_quotations(_wire_body(SEED.read_text(encoding="utf-8")))
    for gold_text, gold_speaker in gold:
        match = [q for q in found if gold_text.strip(" ,.") in q.text]
        assert match, gold_text
        assert match[0].speaker == gold_speaker, gold_text


# --- roles of several words, portfolios, courtesy titles ---------------------------------------------------

def _who(text: str) -> list[tuple[str | None, str | None]]:
    return [(q.speaker, q.role) for q in extract_quotations(text)]


def test_a_role_of_several_capitalised_words_before_a_name_is_the_role_not_the_name():
    text = "\u201cThe wells are full again,\u201d Water Resources Minister Ilona Petrak said."
    assert _who(text) == [("Ilona Petrak", "Water Resources Minister")]


def test_a_portfolio_after_minister_for_is_part_of_the_role():
    text = article("Deputy Minister for Agriculture Tiberiu Moldovan toured the orchards.",
                   "\u201cThe frost cost us a third of the apples,\u201d the deputy minister said.")
    assert _who(text) == [("Tiberiu Moldovan", "Deputy Minister for Agriculture")]


def test_a_portfolio_set_off_by_a_comma_gives_its_role_to_the_appositive_name():
    text = article("The treaty was signed by Odile Marchal, and by Belgravia\u2019s Minister of Fisheries, Anouk Tervoort.",
                   "\u201cThe cod will come back,\u201d the minister said.")
    assert _who(text) == [("Anouk Tervoort", "Minister of Fisheries")]


def test_a_qualified_role_noun_prefers_the_holder_with_that_qualifier():
    text = article("Foreign Minister Henrik Salo met Trade Minister Pia Lund in Turku.",
                   "\u201cWe agree on almost everything,\u201d the foreign minister said.")
    assert _who(text) == [("Henrik Salo", "Foreign Minister")]


def test_a_courtesy_title_is_not_a_role_but_a_clerical_title_is():
    text = article("\u201cThe bells will ring again,\u201d Father Anselm Kriegl said.",
                   "\u201cI never doubted it,\u201d Ms Dora Fenwick said.")
    assert _who(text) == [("Anselm Kriegl", "Father"), ("Dora Fenwick", None)]


def test_a_surname_with_lowercase_particles_resolves_to_the_full_name():
    text = article("The curator, Dr. Joost van den Heuvel, opened the crate.",
                   "\u201cIt is older than we thought,\u201d van den Heuvel said.")
    assert _who(text)[0][0] == "Joost van den Heuvel"


# --- capitalised words that are not speakers ---------------------------------------------------------------

def test_a_nationality_before_a_role_noun_is_not_a_name():
    text = ("A Danish official involved in the negotiations, who asked not to be named, described the talks as "
            "\u201cslow but honest in the end\u201d.")
    assert _who(text) == [("Danish official", None)]


def test_a_name_after_a_preposition_in_an_unnamed_description_is_not_the_speaker():
    text = "\u201cThe ferries will run on time,\u201d a spokeswoman for the Ministry of Transport said."
    assert _who(text) == [("spokeswoman", None)]


def test_a_name_with_where_it_belongs_after_a_described_role_is_the_speaker():
    text = ("The chief diver, Dr. Ines Kovac of the Adriatic marine institute, described the wreck: "
            "\u201cThe hull is still whole after ninety years.\u201d")
    assert _who(text) == [("Ines Kovac", "chief diver")]


def test_struck_a_different_note_is_a_cue_and_note_is_no_speaker():
    text = ("The chairman of the rowing club, Piet Okafor, struck a markedly different note: "
            "\u201cWe will row whatever the council decides.\u201d")
    assert _who(text) == [("Piet Okafor", "chairman")]


def test_a_pronoun_skips_places_named_with_the_and_quoted_titles():
    text = article("Stefan Ruegg has taught skiing in the Engadin Valley for twenty years.",
                   "\u201cThe snow comes later every winter,\u201d he said.",
                   "Mirela Dobre wrote \u201cThe Glass Harbour\u201d in a single summer. She said her editor had "
                   "been \u201cthe first reader and the harshest one\u201d.")
    assert [s for s, _ in _who(text)] == ["Stefan Ruegg", "Mirela Dobre"]


def test_the_mp_resolves_to_a_member_of_parliament_and_keeps_its_capitals():
    text = article("Jana Novotna, an independent member of parliament, opposed the plan.",
                   "\u201cThe figures do not add up,\u201d the MP said.")
    assert _who(text) == [("Jana Novotna", "MP")]
    assert _who("\u201cThe figures do not add up,\u201d the MP said.") == [("MP", None)]


# --- names, nicknames and terms that are not quotations ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "Engineers have nicknamed the drilling machine \u201cthe mole\u201d since it arrived.",
    "The route, which planners have taken to calling the \u201csilver line\u201d, opens in June.",
    "A spokesman said the figure was \u201cpreliminary\u201d and would be revised.",
    "\u201cThe Iron Orchard\u201d, written by Petra Holm to a score by Ivo Sander, tells the story of a flood.",
    "The museum sent its \u201cchief storyteller\u201d Mara Lind to the opening.",
])
def test_more_names_nicknames_and_terms_are_not_quotations(text):
    assert extract_quotations(text) == []


def test_a_term_set_off_as_a_name_once_is_not_a_quotation_elsewhere():
    text = article("The so-called \u201cgreen wall\u201d of poplars was planted in 1990.",
                   "Critics say the \u201cgreen wall\u201d never worked, Tomas Brandt said.")
    assert extract_quotations(text) == []


def test_a_short_partial_quotation_after_a_speech_verb_is_still_a_quotation():
    text = "Opposition MP Karl Weiss called the lease \u201cremarkably generous\u201d and walked out."
    assert _who(text) == [("Karl Weiss", "Opposition MP")]


# --- titles of works, names of things and terms used as nouns --------------------------------------------------

@pytest.mark.parametrize("text", [
    # the kind of work in apposition after its title
    "\u201cSalt and Iron,\u201d a film about the miners\u2019 strike, opens in Kell on Friday.",
    # the title before its star or its host and a name
    "\u201cLife on the Harbour is Hard\u201d star Mira Sand opened the festival.",
    # an article's headline before its author
    "\u201cWhy the ferries stopped running,\u201d by Tomas Brandt, ran on the front page.",
    # a kind of work with a word qualifying it
    "She described the flood in her 2009 memoir, \u201cDays of salt and iron.\u201d",
    "Brandt is a judge on the TV show \u201cWho bakes the best bread.\u201d",
    # a thing introduced by what it is called
    "A theatre group is staging a play called \u201cWhen the rain came back,\u201d written by a teacher.",
    "Residents formed a campaign called \u201cSave our old canal now\u201d last spring.",
    # a name set off by a so-called broken at its hyphen
    "Officials praised the so- called \u201cblue lane\u201d for buses.",
    # a short quote qualifying the noun after it
    "Protesters waved their home-made \u201cno more road tolls\u201d banners outside the council.",
    "Farmers put up their \u201cnot in our valley\u201d placards along the road.",
    # a title, a poster or a slogan dated in brackets
    "The party\u2019s posters read like a history of the town: \u201cKeep Kell green, keep Kell ours\u201d (1998).",
    # a kind of work after a possessive, and a work published
    "Ana Ruiz\u2019 commentary, \u201cWhy the harbour must stay open,\u201d drew many letters.",
    "Next month the press will publish \u201cA mayor among the fishermen,\u201d a life of Ola Berg.",
    # a title listed after another title
    "Jan Kay, who starred in \u201cMorning Harbour\u201d and \u201cThe Glass Orchard,\u201d said the theatre would close.",
])
def test_titles_of_works_names_of_things_and_noun_uses_are_not_quotations(text):
    assert extract_quotations(text) == []


def test_an_article_mixing_titles_terms_and_short_quotations_keeps_only_the_quotations():
    text = article(
        "Kell\u2019s harbour theatre will stage \u201cThe Salt Wives,\u201d a play about the fishing strike of 1931, "
        "from May, its director Jan Kay said.",
        "\u201cIt is the story this town never tells,\u201d Kay said. The production, which locals have taken to "
        "calling the \u201csalt opera,\u201d was written by Petra Holm, whose memoir, \u201cNets and Knots,\u201d "
        "sold out last year.",
        "Holm called the council\u2019s grant \u201cmore than fair\u201d and said the cast would \u201cgive the strike "
        "back its voices.\u201d Several fishermen wore their old \u201cone boat one vote\u201d badges to the "
        "first reading.",
        "\u201cLife of the Harbour\u201d star Mira Sand joins the cast. \u201cI grew up on those quays,\u201d "
        "Sand told \u201cMorning Kell.\u201d")
    assert said(text) == [("It is the story this town never tells", "Jan Kay"),
                          ("more than fair", "Petra Holm"),
                          ("give the strike back its voices.", "Petra Holm"),
                          ("I grew up on those quays", "Mira Sand")]


def test_a_quote_in_capitals_right_after_a_verb_of_saying_is_what_was_said():
    text = article("Mira Sand won the vote in Kell by a wide margin.",
                   "She declared \u201cWhat a Night for Kell!\u201d and thanked her volunteers.",
                   "Outside, her supporters marched to the harbour, chanting \u201cSand for Mayor, Sand for Kell,\u201d until late.")
    assert [q.text for q in extract_quotations(text)] == ["What a Night for Kell!", "Sand for Mayor, Sand for Kell"]


def test_a_short_quote_ending_its_sentence_before_a_capital_is_no_descriptor_before_a_name():
    text = "The board accused the mayor of using the fund as a \u201cprivate piggy bank.\u201d Ola Berg denied it."
    assert [q.text for q in extract_quotations(text)] == ["private piggy bank."]


def test_a_programme_told_is_not_a_quotation_but_what_was_told_is():
    text = "\u201cThe ferry will run again,\u201d Mira Sand told \u201cMorning Coffee,\u201d adding that tickets would be cheaper."
    assert said(text) == [("The ferry will run again", "Mira Sand")]


def test_a_calling_verb_before_a_named_kind_of_thing_takes_the_quote_as_what_it_was_called():
    text = "Mira Sand called the ferry program \u201ca waste of public money.\u201d"
    assert said(text) == [("a waste of public money.", "Mira Sand")]


def test_a_quote_after_a_relative_clause_on_called_is_still_a_quotation():
    text = "The council moved collections to once a fortnight, a decision the mayor called \u201clong overdue\u201d."
    assert [q.text for q in extract_quotations(text)] == ["long overdue"]


def test_a_short_quote_before_a_verb_or_a_participle_is_still_a_quotation():
    text = "Ola Berg said the plan was a \u201cquiet revolution\u201d sweeping the county."
    assert said(text) == [("quiet revolution", "Ola Berg")]


def test_a_fragment_of_four_words_is_a_quotation_without_a_cue_but_of_three_words_it_is_not():
    assert [q.text for q in extract_quotations("Residents hope the plan will \u201cbring the town back\u201d to life.")] == \
        ["bring the town back"]
    assert extract_quotations("Residents hope the plan will \u201cbring life back\u201d soon.") == []


def test_a_nationality_before_a_title_is_not_part_of_the_role():
    text = "\u201cThe border stays open,\u201d Slovene Interior Minister Rok Zupan said."
    assert _who(text) == [("Rok Zupan", "Interior Minister")]
