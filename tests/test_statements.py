"""Statements: speakers behind nouns, anaphora and parser gaps (sentences written for these tests)."""


def speakers(run, text, published="2024-07-31"):
    return [(s.speaker, s.date) for s in run(text, published=published).statements]


def test_a_state_body_noun_with_a_demonym_speaks_for_the_state(run):
    assert speakers(run, "The Israeli military said the commander was responsible.") == [("israel", "2024-07-31")]


def test_the_group_said_refers_to_the_organisation_in_focus(run):
    result = speakers(run, "Hezbollah fired rockets at a base on Monday, the group said on Tuesday.")
    assert result == [("hezbollah", "2024-07-30")]


def test_a_trailing_speaker_the_parser_left_without_verb_link(run):
    result = speakers(run, "The commander was killed in Tehran, Iran's Revolutionary Guards said.")
    assert ("irgc", "2024-07-31") in result


def test_verbs_of_thinking_are_not_statements(run):
    assert speakers(run, "Michael Knights believes that Kata'ib Hezbollah is growing.") == []


def test_quotation_is_direct_and_keeps_its_words(run):
    result = run("“We will respond at a time of our choosing,” said John Kirby, a White House spokesman.",
                 published="2024-01-29")
    statement = result.statements[0]
    assert statement.speaker == "john-kirby" and statement.direct
    assert statement.text == "We will respond at a time of our choosing,"
