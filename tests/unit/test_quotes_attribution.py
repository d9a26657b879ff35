"""Who said it: one group of tests per kind of attribution error seen on real news, each on short articles
written for the test."""
from __future__ import annotations

import pytest

from store.quotes.engine import extract_quotations


def article(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in extract_quotations(text)]


def said(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract_quotations(text)]


# --- 1. pronouns: the subject of the sentence, else of the one before, else the latest speaker; gender fits --

def test_an_opening_clause_does_not_hide_the_subject_of_the_previous_sentence():
    text = article("Commuters waited for an hour at Varna station on Monday.",
                   "Asked about the delay, Mira Sand smiled. “Trains are late everywhere,” she said.")
    [quote] = extract_quotations(text)
    assert quote.speaker == "Mira Sand"
    assert (quote.resolution, quote.basis) == ("pronoun", "previous_sentence")


def test_a_pronoun_tag_repeats_the_name_the_cue_before_the_quote_gave():
    text = article("Anna Berg was asked about the harbour deal on Monday.",
                   "Asked Tuesday about the deal, Ola Lind said \"I don't know anything about the harbour and the "
                   "fees,\" she said. \"I have never heard of it.\"")
    assert speakers(text) == ["Ola Lind", "Ola Lind"]


def test_she_skips_a_man_who_spoke_last_for_the_woman_the_article_is_about():
    text = article("“We wanted someone who knows the club,” said Jens Albers, the club president.",
                   "Albers said Koenig had signed a three-year contract.",
                   "Ilse Koenig, who grew up near the ground, said she wanted more energy.",
                   "“Football should be a little bit loud,” she said.")
    assert speakers(text) == ["Jens Albers", "Ilse Koenig"]


def test_she_never_goes_to_the_owner_of_a_subject_described_by_a_common_noun():
    # a given name that tells no gender: "judges" (of unknown gender too) stood nearer
    text = article("“The garden has been my life for forty years,” said Quorra Lund, who won the county prize.",
                   "The judges’ vote was close, the chairman said, although nobody asked for a recount.",
                   "Lund’s roses are grown from old cuttings. She lives by the river with her brother, who she "
                   "said had been “the only one allowed to prune the climbing roses”.")
    assert said(text)[-1] == ("the only one allowed to prune the climbing roses", "Quorra Lund")


def test_gender_comes_from_the_article_before_the_given_name():
    text = article("Robin Hale, the chairwoman of the board, met Tom Kay on Friday.",
                   "“The figures are worse than we feared,” she said.")
    assert speakers(text) == ["Robin Hale"]


def test_a_given_name_tells_the_gender_when_the_article_does_not():
    text = article("Anna Berg and Piotr Nowak opened the new ferry route on Tuesday.",
                   "“It took nine years of letters to get here,” he said.")
    assert speakers(text) == ["Piotr Nowak"]


@pytest.mark.parametrize("woman, man", [("Dianne Lund", "Tom Kay"), ("Ivana Berg", "Newt Varga"),
                                        ("Juanita Roe", "Hank Ode")])
def test_common_given_names_tell_the_gender(woman, man):
    text = article(f"{man} met {woman} at the harbour on Friday.",
                   f"“The figures are worse than we feared,” {man.split()[-1]} said.",
                   "“We will need a second pump,” she said.")
    assert speakers(text) == [man, woman]


def test_a_pronoun_that_opens_a_sentence_carries_the_subject_on():
    text = article("Ilse Koenig won 61 caps for the national team.",
                   "She has coached the under-19 side for six years. “I am ready,” she said.")
    assert speakers(text) == ["Ilse Koenig"]


def test_a_pronoun_goes_to_the_unnamed_speaker_the_sentence_before_introduced():
    text = article("“The new road will cut us off from the river,” said Edith Marr, who has farmed here since 1971.",
                   "Another resident disagreed. “It is the first thing the county has done for us in years,” she "
                   "said.")
    assert speakers(text) == ["Edith Marr", "resident"]


def test_a_pronoun_goes_to_the_person_an_appositive_names_after_a_described_subject():
    text = article("“The new road will cut us off from the river,” said Edith Marr, who has farmed here since 1971.",
                   "One voter, Rosa Castell, 58, came to the meeting with a petition. “Ninety signatures in two "
                   "days,” she said.")
    assert speakers(text) == ["Edith Marr", "Rosa Castell"]


def test_a_described_subject_with_a_restrictive_clause_is_not_someone_new():
    text = article("Mayor Ana Ruiz opened the new clinic on Monday.",
                   "A mayor who closed two clinics in her first term now wants credit for opening one. “We listened,” "
                   "she said.")
    assert speakers(text) == ["Ana Ruiz"]

def test_he_goes_to_a_kin_named_by_a_given_name_alone():
    text = article("Helen Marsh came ashore in Antigua after 61 days alone at sea.",
                   "Her husband, Graham, had waited on the dock since dawn.",
                   "“I was not worried. Well, a little,” he said.")
    assert speakers(text) == ["Graham"]

# --- 2. the fullest name ----------------------------------------------------------------------------------

def test_a_given_name_alone_is_completed_when_one_person_has_it():
    text = article("Anna Berg runs the bakery on Quay Street with her brother Tom.",
                   "“We bake at four every morning,” Anna said.")
    assert speakers(text) == ["Anna Berg"]


def test_a_given_name_joined_to_another_before_their_shared_surname_takes_the_surname():
    text = article("Sophie and Lauren Marsh, 29 and 31, spent two years saving for the bakery.",
                   "“We used to sell cupcakes at the school gate,” Sophie said.",
                   "“Somebody has to do the accounts,” Lauren said.")
    assert speakers(text) == ["Sophie Marsh", "Lauren Marsh"]


def test_two_people_who_share_a_surname_are_never_merged():
    text = article("Tom Kay and his wife, Anna Kay, own the last dairy in the valley.",
                   "“We will not sell,” Mrs. Kay said.",
                   "Tom Kay was less sure. “Nobody wants milk at this price,” Kay said.")
    assert speakers(text) == ["Anna Kay", "Tom Kay"]


def test_a_bare_surname_goes_to_the_one_of_them_in_context_never_a_third():
    text = article("Dr. Lena Brandt and her brother Jonas Brandt inherited the vineyard.",
                   "Jonas Brandt wants to sell it. “The land is worth more than the wine,” Brandt said.")
    assert speakers(text) == ["Jonas Brandt"]


def test_the_fullest_form_of_a_name_is_used_wherever_it_was_given():
    text = article("“The harvest is safe,” Hillary Rowe said on Monday.",
                   "Hillary Mae Rowe has farmed the valley for thirty years.")
    assert speakers(text) == ["Hillary Mae Rowe"]


# --- 3. appositives both ways -------------------------------------------------------------------------------

def test_a_name_after_its_role_in_an_appositive():
    text = "“The border stays open,” said a spokeswoman for the agency, Jane Doe."
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.role) == ("Jane Doe", "spokeswoman")


def test_a_described_role_before_an_appositive_name():
    text = ("The head of the jury, the critic Dr. Paul Roe, described the novel as "
            "“quiet in the way the sea is quiet”.")
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.role) == ("Paul Roe", "critic")  # the title gives way to the role beside it


def test_a_title_is_still_the_role_when_nothing_else_is_said():
    text = article("Dr. Lena Moss treated forty patients after the storm. Tom Reed brought the supplies.",
                   "“It was a long night,” the doctor said.")
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.role) == ("Lena Moss", "Dr.")


def test_a_title_at_a_later_cue_gives_way_to_the_role_the_article_gave_the_person():
    text = article("Dr. Lena Ortiz, the county veterinary officer, inspected the farms on Monday.",
                   "“The herds are healthy,” Dr. Ortiz said. “We found no sign of the fever,” she said, "
                   "“and the markets can open.”")
    assert [(q.speaker, q.role) for q in extract_quotations(text)] == [("Lena Ortiz", "officer")] * 3


@pytest.mark.parametrize("role", ["veterinarian", "paramedic", "epidemiologist", "barrister", "referee"])
def test_common_professions_are_roles(role):
    text = f"“The count was wrong from the start,” said Lena Ortiz, a {role} from the valley."
    assert [(q.speaker, q.role) for q in extract_quotations(text)] == [("Lena Ortiz", role)]


def test_a_possessive_role_before_an_appositive_name():
    text = "“I did not see the letter,” said Anna Berg’s colleague, Tom Kay."
    assert speakers(text) == ["Tom Kay"]


@pytest.mark.parametrize("lead, role", [("Investor Jane Doe", "Investor"), ("Rival coach Tom Kay", "Rival coach")])
def test_a_role_word_never_seen_is_still_split_from_the_name(lead, role):
    name = lead.split(" ", len(role.split()))[-1]
    text = article(f"“The club needs new money,” {lead} said.", f"“It will come,” {name.split()[-1]} added.")
    quotes = extract_quotations(text)
    assert [q.speaker for q in quotes] == [name, name]


@pytest.mark.parametrize("role", ["master of ceremonies", "former secretary of state"])
def test_a_role_written_out_after_the_verb_before_the_name(role):
    text = f"“Welcome to Kemi,” said {role} Ola Berg, who opened the fair."
    assert speakers(text) == ["Ola Berg"]


def test_an_appositive_name_after_a_role_word_is_the_speaker():
    text = ("\"It's about time that we had a woman running this harbour,\" exhorted Berg's introducer, actress Anna "
            "Lind Holm.")
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.role) == ("Anna Lind Holm", "actress")


def test_a_clause_after_a_comma_is_no_appositive():
    text = article("Tom Kay.",
                   "Ola Berg, a harbour consultant, notes that a fifth of the vote is enough to win a seat, which "
                   "means Kay \"can do a lot of damage by cherry-picking\" in the north.")
    assert speakers(text) == ["Ola Berg"]


def test_a_name_after_a_possessive_role_and_a_nickname_closes_the_tag():
    text = ("\"This is a big year for our harbour,\" Berg's niece, state Rep. Marcia \"Cia\" Lund (D-Kemi), shouted "
            "to the crowd. \"The whole valley is watching us.\"")
    assert speakers(text) == ["Marcia Lund", "Marcia Lund"]


def test_a_business_partner_described_before_the_name_is_the_subject():
    text = ("In the 1990s, he turned one of his companies into a large business. His former business partner at "
            "Lenox, Tom B. Kay, called him a master at bolting together deals. \"He showed again and again an "
            "ability to put together deals that other people couldn't.\"")
    assert speakers(text) == ["Tom B. Kay"]


@pytest.mark.parametrize("lead", ["Valley TV host", "Radio host", "Harbour Board spokesman"])
def test_a_name_after_its_role_and_a_body_keeps_the_person_when_a_relative_clause_follows(lead):
    text = (f"{lead} Tom Kay, who interviewed the mayor last week, said on air that she had been "
            "“remarkably candid about the budget”.")
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.role) == ("Tom Kay", lead)

@pytest.mark.parametrize("word", ["Investor", "Pianist", "Distributor"])
def test_a_word_for_what_someone_does_before_a_name_of_either_gender_is_a_role(word):
    text = f"{word} Dana Okafor said the plan was “years ahead of anyone else.”"
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.role) == ("Dana Okafor", word)


@pytest.mark.parametrize("subject", ["The head of the port’s board", "The man who runs the port",
                                     "The Dutchman who runs the port"])
def test_a_name_set_off_after_a_described_subject_is_who_he_refers_to(subject):
    text = article("Harbour master Tom Kay said the quay was safe. “We check it every week,” he said.",
                   f"{subject}, Joost Kuiper, told reporters that the cranes were old. “They are older than I "
                   "am,” he said.")
    assert speakers(text) == ["Tom Kay", "Joost Kuiper"]


# --- 4. names with parts --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, opening", [("Pieter van der Laan", "Van der Laan"), ("Lucía de la Vega", "De la Vega"),
                                           ("Karim al-Masri", "Al-Masri")])
def test_a_surname_with_a_particle_capitalised_to_open_a_sentence_is_completed(name, opening):
    text = article(f"The club's new coach, {name}, arrived on Monday.",
                   f"“We start training tomorrow at seven,” {opening} said.")
    assert speakers(text) == [name]


def test_a_nickname_in_quotes_inside_a_name_is_dropped():
    text = article("The club named Ilse “The Hammer” Koenig as its coach.",
                   "“I have waited a long time for this,” Koenig said.")
    assert speakers(text) == ["Ilse Koenig"]


@pytest.mark.parametrize("full, short", [("Joost van den Heuvel", "van den Heuvel"), ("Omar al-Rashid", "Rashid"),
                                         ("Martin Luther Grant Jr.", "Grant"), ("George W. Hale", "Hale")])
def test_particles_suffixes_and_initials(full, short):
    text = article(f"{full} opened the exhibition on Friday.", f"“It is older than we thought,” {short} said.")
    assert speakers(text) == [full]


@pytest.mark.parametrize("name", ["Enrique PeÃ±a Nieto", "Marc TrÃ©vidic", "FranÃ§ois Lund"])
def test_a_name_read_with_the_wrong_encoding_stays_one_name(name):
    # UTF-8 read as Latin-1 leaves a sign inside the word: the name is still whole, never cut at the sign
    text = f"As the prosecutor {name} put it, \"apart from the wrong crowd and some jogging, there was nothing.\""
    assert speakers(text) == [name]


@pytest.mark.parametrize("name", ["Jean Paul Sartre", "Sant Singh Chatwal", "Kim Jong Un"])
def test_a_three_word_name_keeps_its_first_word(name):
    [quote] = extract_quotations(f"“Hell is other people,” {name} said.")
    assert (quote.speaker, quote.role) == (name, None)


def test_a_role_never_seen_is_still_split_from_a_three_word_name():
    [quote] = extract_quotations("“Hell is other people,” Consultant Dana Doe said.")
    assert (quote.speaker, quote.role) == ("Dana Doe", "Consultant")


# --- 5. quote marks ----------------------------------------------------------------------------------------------

def test_british_single_quotes_with_apostrophes_inside():
    text = article("'It's the best season since the '90s,' said Anna Berg, the coach.",
                   "'Jones' team played well and we don't mind,' she added.")
    assert said(text) == [("It's the best season since the '90s", "Anna Berg"),
                          ("Jones' team played well and we don't mind", "Anna Berg")]


def test_british_single_quotes_in_an_article_that_also_quotes_a_phrase_in_double_marks():
    text = article("Islanders say the new timetable will leave them \"cut off for weeks\".",
                   "'We looked at every option,' said Fiona Blair, the ferry company's chief executive.",
                   "'It's the '90s all over again,' said Dougie Rennie, a councillor. 'They promised us it was "
                   "temporary.'")
    assert said(text)[1:] == [("We looked at every option", "Fiona Blair"),
                              ("It's the '90s all over again", "Dougie Rennie"),
                              ("They promised us it was temporary.", "Dougie Rennie")]


def test_double_apostrophes_as_quotation_marks():
    text = "''We will rebuild the pier before winter,'' said Tom Kay, the harbour master."
    assert said(text) == [("We will rebuild the pier before winter", "Tom Kay")]


def test_double_apostrophes_closing_right_after_a_nested_single_quote():
    text = ("''The whole town calls it 'the pier that never was,''' said Tom Kay, the harbour master. ''Now we can "
            "build it.''")
    assert speakers(text) == ["Tom Kay", "Tom Kay"]
    assert said(text)[0][0] == "The whole town calls it 'the pier that never was,'"


def test_single_quotes_nested_in_double_ones_stay_inside():
    text = "“They told us 'wait until spring' and then closed the school,” said Anna Berg."
    assert said(text) == [("They told us 'wait until spring' and then closed the school", "Anna Berg")]


def test_a_quotation_set_off_between_dashes():
    text = "His answer — “we are not going anywhere” — was brief, said Tom Kay."
    assert said(text) == [("we are not going anywhere", "Tom Kay")]


def test_a_quotation_between_dashes_keeps_the_cue_before_it():
    text = ("And although the former mayor Tom Kay lamented her habit of promising too much - “does she have to "
            "keep handing them so much ammunition?” - voters in Kemi who saw the debate said they were not worried.")
    assert speakers(text) == ["Tom Kay"]


# --- 7. who can speak ---------------------------------------------------------------------------------------------

def test_a_place_mentioned_near_a_quote_is_never_its_speaker():
    text = article("Tom Kay spoke after the vote in Oklahoma City.",
                   "Oklahoma Republicans had pushed the bill for a year. “It was a long fight,” Kay said.")
    assert speakers(text) == ["Tom Kay"]


def test_a_body_is_a_speaker_when_it_is_the_subject_of_the_speech_verb():
    assert speakers("The ministry said in a statement that the road was “safe to use”.") == ["ministry"]


def test_the_outlet_that_reports_a_tweet_is_not_its_author():
    text = "“We will win this,” Anna Berg wrote on Twitter, the Valley Post reported."
    assert speakers(text) == ["Anna Berg"]


@pytest.mark.parametrize("tag, noun", [("a resident said", "resident"), ("one fisherman added", "fisherman")])
def test_an_unnamed_speaker_is_described_by_its_head_noun(tag, noun):
    assert speakers(f"“The water came up to the windows,” {tag}.") == [noun]


@pytest.mark.parametrize("tag, speaker", [
    ("said a spokesman for Kell Water Ltd., who asked not to be named", "spokesman for Kell Water Ltd."),
    ("said a longtime adviser to Ola Berg", "adviser to Ola Berg"),
    ("a source close to the harbour board said", "source close to the harbour board"),
])
def test_an_unnamed_speaker_keeps_the_body_or_person_it_belongs_to(tag, speaker):
    text = article(f"“The pumps were never tested,” {tag}.", "“Nobody asked us,” another said.")
    quote, other = extract_quotations(text)
    assert (quote.speaker, quote.basis) == (speaker, "unnamed")
    assert other.speaker == speaker.split()[0]  # one of them: the head noun, not whoever it belongs to
    from store.quotes.cast import is_unnamed
    from store.speakers.table import is_unnamed as listed_apart

    assert is_unnamed(speaker) and listed_apart(speaker)  # never merged into the speaker it belongs to


def test_an_unnamed_speaker_does_not_take_what_follows_its_complement():
    text = "“It will not pass,” said an aide to Ola Berg’s campaign manager."
    assert speakers(text) == ["aide"]


def test_one_and_another_are_never_nothing():
    text = article("“The fees are too high,” a parent said.",
                   "“We pay twice what we paid last year,” another said.")
    assert speakers(text) == ["parent", "parent"]


def test_a_participle_phrase_between_the_subject_and_its_verb_does_not_hide_the_subject():
    text = ("So far, Berg has shown little interest in the race. But Sen. Tom J. Kay (D-Kell), noting the size of "
            "Berg's following, said, \"Let me tell you, she has a heck of a mailing list.\"")
    assert speakers(text) == ["Tom J. Kay"]


def test_a_description_between_dashes_does_not_hide_the_subject():
    text = ("On Friday, Ola Lind — named by the Valley Post as the likely choice for the party's running mate — told "
            "Radio Kemi that “you have to take it very seriously, of course.”")
    assert speakers(text) == ["Ola Lind"]


def test_a_title_in_quotes_inside_an_appositive_does_not_hide_the_subject():
    text = ("Tom Solberg, a contestant on Kay's quiz show, \"The Big Question,\" who went on to work for Kay, said "
            "his boss was \"always kind and generous and charming.\"")
    assert said(text) == [("always kind and generous and charming.", "Tom Solberg")]


def test_the_name_after_with_speaks_through_its_participles():
    text = ("Republicans were quick to join in, with Ola Berg tweeting that it was a \"disaster\" for the mayor and "
            "asking, \"How can someone with such bad judgement run our port?\"")
    assert speakers(text)[-1] == "Ola Berg"


def test_what_someone_wrote_speaks_for_its_author():
    text = ("In addition, a fundraising email sent out by Ola Berg on Tuesday night warned of the fight ahead: "
            "\"There are 14 votes over the next three weeks and we need every one of them.\"")
    assert speakers(text) == ["Ola Berg"]


def test_a_subject_ends_before_its_verb_and_object():
    text = ("The Kay ad hits Berg for taking “more money from the shipyards than from all of Kemi” and claims that "
            "“the shipyards made her a rich woman.”")
    assert speakers(text)[-1] == "Kay"


@pytest.mark.parametrize("sentence", [
    "It's the persistent pull of Ola Berg's \"if you like your boat, you can keep it\" promise: many of them gave up "
    "pay for it.",
    "Tom Kay mocked her, and he said that Berg’s call earlier in the night to “if you like your boat, you can keep "
    "it” was an inferior slogan.",
])
def test_a_possessive_names_whose_words_a_quote_is(sentence):
    text = article("Ola Berg and Tom Kay both ran for mayor.", sentence)
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.basis) == ("Ola Berg", "possessive")


def test_a_parenthesis_opens_a_clause_with_its_own_subject():
    text = ("Most historians call it a famine for what it is (Anna Lund, who coined the word holodomor, once said, "
            "“It happened so many times, first to one village, then to the next”). The ministry disagrees.")
    assert speakers(text) == ["Anna Lund"]


def test_whom_a_speaker_told_is_no_inverted_subject():
    text = article("Tom Kay sold his boat at auction in May.",
                   "Kay, who lives in Kemi, told the Valley Post that the first site, BoatMart.com, was not \"ready "
                   "for the traffic and publicity around the sale of my boat.",
                   "\"It has now been placed with another auction house.\"")
    assert speakers(text) == ["Tom Kay", "Tom Kay"]


def test_a_sentence_adverb_between_commas_opens_no_new_clause():
    text = article("Tom Allen, the actor, was asked about the mayor on Monday.",
                   "Acknowledging that Berg “says a lot of silly stuff,” though, Allen did suggest that the mayor's "
                   "wealth gives her an edge.")
    assert speakers(text) == ["Tom Allen"]


def test_a_verb_in_an_aside_in_parentheses_is_no_cue():
    text = article("Ola Berg studied under Tom Kay, the harbour reporter who uncovered the dock scandal.",
                   "Kay’s dictum to his interns (repeated to me over the years) was, “It is not a good story if "
                   "nobody complains.”")
    assert speakers(text) == ["Tom Kay"]


@pytest.mark.parametrize("body", ["Royal College of Nursing", "Ministry of Fisheries", "Bank of Valdora"])
def test_a_body_whose_name_has_of_in_it_is_named_whole(body):
    text = f"The {body} said the figures were “deeply worrying” and called for an inquiry."
    assert speakers(text) == [body]


def test_a_spokesman_for_a_body_whose_name_has_of_in_it_is_not_the_body():
    text = "“We are reviewing the figures,” a spokesman for the Ministry of Fisheries said."
    [speaker] = speakers(text)
    assert speaker.split()[0] == "spokesman"


@pytest.mark.parametrize("body", ["Department for Transport", "Bank of Valdora", "Ministry of Fisheries"])
def test_a_role_of_a_body_whose_name_holds_a_preposition_keeps_the_whole_name(body):
    before = f"“The timetable will be restored by Friday,” a {body} spokesperson said."
    after = f"“The timetable will be restored by Friday,” said a {body} spokesperson."
    assert speakers(before) == speakers(after) == [f"{body} spokesperson"]


def test_the_outlet_that_obtained_a_document_is_not_its_author():
    text = article("A memo from Gov. Nathan Price's campaign, obtained by the Valley Post, describes a plan to “win "
                   "the suburbs or lose everything.”",
                   "The memo, written by campaign manager Dana Whitfield, warns that the campaign “cannot afford "
                   "another bad month.”")
    assert speakers(text) == ["memo", "Dana Whitfield"]


@pytest.mark.parametrize("subject", ["The company", "Northgate Brewing Co."])
def test_it_said_is_the_body_the_sentence_before_opens_with(subject):
    text = article("Northgate Brewing Co. will open a second brewery in Leeds, its founder Priya Natarajan said.",
                   f"{subject} said the new site would create 45 jobs. “We want to be the brewery people grow old "
                   "with,” it said in a statement.")
    assert speakers(text) == ["Northgate Brewing Co."]


def test_the_people_of_a_place_speak_not_the_place():
    text = article("Residents of Karsholm Island have warned that the new timetable will leave them “cut off for "
                   "weeks every winter”.")
    [quote] = extract_quotations(text)
    assert quote.speaker == "residents of Karsholm Island"

def test_one_of_a_group_just_named_is_one_of_them():
    text = article("“You are taking the heart out of this town,” one father told the board.",
                   "Superintendent Mark Delaney defended the plan. Several parents shouted him down. “Resign!” one "
                   "yelled.")
    assert speakers(text) == ["father", "parent"]

@pytest.mark.parametrize("source", ["Those were the words of Harbour Wanderers coach Brenda Hallett after the final "
                                    "whistle.", "That was the verdict of Brenda Hallett, the club's coach, on Monday."])
def test_a_quote_standing_alone_is_by_the_person_whose_words_the_next_sentence_says_they_were(source):
    text = article("Harbour Wanderers lost the final 3-1.", "“We will be back next season, and we will be better.”",
                   source)
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.resolution, quote.confidence) == ("Brenda Hallett", "name", "high")
    assert text[quote.cue_start:quote.cue_end].startswith(("Those were the words of", "That was the verdict of"))
    assert text[quote.mention_start:quote.mention_end] == "Brenda Hallett"


def test_what_a_jury_heard_is_by_who_told_it_not_by_the_accused():
    text = article("A bookkeeper accused of fraud “treated the charity's account as her own”, a jury at Harlow "
                   "Crown Court has heard.",
                   "Prosecutor Ann Roe KC told jurors that the transfers went on for six years.")
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.resolution, quote.basis) == ("Ann Roe", "role", "addressed_court")
    assert text[quote.cue_start:quote.cue_end] == "has heard"
    assert "Ann Roe" in text[quote.mention_start:quote.mention_end]


def test_what_a_jury_heard_from_nobody_named_has_no_speaker():
    text = article("Tom Kay “lied to everyone he knew”, a jury heard on Monday.", "The trial continues.")
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.resolution) == (None, "none")


@pytest.mark.parametrize("group", ["police", "authorities", "investigators"])
def test_the_police_and_authorities_speak_unnamed(group):
    text = f"The driver “had been awake for twenty hours,” {group} said."
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.resolution, quote.confidence) == (group, "role", "high")


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("The Harbour Users Association released a statement on Monday, offering “a full and sincere apology” "
     "to the crews.",
     "Harbour Users Association"),
    ("The Berg campaign projects that “a small levy on landings” would pay for the new quay.", "Berg campaign"),
    ("HFA filed a request with the council for “every record of the dredging contracts.”", "HFA")])
def test_a_body_that_is_the_subject_of_the_quote_s_sentence_speaks_without_a_cue(sentence, speaker):
    [quote] = extract_quotations(sentence)
    assert (quote.speaker, quote.basis, quote.confidence) == (speaker, "sentence_subject", "low")


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("A 2019 OECD report found “no sign that the quotas worked.”", "OECD"),
    ("The Berg ad attacks Tom Kay for taking “more money from banks than from fishermen.”", "Berg")])
def test_the_body_that_wrote_a_document_speaks_when_the_document_is_the_subject(sentence, speaker):
    [quote] = extract_quotations(sentence)
    assert quote.speaker.split()[0] == speaker and quote.basis == "sentence_subject"


@pytest.mark.parametrize("source", ["a 2013 study by economists Anna Berg and Tom Kay",
                                    "a paper from the Harbour Institute"])
def test_a_document_by_someone_speaks_for_its_author(source):
    [quote] = extract_quotations(f"The quay “is a major danger to shipping,” said {source}.")
    assert quote.speaker == ("Anna Berg" if "Berg" in source else "Harbour Institute")


def test_a_newspaper_named_post_is_no_document_by_a_place():
    text = "The Harbour Post ran a piece that noted his “plan would help the rich more than the poor.”"
    assert "Harbour" not in speakers(text)


def test_a_quote_after_a_body_s_statement_is_the_body_s():
    text = article("After a week of complaints, the HFA issued a statement apologizing to the crews.",
                   "“On behalf of everyone at the federation, we apologize for the delays.”")
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.basis, quote.confidence) == ("HFA", "previous_sentence_subject", "low")
    assert text[quote.mention_start:quote.mention_end] == "HFA"


def test_a_place_that_puts_out_a_statement_is_still_no_speaker():
    text = article("Norway issued a statement on Monday.", "“We regret the delays at the border.”")
    assert speakers(text) == [None]


@pytest.mark.parametrize("sentence", ["Norway passed a law that “bans all such nets” last year.",
                                      "The US imposed “the toughest quotas ever” on the fleet."])
def test_a_place_that_is_the_subject_of_the_quote_s_sentence_is_no_speaker(sentence):
    assert all(q.speaker is None for q in extract_quotations(sentence))


def test_the_quote_from_a_person_after_a_quote_standing_alone_is_theirs():
    text = article("“I would rather lose the race than the river.” That quote from harbour master Tom Kay appeared "
                   "on every front page.")
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.resolution) == ("Tom Kay", "name")


# --- 8. cues --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("verb", ["gushed", "fumed", "interjected", "advised", "reported", "conceded", "quipped",
                                  "mused", "grumbled", "cautioned", "sniped"])
def test_speech_verbs_in_every_inflection(verb):
    assert speakers(f"“The ferry will run all winter,” Anna Berg {verb}.") == ["Anna Berg"]


def test_the_tag_shape_attributes_whatever_its_verb():
    assert speakers("“Would the ferry run all winter?” Tom Kay pressed.") == ["Tom Kay"]
    [quote] = extract_quotations("“Nobody asked us,” the harbour master shrugged.")
    assert (quote.speaker, quote.role) == ("master", "harbour master")


def test_according_to_and_wrote_on():
    assert speakers("The plan is “a waste of public money,” according to Anna Berg.") == ["Anna Berg"]
    assert speakers("Tom Kay wrote on his blog: “The council has lost its way.”") == ["Tom Kay"]


def test_the_source_on_the_line_under_a_quoted_paragraph():
    text = article("Claims from the harbour debate, checked.",
                   "“We have cut the fees twice since the spring.”", "― Ola Berg, at the second debate.",
                   "The fees were cut once.",
                   "“Nobody in Kemi pays more than in Varna.”", "- Tom Kay.",
                   "Both figures are old.")
    assert speakers(text) == ["Ola Berg", "Tom Kay"]


def test_a_heading_between_dashes_under_a_quote_is_no_source():
    text = article("Ola Berg came to Kemi in 1990.", "“Nobody here asked where I was from,” Berg said.",
                   "“The town was kind to strangers.”", "– A stranger herself –.", "She stayed.")
    assert speakers(text) == ["Ola Berg", "Ola Berg"]


def test_a_quoted_sentence_ends_its_sentence_even_before_another_quote():
    text = ("Mayor Ola Berg called the plan “too costly.” Kell Gov. Tom Kay, hoping to win the north, called the "
            "mayor a “coward” who is acting “as if the river were his own.”")
    assert said(text)[-1] == ("as if the river were his own.", "Tom Kay")


def test_an_opening_of_phrase_does_not_hide_the_speaker():
    text = article("Tom Kay and Ola Berg both ran for mayor in Kemi.",
                   "Of Kay, Anna Lind, who has given money to Berg, said, “He has never run anything.”")
    assert speakers(text) == ["Anna Lind"]


def test_a_capitalised_pronoun_after_an_exclamation_opens_a_new_sentence():
    text = ("Tom Kay wrote to Anna Berg after her fall, calling her “the boss” and telling her, “You are the best "
            "we have!” She replied to him that it was an honour to serve.")
    assert speakers(text) == ["Tom Kay", "Tom Kay"]


def test_the_subject_after_while_speaks_not_the_subject_of_the_first_clause():
    text = ("Gov. Ola Berg on Monday signed an order closing the port, while Tom Kay, the former mayor, proposed "
            "that the town “simply wait for the spring.”")
    assert speakers(text) == ["Tom Kay"]


@pytest.mark.parametrize("name", ["Ted Lund", "Emily Lund", "Sterling Lund"])
def test_a_given_name_that_ends_like_an_adverb_or_a_participle_opens_no_adverbial(name):
    text = (f"{name}, co-founder of the Kemi Institute and advocate of a Marshall Plan-style effort for the "
            "north, welcomed “the first honest plan in years.”")
    assert speakers(text) == [name]


def test_a_dateline_is_never_the_speaker():
    text = ("KEMI, March 8 (Valley Press) — In reply to the mayor's plan, the harbour union's secretary rallied "
            "members, saying: “We have to be ready to stop it.”")
    assert speakers(text) != ["KEMI"] and speakers(text) != ["Kemi"]
    text = "TALLAHASSEE — Rep. Ola Berg called the governor “a work horse, not a show horse.”"
    assert speakers(text) == ["Ola Berg"]


def test_a_place_after_a_preposition_in_a_description_is_not_the_speaker():
    text = "“We were not worried at all,” voters in Kemi who saw the debate said."
    assert speakers(text) != ["Kemi"]


@pytest.mark.parametrize("when", ["during a Sunday", "on Monday"])
def test_a_time_between_the_subject_and_its_verb_is_not_the_subject(when):
    text = f"The union is so present in Kemi that Ola Berg {when} thanked its members “for all the work in my campaign.”"
    assert speakers(text) == ["Ola Berg"]


def test_a_long_tag_closed_by_where_its_speakers_work_still_attributes():
    text = article("Sea ice experts have long doubted the claim.",
                   "“The ice shelf would need a decade to recover,” ice experts Ola Berg and Tom Kay of Kemi's "
                   "Institute for Polar Science and Sea Research wrote in May.")
    assert speakers(text) == ["Tom Kay"]


def test_a_sentence_may_open_with_an_age():
    text = article("For many here, that candidate is Berg. 81-year-old Tom Kay, a fisherman who voted for her "
                   "twice, said that given the choice on both sides:",
                   "“There is only one: Berg. She has never lied to us.”")
    assert speakers(text) == ["Tom Kay"]


def test_the_outlet_spoken_to_is_not_the_unnamed_speaker():
    text = "Another harbour official speaking to Valley TV said, “The pumps were switched off on purpose.”"
    assert speakers(text) == ["official"]


def test_a_verb_in_the_next_sentence_does_not_claim_a_quotation_that_ended_its_own():
    text = ("Anna Berg said the ferry was “the best in the region.” Tom Kay called the new timetable "
            "“a disaster for commuters.”")
    assert speakers(text) == ["Anna Berg", "Tom Kay"]


def test_a_short_tag_after_a_quoted_sentence_still_claims_it():
    assert speakers("“The bridge is safe.” Anna Berg said.") == ["Anna Berg"]


def test_what_follows_a_participle_is_its_object_not_its_subject():
    text = ("Ola Berg took a risk by joking about the ferry, telling the crowd, “I never miss a boat, folks,” and, "
            "“Who here has never been late?”")
    assert speakers(text) == ["Ola Berg", "Ola Berg"]


@pytest.mark.parametrize("text, speaker", [
    ("Anna Kay asks the council for money as a plumber walks in front of her, saying he is “here to fix the "
     "seven leaks in your roof.”", "plumber"),
    ("Tom Varga spoke near the old mill, where about 50 fishermen had gathered on Monday morning, chanting "
     "“no quota, no peace” after the talks failed.", "fishermen"),
    ("“Too loud?” Tom Varga wrote when Lena Holm ended her speech last week with a song, remarking, “Thank you, "
     "and good night to all of you.”", "Lena Holm"),
])
def test_a_participle_after_a_clause_with_its_own_subject_goes_with_that_subject(text, speaker):
    assert speakers(text)[-1] == speaker


def test_a_participle_after_a_phrase_with_as_goes_with_the_subject():
    text = ("Anna Kay pitched the bridge as a ladder to the middle class, noting that she is “the only candidate "
            "who will build it without a new tax.”")
    assert speakers(text) == ["Anna Kay"]


def test_the_tag_closing_a_sentence_attributes_a_quote_inside_it():
    text = ("Given the harbour's record, the new pier will carry “a great deal of traffic” and bring the town the "
            "“fresh money” it needs, port spokesman Tom Kay said.")
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.role) == ("Tom Kay", "spokesman")


def test_the_tag_of_the_next_sentence_does_not_claim_a_quoted_sentence():
    text = ("The ferry union is unlikely to back Anna Berg after her remark that “the ferries lose money every day.” "
            "The union will sit out the vote, union secretary Tom Kay said.")
    assert speakers(text) != ["Tom Kay"]


def test_the_verb_of_a_relative_clause_after_a_quote_tags_nothing():
    text = ("“If the port finds more records, it will publish them” that would respond to the council, harbour "
            "board counsel Anna Lind wrote in a filing.")
    assert speakers(text) == ["Anna Lind"]


def test_a_cue_between_two_quotes_claims_the_second_one():
    text = ("“He did it again and I will say it again. It is misleading to call the ferry bill a bailout,” Tom Kay "
            "wrote after Anna Berg argued for the second week running that “if everyone had voted as he did, we "
            "would have no ferry at all.”")
    assert speakers(text) == ["Tom Kay", "Anna Berg"]


def test_a_cue_in_a_relative_clause_after_a_tag_does_not_claim_the_next_quote():
    text = ("Berg \"was treated so lightly for her offense there isn't a whole lot you can do,\" said a former "
            "harbour official who oversaw the inquiry and described the ferry affair as \"a lesser set of "
            "circumstances.\"")
    assert speakers(text) == ["official", "official"]


def test_a_participle_phrase_cue_goes_with_the_subject_of_its_clause():
    text = ("A Plus reporter Anna Lind tweeted back at Kay pointing out how odd the remark was: “Uh.. your plan is "
            "to spend millions moving the port.”")
    assert speakers(text) == ["Anna Lind"]


def test_the_station_where_something_was_said_is_not_its_speaker():
    text = article("\"We made a terrible mistake building the bridge,\" Tom Kay told Radio Kemi in May.",
                   "Then, later that month on Radio Kemi: \"I've never said we made a mistake building the bridge.\"")
    assert speakers(text) == ["Tom Kay", "Tom Kay"]


def test_a_name_after_its_description_is_the_subject_of_its_sentence():
    text = ("Harbour front-runner Ola Berg is questioning whether Mayor Tom Kay would have opened the bridge “if it "
            "were built by the other party.”")
    assert speakers(text) == ["Ola Berg"]


def test_a_body_after_a_preposition_is_not_the_subject():
    text = ("A spokesman for Platte Harbour declined to comment but said in a statement that “the harbour did not, "
            "at any time, treat the ferry differently.”")
    assert speakers(text) == ["spokesman for Platte Harbour"]


def test_a_colon_between_digits_breaks_no_clause():
    text = ("The pastor read from the old book. Isaiah 45:1 reads: “This is what the Lord says to his anointed, to "
            "Cyrus, whose right hand I have grasped.”")
    assert speakers(text) == ["Isaiah"]


def test_a_quote_inside_a_new_paragraph_about_someone_else_does_not_continue_the_last_speaker():
    text = article("The harbour manager, Priya Sandhu, said the new wall had done its job – “and a bit more than that” "
                   "– when the tide peaked.",
                   "Fisherman Bill Coates was not convinced. He has worked on the quay for forty years – “longer "
                   "than any wall” – and said he would believe it “when it has seen a real winter”.")
    assert speakers(text) == ["Priya Sandhu", "Bill Coates", "Bill Coates"]

# --- 9. tags with abbreviations -----------------------------------------------------------------------------------

def test_abbreviations_do_not_end_a_tag():
    text = article("“Prices will rise,” Acme Ltd. said in a statement.",
                   "“We oppose the merger,” Sen. Joe Doe, R-Ky., said on Monday.",
                   "“It is legal,” said Tom Kay, of Kay & Sons Inc., the buyer.")
    assert speakers(text) == ["Acme Ltd.", "Joe Doe", "Tom Kay"]


def test_a_delegates_abbreviated_title_ends_no_sentence():
    text = ("“This is a big year for our harbour!” Berg's niece, state Del. Marcia Lund (D-Kemi), shouted to the "
            "crowd. “The whole valley is watching us.”")
    assert speakers(text) == ["Marcia Lund", "Marcia Lund"]


def test_name_of_org_and_name_for_org_keep_the_person():
    text = article("“The poll is clear,” wrote Anna Berg for the Valley Post.",
                   "“So is the count,” said Tom Kay of the Harbour Board.")
    assert speakers(text) == ["Anna Berg", "Tom Kay"]


@pytest.mark.parametrize("tag, person", [("Sen. Brad Collier of Ohio wrote", "Brad Collier"),
                                         ("Dr. Amit Rao of Harbour Medical Center said", "Amit Rao"),
                                         ("Tom Kay of the Harbour Board said", "Tom Kay")])
def test_a_name_of_a_place_or_a_body_in_a_tag_after_the_quote_keeps_the_person(tag, person):
    text = f"“The shortage will last into the summer,” {tag}."
    assert speakers(text) == [person]

# --- 10. roles to people -------------------------------------------------------------------------------------------

def test_a_role_goes_to_the_person_who_holds_it_in_the_article():
    text = article("Gov. Anna Berg signed the water bill on Monday.",
                   "“This is a good day for farmers,” the governor said.")
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.resolution, quote.basis) == ("Anna Berg", "role", "role_holder")


def test_the_lawmaker_is_the_representative_or_the_senator():
    text = article("Rep. Tom Kay voted against the bill.", "“It does nothing for the coast,” the lawmaker said.")
    assert speakers(text) == ["Tom Kay"]


def test_the_qualifier_of_a_role_counts():
    text = article("CNN host Jake Farrow interviewed Anna Berg, a radio host, on Sunday.",
                   "“Is the ferry safe?” the CNN host asked.")
    assert speakers(text) == ["Jake Farrow"]


def test_the_role_goes_to_the_holder_in_context_though_another_holder_was_named_since():
    # Berg's role where she is named last is another one; the senator named after her is not the one who speaks
    text = article("“The mill must stay open,” said Sen. Ada Berg, D-Maine.",
                   "Sen. Tom Kay, R-Ohio, who chairs the committee, said he would call a vote in June.",
                   "Berg, a former hospital director, said the town had lost nine hundred jobs in a decade.",
                   "“We are not asking for charity,” the senator said.")
    assert speakers(text) == ["Ada Berg", "Ada Berg"]


def test_the_role_of_an_unnamed_speaker_just_introduced_is_that_speaker():
    text = article("Sen. Tom Kay, R-Ohio, defended the port contract on Friday, with his aide Jo Pratt beside him.",
                   "A Democratic committee aide disputed the figures. “Not one of those jobs exists yet,” the aide "
                   "said.")
    assert speakers(text) == ["aide"]

def test_the_n_year_old_is_the_person_the_sentence_before_is_about():
    text = article("“We did not expect to win,” said coach Tom Kay.",
                   "After the match, Emma Kowalczyk admitted she had been nervous.",
                   "“My legs were shaking for ten minutes,” the 19-year-old said.")
    assert speakers(text) == ["Tom Kay", "Emma Kowalczyk"]


@pytest.mark.parametrize("description", ["the Belgian", "the Corkman", "the Texan"])
def test_where_someone_is_from_describes_the_person_just_named(description):
    text = article("Jonas Verbeke finished the race in fourth place on Sunday.",
                   f"“My legs gave up on the last climb,” {description} said.")
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.resolution, quote.basis) == ("Jonas Verbeke", "role", "previous_sentence")


def test_where_someone_is_from_after_a_described_subject_is_whom_the_article_quoted_last():
    text = article("“We lost the vote, not the argument,” Jonas Verbeke said.",
                   "The former mayor, who left office in May, said the town had changed. “Nobody wants a bridge "
                   "now,” the Belgian said.")
    assert [(q.speaker, q.basis, q.confidence) for q in extract_quotations(text)] == [
        ("Jonas Verbeke", "cue", "high"), ("Jonas Verbeke", "latest_speaker", "low")]


def test_where_someone_is_from_with_nobody_named_is_said_as_the_article_writes_it():
    assert speakers("“A fine win for a small club,” the Belgian said.") == ["Belgian"]


def test_a_newspaper_named_like_a_nationality_still_speaks_for_itself():
    text = article("Jonas Verbeke finished the race in fourth place on Sunday.",
                   "“A brave ride, but not enough,” the Guardian said.")
    assert speakers(text) == ["Guardian"]


def test_a_calling_the_article_gives_nobody_describes_the_person_just_named():
    text = article("Professor Lena Holm, who was not part of the study, was cautious.",
                   "“Counting is a big word for what the birds do,” the ornithologist said.")
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.basis) == ("Lena Holm", "previous_sentence")


def test_a_role_nobody_holds_is_someone_new_not_the_person_just_named():
    text = article("Tom Kay was jailed for six years on Friday.",
                   "“You showed no remorse at any stage,” the judge said.")
    assert speakers(text) == ["judge"]


def test_a_picture_credit_is_never_the_person_a_sentence_is_about():
    text = article("“We did not expect to win,” said coach Tom Kay.",
                   "Ola Berg via Getty Images",
                   "“My legs were shaking for ten minutes,” the 19-year-old said.")
    assert speakers(text) == ["Tom Kay", "19-year-old"]


def test_a_commuter_just_introduced_is_the_she_that_follows():
    text = article("“Nobody wanted a strike,” said Harriet Oyelaran, the operator's director.",
                   "One commuter at Central Station said she had already booked a hotel. “Now I have wasted forty "
                   "pounds,” she said.")
    assert speakers(text) == ["Harriet Oyelaran", "commuter"]

def test_a_role_nobody_holds_still_counts_the_gender_a_role_gave_to_someone_named_before():
    # looking for the mayor reads Kay's role ("a spokeswoman"), which says Kay is a person: the subject of the
    # sentence that the last quote follows
    text = article("Kay, a spokeswoman for the port, met the fishermen on Monday.",
                   "“We will open the harbour again,” the mayor said.",
                   "Kay spent the morning at the docks. “The boats are ready.”")
    quotes = extract_quotations(text)
    assert [(q.speaker, q.basis) for q in quotes] == [("mayor", "unnamed"), ("Kay", "previous_sentence_subject")]

# --- 11. transcripts ------------------------------------------------------------------------------------------------

def test_the_answers_of_a_question_and_answer_interview_are_by_the_person_interviewed():
    text = article("Maria Soto became Riverton's police chief in March. She spoke to the Herald about her first "
                   "months in the job.",
                   "Q: What surprised you most?",
                   "A: How much of it is paperwork. I knew it would be a lot.",
                   "Q: What comes first?",
                   "A: Response times. Twenty minutes to answer a call is not acceptable.")
    assert said(text) == [("How much of it is paperwork. I knew it would be a lot.", "Maria Soto"),
                          ("Response times. Twenty minutes to answer a call is not acceptable.", "Maria Soto")]


def test_an_a_paragraph_without_questions_is_no_answer():
    text = article("Maria Soto became Riverton's police chief in March.",
                   "A: the first of three points.")
    assert said(text) == []


def test_a_turn_labelled_by_a_role_goes_to_its_holder_or_to_the_role():
    turns = ("HOST: Mayor, the budget is three weeks late. Why?",
             "ORTIZ: Because we refused to pass a budget that does not add up.",
             "HOST: Your critics call that an excuse.",
             "ORTIZ: My critics said the same thing last year.")
    named = article("Radio host Jim Bell spoke with Mayor Lena Ortiz on Thursday.", *turns)
    assert speakers(named) == ["Jim Bell", "Lena Ortiz", "Jim Bell", "Lena Ortiz"]
    unnamed = article("The mayor, Lena Ortiz, spoke to the station on Thursday.", *turns)
    assert speakers(unnamed) == ["host", "Lena Ortiz", "host", "Lena Ortiz"]


def test_a_transcript_turn_is_a_quotation_by_its_speaker():
    text = article("Anna Berg, the mayor, spoke to Tom Kay on the morning show.",
                   "KAY: Will the ferry run all winter?",
                   "BERG: It will, and it will be cheaper.",
                   "KAY: Thank you.")
    quotes = extract_quotations(text)
    assert [(q.text, q.speaker) for q in quotes] == [("Will the ferry run all winter?", "Tom Kay"),
                                                      ("It will, and it will be cheaper.", "Anna Berg"),
                                                      ("Thank you.", "Tom Kay")]
    assert all(text[q.start:q.end] == q.text for q in quotes)


def test_a_turn_label_of_a_title_and_three_words_is_read_whatever_the_spaces():
    text = article("Senator Anna Maria Berg answered questions from Tom Kay at the hearing.",
                   "SEN.\xa0ANNA MARIA BERG: The ferry will run all winter.",
                   "KAY: At what price?",
                   "SEN. ANNA MARIA BERG: A fair one, I promise you.")
    assert [(q.text, q.speaker) for q in extract_quotations(text)] == [
        ("The ferry will run all winter.", "Anna Maria Berg"), ("At what price?", "Tom Kay"),
        ("A fair one, I promise you.", "Anna Maria Berg")]


def test_a_label_nobody_repeats_is_a_heading_not_a_turn():
    text = article("UPDATE: The ferry will run on Sunday.", "Editor’s note: An earlier version misspelled a name.")
    assert extract_quotations(text) == []


def test_a_transcript_quoted_whole_is_still_a_transcript():
    text = article("Partial transcript of the interview:",
                   "\"LUND: But, Mayor Berg, I have to ask you, because the Valley Post wrote that your temper worries "
                   "people. Why go down that road?",
                   "\"BERG: Well, the question really should be why my opponent keeps inviting celebrities.",
                   "\"LUND: Is that a fair answer?",
                   "\"BERG: It is the only answer I have for you today.\"")
    assert said(text) == [
        ("But, Mayor Berg, I have to ask you, because the Valley Post wrote that your temper worries people. Why go "
         "down that road?", "Lund"),
        ("Well, the question really should be why my opponent keeps inviting celebrities.", "Berg"),
        ("Is that a fair answer?", "Lund"),
        ("It is the only answer I have for you today.", "Berg")]


# --- 12. terms are not quotations -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The council approved the so-called “blue corridor” for cyclists.",
    "The ferry, known as “the Old Lady”, sailed for forty years.",
    "Tom Kay calls the mayor a “dreamer” and laughs.",
    "Anna Berg read from “The Salt Roads” at the library.",
    "The café was “provisional” for years.",
])
def test_terms_titles_and_scare_quotes_are_not_quotations(text):
    assert extract_quotations(text) == []


def test_a_short_fragment_is_a_quotation_with_a_speech_cue():
    assert speakers("Anna Berg said the deal was “not good enough” and left.") == ["Anna Berg"]


def test_unnamed_speakers_are_told_from_named_ones():
    from store.quotes.cast import is_unnamed

    assert all(map(is_unnamed, ["spokesman", "MP", "Coca-Cola spokesman", "Danish official", "mother"]))
    assert not any(map(is_unnamed, ["Anna Berg", "Koenig", "Acme Ltd.", "IMF", "Bank of Kell", "Joost van den Heuvel"]))


def test_the_company_and_the_ministry_are_the_bodies_the_article_names():
    text = article("Acme Ltd. will close its Varna plant, the Ministry of Transport said on Monday.",
                   "“We regret the decision,” the company said.", "“It was expected,” the ministry said.")
    assert [(q.speaker, q.basis) for q in extract_quotations(text)] == [
        ("Acme Ltd.", "named_body"), ("Ministry of Transport", "named_body")]


def test_a_question_put_to_someone_is_not_theirs():
    text = article("Tom Kay spoke at the harbour on Monday.", "In the interview, Kay was asked, “Will the ferry run all winter?”")
    assert speakers(text) != ["Tom Kay"]


def test_the_verb_of_a_reported_clause_does_not_take_the_quote_from_the_speaker():
    text = "Anna Berg said she is certain Tom Kay will continue to be “a champion for the harbour.”"
    assert speakers(text) == ["Anna Berg"]


@pytest.mark.parametrize("owner", ["Their", "Its", "His"])
def test_a_title_after_a_possessive_and_the_kind_of_it_is_a_term(owner):
    text = article("“We are trying to be here in ten years,” said Cody Marsh, who founded the bakery.",
                   f"{owner} slogan, “Baked when you wake up”, is painted on every van.")
    assert said(text) == [("We are trying to be here in ten years", "Cody Marsh")]

# --- words that are no speakers: a verb, a hyphenated adjective, a place, a name given after "called" ------

def test_a_verb_after_a_description_is_not_its_head_noun():
    text = article("The harbour board wrote to every skipper on Friday.",
                   "The letter goes on to say: “No boat may leave before the survey is done.”")
    [quote] = extract_quotations(text)
    assert quote.speaker == "letter"


def test_an_unnamed_speaker_who_began_a_talk_is_described_by_the_noun_not_the_verb():
    text = article("The tall harbour master began by talking about the tides, saying the quay was “too short for "
                   "modern boats.”")
    [quote] = extract_quotations(text)
    assert quote.speaker == "master"


def test_so_called_is_no_speech_verb_and_so_no_speaker():
    text = article("The so-called “quiet zone” was set up in May, and officials called it “a success”.",
                   "“It has changed nothing,” a resident said.")
    quotes = said(text)
    assert quotes[-1] == ("It has changed nothing", "resident")
    assert all(speaker is None or not speaker.endswith("-") for _, speaker in quotes)


def test_a_hyphenated_adjective_is_no_speech_verb_and_its_prefix_no_speaker():
    text = article("The self-described “friend of the fishermen” was elected in May, and the port described him "
                   "as “a man who never sleeps”.")
    assert all(speaker is None or not speaker.endswith("-") for speaker in speakers(text))


def test_a_name_given_after_called_is_no_cue_for_the_quote_that_follows():
    text = article("Rosa Lind cooked a soup called “Harbour Pot” for the judges, writing “Anyone can make it with "
                   "what the boats bring in.”")
    assert said(text)[-1] == ("Anyone can make it with what the boats bring in.", "Rosa Lind")


def test_the_name_set_off_last_before_said_is_the_speaker_not_a_town_before_it():
    text = article("Back home in Tromsø, Norway, once the last ballot was counted, Mayor Greta Holm, said, "
                   "“The bridge comes first.”")
    [quote] = extract_quotations(text)
    assert quote.speaker == "Greta Holm"


def test_a_place_set_off_by_commas_after_the_subject_does_not_take_the_quote():
    text = article("Tomas Vidal, during a visit to Porto, Portugal, said he was “going to close the old yard.”")
    [quote] = extract_quotations(text)
    assert quote.speaker == "Tomas Vidal"


def test_with_a_name_and_a_participle_the_name_speaks():
    text = article("At the meeting, members heckled the chair, with Lars Ekdahl reportedly shouting: “Nobody here "
                   "has read the plan!”")
    [quote] = extract_quotations(text)
    assert quote.speaker == "Lars Ekdahl"


def test_an_opening_as_clause_about_a_crowd_does_not_hide_the_speaker():
    text = article("As the lights went down, Nadia Perle stepped up to the microphone and said, “Thank you all "
                   "for waiting so long.”")
    [quote] = extract_quotations(text)
    assert quote.speaker == "Nadia Perle"


def test_a_body_and_its_verb_introduce_a_quoted_paragraph():
    text = article("Fewer ferries will run this winter.",
                   "The Coastal Ledger reports:",
                   "“The operator has cut its timetable by a third and closed two routes.”")
    [quote] = extract_quotations(text)
    assert quote.speaker == "Coastal Ledger"


@pytest.mark.parametrize("adverb", ["also", "first"])
def test_an_adverb_after_a_body_is_not_part_of_its_name(adverb):
    text = article(f"Last week, the Harbour Trust {adverb} called on the council to publish a “full inventory of "
                   f"the quays” before the vote.")
    [quote] = extract_quotations(text)
    assert quote.speaker == "Harbour Trust"


@pytest.mark.parametrize("link", [" and ", " or ", ", and "])
def test_quotes_joined_before_a_tag_are_all_the_speakers(link):
    text = article(f"Old ponds are “the greatest quiet danger in the valley”{link}“a drain on the budget,” Ola "
                   "Berg, the former mayor of Kemi, told the council on Tuesday.")
    assert said(text) == [("the greatest quiet danger in the valley", "Ola Berg"),
                          ("a drain on the budget", "Ola Berg")]


def test_a_quote_with_its_own_tag_keeps_it_when_another_tag_follows():
    text = article("“The plan is a gift to the few,” Anna Berg said at the meeting, and “it is a waste of money,” "
                   "Tom Kay added.")
    assert [speaker for _, speaker in said(text)] == ["Anna Berg", "Tom Kay"]


@pytest.mark.parametrize("verb", ["insist", "say"])
def test_a_plural_subject_before_a_bare_verb_speaks(verb):
    text = article(f"The villagers {verb} the harbour is “one of the safest in the north and has been for a "
                   "century.”")
    assert said(text)[0][1] == "villagers"


@pytest.mark.parametrize("verb", ["state", "claim", "note"])
def test_a_plural_subject_in_a_tag_speaks_with_a_bare_verb_that_may_be_a_noun(verb):
    text = f"“The harbour has been safe for a century,” the fishermen {verb} in a letter to the council."
    assert speakers(text) == ["fishermen"]


@pytest.mark.parametrize("tag", ["{quote},” Coast magazine wrote.", "{quote},” wrote Coast magazine."])
def test_a_publication_named_before_its_kind_speaks(tag):
    text = article("“" + tag.format(quote="The harbour is one of the safest in the north"))
    assert said(text) == [("The harbour is one of the safest in the north", "Coast magazine")]


@pytest.mark.parametrize(("description", "speaker"), [
    ("the lead engineer", "engineer"), ("an open critic of the plan", "critic"),
    ("a close friend of the family", "friend"), ("a source close to the mayor", "source close to the mayor")])
def test_a_word_that_may_be_a_verb_before_a_noun_qualifies_it(description, speaker):
    text = article(f"“The harbour is one of the safest in the north,” {description} said.")
    assert said(text) == [("The harbour is one of the safest in the north", speaker)]


def test_two_adjectives_set_off_by_a_comma_describe_one_speaker():
    text = article("“I made the harbour my first priority,” the bespectacled, 71-year-old engineer said on Monday.")
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.role) == ("engineer", "71-year-old engineer")


def test_a_plural_role_word_opening_a_sentence_describes_people_and_keeps_its_head_before_of():
    text = article("Leaders of the union have said they will meet every candidate so that “our members know "
                   "whoever wins the vote.”",
                   "Officials at the port said they expected “a busy and difficult summer for the harbour.”")
    assert [(q.speaker, q.resolution) for q in extract_quotations(text)] == [("leaders", "role"),
                                                                             ("officials", "role")]


def test_what_a_persons_answer_says_is_that_persons_quotation():
    text = article("Anna Lund, the harbour master, was asked about the closure in a letter from the council.",
                   "Lund’s answer was: “The harbour opens when the ice is gone, not before.”")
    [quote] = extract_quotations(text)
    assert (quote.speaker, text[quote.cue_start:quote.cue_end]) == ("Anna Lund", ":")


def test_officials_and_critics_without_a_name_are_described_by_their_head_noun():
    text = article("The officials said “the harbour will stay closed until the ice is gone.”",
                   "Critics called the closure “a waste of a whole season for the fishermen.”")
    assert said(text) == [("the harbour will stay closed until the ice is gone.", "officials"),
                          ("a waste of a whole season for the fishermen.", "critics")]


def test_a_sentence_after_a_question_does_not_claim_it_with_its_speech_verb():
    text = article("Anna Lund, exasperated, answered: “What difference does the date make now?” Her critics "
                   "cited it as evidence of her temper during the long hearing in the harbour office.")
    [quote] = extract_quotations(text)
    assert (quote.speaker, text[quote.cue_start:quote.cue_end]) == ("Anna Lund", "answered")


def test_a_share_of_people_counted_is_the_speaker_of_its_own_answer():
    text = article("The survey asked fishermen whether the harbour would reopen, to which 30 percent said “very "
                   "likely” and 12 percent said “not at all likely.”",
                   "Anna Lund runs the harbour. Since 2008 she has often told the council that “the harbour "
                   "needs a second pier.”")
    quotes = extract_quotations(text)
    assert [text[q.mention_start:q.mention_end] for q in quotes] == ["30 percent", "12 percent", "she"]
    assert quotes[2].speaker == "Anna Lund"


def test_a_role_with_its_own_qualifier_is_not_given_to_the_holder_of_another_kind():
    text = article("The pro-Kay Union Leader, North Dakota's largest newspaper, has run a string of editorials.",
                   "Ola Berg blasted Kay in an interview. “What Kay has done on trade is one of the worst things "
                   "I have seen,” the Senate minority leader said.",
                   "Lena Varga, a former Kay pollster, spoke on Monday. “He is behind in every poll,” the former "
                   "pollster said.")
    assert speakers(text) == ["Senate minority leader", "Lena Varga"]


def test_a_body_of_several_words_and_a_role_before_a_name_leave_the_name_the_speaker():
    text = article("Harbour Board spokesman Tom Kay — as the council noted this week — even praised the plan and has "
                   "taunted the mayor for “losing a whole season to the ice.”")
    assert said(text) == [("losing a whole season to the ice.", "Tom Kay")]


def test_a_document_filed_by_a_person_with_a_role_speaks_for_that_person():
    text = article("“The evidence is not enough to support a prosecution,” according to a court document filed by "
                   "state attorney Ola Berg.",
                   "“The harbour fees were fraud,” according to a complaint filed by the federal Harbour and Fisheries "
                   "Commission.")
    assert speakers(text) == ["Ola Berg", "complaint"]


def test_a_participle_right_after_an_owned_noun_goes_with_that_noun():
    text = article("Tom Kay did visit the harbour, but not until the week after the newspaper’s editorial telling "
                   "him to leave his “playground for the rich and well-connected.”")
    [quote] = extract_quotations(text)
    assert (quote.speaker, text[quote.mention_start:quote.mention_end]) == ("editorial", "the newspaper’s editorial")


@pytest.mark.parametrize(("description", "speaker"), [
    ("the secretary of state", "secretary of state"), ("the mother of three", "mother of three"),
    ("a friend of mine", "friend"), ("the head of the harbour board", "head")])
def test_a_role_of_a_single_lowercase_word_after_of_keeps_it(description, speaker):
    text = article(f"“The harbour is safe for the winter,” {description} said.")
    assert speakers(text) == [speaker]


def test_a_study_that_found_that_speaks_for_what_it_found_but_found_alone_is_no_cue():
    text = article("“The harbour is safe,” Tom Kay said.",
                   "In 2014, the Valley Institute found that “about twice as many fishermen want a second pier as "
                   "want a wider channel.”",
                   "A sailor was found guilty of “gross negligence” in a case last year.")
    assert speakers(text) == ["Tom Kay", "Valley Institute"]


def test_a_quote_introduced_by_from_the_report_is_the_reports():
    text = article("The council published its harbour review on Monday.",
                   "From the report: “In general, harbours with deeper channels do better in winter.”")
    assert speakers(text) == ["report"]
    assert speakers("Tom Kay spoke at length. From his window: “The harbour is frozen and nobody can sail.”") == \
        [None]


def test_a_surname_that_is_a_preposition_still_speaks_in_a_tag():
    text = article("Al From founded the harbour council in 1985.",
                   "“We had to change after the storm,” From said. “Now people blame the banks.”",
                   "The plan, from said sources, was dropped in the “last days of the winter.”")
    quotes = extract_quotations(text)
    assert [(q.speaker, text[q.mention_start:q.mention_end], q.confidence) for q in quotes[:2]] == \
        [("Al From", "From", "high"), ("Al From", "From", "medium")]


# --- titles and role words of many papers ---------------------------------------------------------------------

@pytest.mark.parametrize("titled, surname", [
    ("Fr. Tom Kerrigan", "Fr. Kerrigan"), ("Ald. Rosa Ibarra", "Ald. Ibarra"), ("Cmdr. Ray Dunmore", "Cmdr. Dunmore"),
    ("Cr Tessa Brack", "Cr Brack"), ("Cllr Tessa Brack", "Cllr Brack"), ("Shri Venu Rao", "Shri Rao"),
    ("Smt. Leela Rao", "Smt. Rao"), ("Baroness Ada Whitlow", "Baroness Whitlow")])
def test_a_title_of_clergy_council_or_forces_is_not_part_of_the_name(titled, surname):
    full = titled.split(" ", 1)[1]
    text = article(f"{titled} opened the new hall on Sunday.",
                   f"“The roof held through the storm,” {surname} said.")
    assert speakers(text) == [full]


@pytest.mark.parametrize("role", ["Skipper", "Shopkeeper", "Opponent"])
def test_a_role_word_before_a_name_of_unknown_gender_is_split_from_it(role):
    text = article(f"{role} Robin Vasquez, who lives by the harbour, was at the meeting.",
                   "“We need the second pier,” Vasquez said.")
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.role) == ("Robin Vasquez", role)


def test_the_brigadier_is_the_brig_named_before():
    text = article("Brig. Simon Oduya opened the range to walkers on Saturday.",
                   "“We have been a fence for too long,” the brigadier said.")
    assert speakers(text) == ["Simon Oduya"]


@pytest.mark.parametrize("title", ["Fr.", "Ald.", "Cmdr.", "Smt.", "Brig."])
def test_a_title_with_a_full_stop_in_a_closing_tag_ends_no_sentence(title):
    text = article(f"“The roof held,” said {title} Ravi Ibarra, who led the appeal. “We are grateful.”")
    assert speakers(text) == ["Ravi Ibarra", "Ravi Ibarra"]


def test_a_given_name_borne_by_both_sexes_takes_she_from_the_article():
    text = article("Former governor Jan Okafor backed the harbour bond on Monday.",
                   "“Every child deserves a dry classroom,” Okafor said at a rally. She said she had opposed two "
                   "earlier bonds. “This one is audited,” she said.")
    assert speakers(text) == ["Jan Okafor", "Jan Okafor"]


def test_a_straight_closing_mark_after_a_comma_closes_with_no_space_before_the_tag():
    text = article('"We had forty people sign up in one evening,"Katie Morrow said.',
                   '"It shows what the library means,"said Oliver Tait. "Where else would we go?"')
    assert said(text) == [("We had forty people sign up in one evening", "Katie Morrow"),
                          ("It shows what the library means", "Oliver Tait"),
                          ("Where else would we go?", "Oliver Tait")]


def test_a_place_word_that_is_a_surname_after_a_given_name_is_a_person():
    text = article("Cody Park scored with a minute left as the Gulls beat the Wolves.",
                   "“I just closed my eyes and hit it,” Park said.",
                   "The fans gathered in Victoria Park afterwards. “Best night of the year,” said Dale Chen.")
    assert speakers(text) == ["Cody Park", "Dale Chen"]


def test_a_definite_phrase_after_describe_as_is_a_name_not_a_quotation():
    text = article("Teenagers built a concrete ramp behind the pool, a curve they describe only as “the big swoosh”.",
                   "“These kids did more for that corner than we ever did,” said Bex Adeyemi. The council "
                   "described the ramp as “a hazard nobody asked for”.")
    assert said(text) == [("These kids did more for that corner than we ever did", "Bex Adeyemi"),
                          ("a hazard nobody asked for", "council")]


def test_a_transcript_label_with_a_name_in_brackets_is_that_name():
    text = article("HOST (PAULA REYES): Good morning. Today we talk about the new bus lanes.",
                   "CALLER (JIM, EASTSIDE): The lanes have added twenty minutes to every run I drive.",
                   "REYES: Twenty minutes is a lot. Have you told the council?",
                   "CALLER (JIM, EASTSIDE): Three times. Nobody writes back.")
    quotes = extract_quotations(text)
    assert [q.speaker for q in quotes] == ["Paula Reyes", "Jim", "Paula Reyes", "Jim"]
    assert [text[q.mention_start:q.mention_end] for q in quotes] == ["PAULA REYES", "JIM", "REYES", "JIM"]


def test_a_name_after_a_role_before_a_colon_introduces_the_block_quote():
    text = article("The regulator criticised the water company again. According to the regulator’s chief executive, "
                   "Dame Ada Kerr: “Customers paid for pipes that were never laid. That cannot go on.”")
    assert speakers(text) == ["Ada Kerr"]


def test_a_lowercase_noun_before_a_name_opens_the_subject_for_she():
    text = article("Rosa Achterberg, who taught violin for sixty years, has died at 91.",
                   "Former pupil Dana Kowal, now a conductor, remembered her patience. “She never once raised her "
                   "voice,” she said.")
    assert speakers(text) == ["Dana Kowal"]
    text = article("Rosa Achterberg taught violin for sixty years.",
                   "Police stopped Dana Kowal on the bridge. “She was never late,” she said.")
    assert speakers(text) != ["Dana Kowal"]


def test_she_goes_to_the_person_just_introduced_before_a_woman_named_further_back():
    text = article("Former governor Jan Okafor backed the harbour bond. “This one is audited,” she said.",
                   "Opponent Robin Castellanos, a taxpayer advocate, said the bond would raise taxes. “It is a good "
                   "cause with a bad bill attached,” she said.")
    assert speakers(text) == ["Jan Okafor", "Robin Castellanos"]


def test_the_role_in_an_opening_is_its_titled_holder_named_further_on():
    text = article("The council voted six to five to collect bins once a fortnight, a decision the mayor called "
                   "“long overdue and fair to everyone”.",
                   "Cr Tessa Brack moved the motion. “Half the bins we empty are not full,” she said.",
                   "Mayor Greg Alcott said the council would review it. “If it fails, we will own it,” he said.")
    assert speakers(text) == ["Greg Alcott", "Tessa Brack", "Greg Alcott"]


def test_a_role_given_beside_a_name_further_on_is_no_title_for_an_earlier_role():
    text = article("“There never was an order to wait,” said the base chief, speaking for the first time.",
                   "The author of the book, Tom Kay, disputed the account of the agency chief, Kay said.")
    assert speakers(text)[0] == "chief"


def test_the_one_quoted_as_saying_is_the_speaker_not_who_quoted_them():
    text = article("Local radio quoted Mr. Pryce as saying: “The road will be finished by June.”",
                   "Your report quotes the county surveyor, Alan Pryce, as saying the road will “take the heat out of "
                   "the town centre”.",
                   "Reuters quoted a ministry official as saying that “talks are over for this year”.")
    assert speakers(text) == ["Alan Pryce", "Alan Pryce", "official"]


def test_as_someone_described_put_it_gives_that_someone():
    text = article("The bypass opened in 1998 and the lorries are still here.",
                   "As my neighbour, a retired lorry driver, put it to me: “Roads fill up. They always do.”",
                   "As Ola Berg, a haulier, put it: “Nobody builds a road to stay empty.”")
    assert speakers(text) == ["neighbour", "Ola Berg"]


@pytest.mark.parametrize("letters", ["QC", "OBE", "IAS"])
def test_letters_after_a_name_are_no_part_of_it(letters):
    text = article(f"Commissioner Dr. Ravi Gowda {letters} said the bridge would open in December.",
                   "“We are working three shifts,” Dr. Gowda said.")
    assert speakers(text) == ["Ravi Gowda"]


def test_a_given_name_after_a_noun_is_the_person_a_pronoun_finds():
    text = article("The chancellor, Rachel Moreton, said high streets were “the heart of our towns”.",
                   "My friend Tomas, who runs the bookshop on Mill Street, put it more bluntly. “Cut the rates and "
                   "I will show you a heart,” he said.")
    assert speakers(text) == ["Rachel Moreton", "Tomas"]


def test_where_someone_is_from_before_their_name_is_no_part_of_it():
    text = article("Unseeded Nigerian Adaeze Okonjo beat the top seed on Tuesday.",
                   "“Then suddenly it was match point,” Okonjo said.",
                   "Belgian Petra Vandersteen was gracious. “She played the big points better,” Vandersteen said.")
    quotes = extract_quotations(text)
    assert [(q.speaker, q.role) for q in quotes] == [("Adaeze Okonjo", "Unseeded Nigerian"),
                                                     ("Petra Vandersteen", "Belgian")]


def test_a_double_given_name_is_no_role_before_a_name():
    text = article("Shift leader Kerry Ann Walsh said the mood on the floor was angry. “People are working nights for "
                   "day rates,” she said.")
    assert speakers(text) == ["Kerry Ann Walsh"]
    assert speakers("“We need the second pier,” said Investor Jane Doe.") == ["Jane Doe"]


@pytest.mark.parametrize("did", ["also spoke about", "talked at length of", "was asked about"])
def test_a_paragraph_wholly_quoted_after_one_saying_who_spoke_about_it_is_theirs(did):
    text = ("The library will stay open, its director Ana Pell told a meeting of readers on Monday.\n"
            f"Pell {did} the budget for next year, which the council has cut twice. (The cuts fell hardest on the "
            "mobile library.)\n"
            "“Money is tight, I know that. But a town without a library has stopped reading to its children.”\n")
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.resolution, quote.basis, quote.confidence) == \
        ("Ana Pell", "name", "spoke_about", "low")
    assert text[quote.mention_start:quote.mention_end] == "Pell" and quote.cue_start is None


def test_a_quote_after_one_who_spoke_about_it_is_not_theirs_when_the_quote_has_more_to_say():
    text = ("Ana Pell also spoke about the budget, which the council has cut twice. (The cuts fell hardest on the "
            "mobile library.)\n"
            "“Money is tight,” according to a leaflet handed out at the door.\n")
    assert "Ana Pell" not in speakers(text)


@pytest.mark.parametrize("verb", ["Tweeted", "Retweeted"])
def test_a_capitalised_tweeted_in_a_tag_is_the_verb(verb):
    text = article("The harbour trust has fought the new pier for a year.",
                   f"“Not ours, but we like it!” Tom Kay, the head of the trust, {verb} on Friday with a photo.")
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.resolution, quote.basis, quote.confidence) == ("Tom Kay", "name", "cue", "high")
    assert text[quote.cue_start:quote.cue_end] == verb
    assert text[quote.mention_start:quote.mention_end] == "Tom Kay"


def test_an_inverted_tag_closing_the_sentence_names_the_speaker_over_its_subject():
    text = article("The harbour police checked the two crews in 2019.",
                   "The agency found no “ties of any weight,” aside from the two men knowing each other “slightly” "
                   "from a gym, said the agency's director, Tom Kay, on Monday.")
    quote = extract_quotations(text)[0]
    assert (quote.speaker, quote.resolution, quote.basis, quote.confidence) == ("Tom Kay", "name", "cue", "high")
    assert text[quote.cue_start:quote.cue_end] == "said"
    assert text[quote.mention_start:quote.mention_end] == "Tom Kay"


def test_a_quote_that_is_the_predicate_of_a_name_is_not_that_person_s_words():
    text = article("The mayor, Tom Kay, spoke about the pier on Monday.",
                   "“We never asked for it,” said Anna Berg, who runs the port. Kay “got it wrong. This is not "
                   "something he should say in public.”")
    quotes = extract_quotations(text)
    assert [q.speaker for q in quotes] == ["Anna Berg", "Anna Berg"]
    assert (quotes[1].resolution, quotes[1].basis) == ("continuation", "previous_quotation")
    assert text[quotes[1].mention_start:quotes[1].mention_end] == "Anna Berg"


@pytest.mark.parametrize("did, speaker", [("has long argued that the pier came", "Anna Berg"),
                                          ("visited the pier that came", None)])
def test_a_quote_after_a_sentence_saying_what_a_person_argued_is_theirs(did, speaker):
    text = article("The port opened in May.",
                   f"Anna Berg {did} too late for the fleet. As a result, the town still has “a harbour that "
                   "nobody can afford to use.”")
    [quote] = extract_quotations(text)
    assert quote.speaker == speaker
    if speaker:
        assert (quote.resolution, quote.basis, quote.confidence) == ("name", "previous_sentence_subject", "low")
        assert text[quote.mention_start:quote.mention_end] == "Anna Berg" and quote.cue_start is None


def test_a_quote_inside_a_paragraph_of_words_a_colon_introduces_is_the_writer_s():
    text = article("The pastor posted a video on Sunday.",
                   "In the text under the video, Ola Berg wrote:",
                   "I think the pier is late again. What we should ask is “who pays for all of this?”",
                   "The council did not answer calls.")
    [quote] = extract_quotations(text)
    assert (quote.speaker, quote.resolution, quote.basis, quote.confidence) == \
        ("Ola Berg", "name", "block_introduction", "medium")
    assert text[quote.cue_start:quote.cue_end] == "wrote"
    assert text[quote.mention_start:quote.mention_end] == "Ola Berg"
