"""Statements: who speaks and when, on constructions from outside reporting (sentences written
for these tests, not taken from any evaluation text)."""

import pytest


def speakers(run, text, published="2024-05-17", **kwargs):
    return [(s.speaker, s.date) for s in run(text, published=published, **kwargs).statements]


def who(run, text, **kwargs):
    return {speaker for speaker, _ in speakers(run, text, **kwargs)}


# --- who speaks ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Hezbollah fighters are said to have crossed the border.",
    "Hezbollah is reported to have moved rockets south.",
    "The Houthis are stated to have seized a second ship.",
])
def test_a_passive_report_is_no_statement_by_its_subject(run, text):
    assert who(run, text) == set()


def test_a_negated_saying_is_no_statement(run):
    assert who(run, "Hezbollah has not commented on the strike.") == set()


def test_a_relative_pronoun_speaks_for_its_antecedent(run):
    text = "Naim Qassem, who told reporters that the war would go on, met the envoy in Beirut."
    assert who(run, text) == {"naim-qassem"}


@pytest.mark.parametrize("text, speaker", [
    ("The Houthis condemned the raid on Sanaa.", "houthis"),
    ("Hezbollah denounced the strike as a crime.", "hezbollah"),
    ("Israel blamed Hezbollah for the rocket attack.", "israel"),
    ("The Houthis promised on Monday to keep attacking ships.", "houthis"),
])
def test_verbs_of_condemning_blaming_and_promising_are_statements(run, text, speaker):
    assert speaker in who(run, text)


def test_an_estimate_put_at_a_figure_is_a_statement(run):
    assert who(run, "Reuters puts the strength of Hezbollah at 40,000 fighters.") == {"reuters"}


def test_put_without_an_estimate_is_no_statement(run):
    assert who(run, "Hezbollah put its fighters on alert.") == set()


def test_calling_something_something_is_a_statement(run):
    assert who(run, "Naim Qassem called the strike a declaration of war.") == {"naim-qassem"}


def test_dismissing_a_person_is_no_statement(run):
    assert who(run, "Abd-Rabbu Mansour Hadi dismissed him as governor of Aden.") == set()


def test_the_author_of_a_report_speaks(run):
    text = "The latest report of Human Rights Watch describes Hezbollah as the strongest militia."
    assert who(run, text) == {"human-rights-watch"}


def test_a_country_owning_a_group_noun_does_not_speak(run):
    assert who(run, "Iraq's armed factions deny any role in the attack.") == set()


# --- when it was said ------------------------------------------------------------------------

def test_a_date_in_the_speakers_description_is_not_the_date_of_saying(run):
    text = "Hezbollah, which was founded in 1982, said on Tuesday that it had fired rockets."
    assert speakers(run, text, published="2024-05-17") == [("hezbollah", "2024-05-14")]


def test_a_date_in_what_was_said_is_not_the_date_of_saying(run):
    text = "Israel accuses Hezbollah of planning the attack of October 7."
    assert speakers(run, text, published="2024-05-17") == [("israel", "2024-05-17")]


def test_a_date_from_a_sibling_clause_with_its_own_subject_is_not_the_date_of_saying(run):
    text = "Israel banned the group in 2002, but Hezbollah officials say it still runs its office."
    assert ("hezbollah", "2024-05-17") in speakers(run, text)


@pytest.mark.parametrize("phrase, date", [
    ("the same day", "2024-05-13"), ("a day later", "2024-05-14"), ("three days later", "2024-05-16"),
])
def test_a_date_relative_to_the_last_date_named(run, phrase, date):
    text = f"Israeli jets struck Beirut on Monday. Hezbollah condemned the raid {phrase}."
    assert ("hezbollah", date) in speakers(run, text)


def test_at_the_time_takes_the_last_date_as_it_is(run):
    text = "Human Rights Watch accused Hezbollah of the killings in 2019, a charge Hezbollah denied at the time."
    assert ("hezbollah", "2019") in speakers(run, text)


@pytest.mark.parametrize("text", [
    "Iran has long denied arming the Houthis.",
    "Iran has consistently rejected claims that it arms the Houthis.",
    "For years Iran denied arming the Houthis.",
])
def test_a_habitual_saying_has_no_date(run, text):
    assert speakers(run, text) == [("iran", None)]


def test_a_saying_inside_anothers_words_has_no_date(run):
    text = "Naim Qassem said on Monday that Iran had called him to deny any role."
    assert set(speakers(run, text)) == {("naim-qassem", "2024-05-13"), ("iran", None)}


def test_an_undated_said_continues_the_speakers_dated_one(run):
    text = ("Naim Qassem said on Monday that the war would go on. "
            "“We will not stop,” he said. He added that talks had failed.")
    assert {date for _, date in speakers(run, text)} == {"2024-05-13"}


def test_an_undated_said_in_a_news_report_is_the_publication_day(run):
    assert speakers(run, "Naim Qassem said the war would go on.") == [("naim-qassem", "2024-05-17")]


def test_an_undated_past_said_in_an_analysis_has_no_date(run):
    text = "Naim Qassem said the war would go on. Hezbollah says it has 40,000 fighters."
    result = speakers(run, text, title="Analysis: Hezbollah after the war")
    assert result == [("naim-qassem", None), ("hezbollah", "2024-05-17")]


def test_a_headline_takes_the_date_the_body_gives(run):
    text = ("Hezbollah vows revenge for strike on Beirut\n\n"
            "BEIRUT, May 17 - Hezbollah said on Wednesday it would avenge the strike.")
    assert {date for _, date in speakers(run, text)} == {"2024-05-15"}


def test_according_to_a_dated_statement(run):
    text = "According to a statement on Tuesday by Naim Qassem, the war will go on."
    assert speakers(run, text) == [("naim-qassem", "2024-05-14")]


def test_the_date_of_what_is_blamed_is_not_the_date_of_blaming(run):
    text = "Israel blamed Hezbollah for the March 2019 bombing of its embassy."
    assert speakers(run, text, title="Analysis: Hezbollah's war") == [("israel", None)]


def test_a_second_saying_verb_in_the_clause_keeps_its_own_dates(run):
    text = "Jets struck Beirut on Monday, the Israeli military said, reporting similar raids on May 8 and 9."
    assert speakers(run, text) == [("israel", "2024-05-17")]


def test_a_coordinated_saying_is_not_reported_by_the_first_speaker(run):
    text = "Israel says the rocket was Iranian-made, and the United States has also blamed Hezbollah."
    assert ("united-states", "2024-05-17") in speakers(run, text)


def test_a_participle_of_telling_dates_the_saying_it_hangs_on(run):
    text = ("Eritrea has acknowledged its role for the first time, telling the U.N. Security Council "
            "on Wednesday that its troops would withdraw.")
    assert speakers(run, text) == [("eritrea", "2024-05-15")]
    text = "Hezbollah confirmed the deaths, telling reporters on Wednesday that more would follow."
    assert speakers(run, text) == [("hezbollah", "2024-05-15")]


def test_a_participle_of_reporting_keeps_its_dates_to_what_it_reports(run):
    text = "The Russian Defence Ministry said bombers struck near Albukamal, reporting raids on May 12."
    assert speakers(run, text) == [("russian-ministry-of-defence", "2024-05-17")]
