"""Quotations: each form news uses, the inputs that must yield none, and speakers.

Every text here is written for the test; the people in it are invented.
"""

from __future__ import annotations

import pytest

from detente.model import Article, Quote
from detente.pipeline import Analyzer
from detente.quotes.marks import pair_marks


def speaker(article: Article, quote: Quote) -> str | None:
    actor = article.actor(quote.speaker)
    return actor.name if actor else None


def found(article: Article) -> list[tuple[str, str, str | None]]:
    return [(q.kind, q.text, speaker(article, q)) for q in article.quotes]


# -- pairing marks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spans", "stray"),
    [
        ('He said "A" and "B."', ["A", "B."], []),
        ("“A,” he said. “B.”", ["A,", "B."], []),
        ("“Outer ‘inner’ words,” she said.", ["Outer ‘inner’ words,"], []),
        ("“Para one.\n\n“Para two,” she said.", ["Para one.", "Para two,"], []),
        ("“Unclosed here.\n\nNext paragraph has no mark.", [], [0]),
        ("A stray ” mark, then “fine” words.", ["fine"], [8]),
        ('Mixed "straight and curly” marks.', ["straight and curly"], []),
        (
            'He said: "It is not about “Equal Justice” anymore," on Monday.',
            ["It is not about “Equal Justice” anymore,"],
            [],
        ),
        ("No marks at all.", [], []),
        # a curly mark typed the wrong way round, read from where it stands
        ("”Wrong way round,” she said.", ["Wrong way round,"], []),
        ("“Fine here,“ said Jo.", ["Fine here,"], []),
        ("A closing ” mark mid-sentence, then nothing.", [], [10]),
    ],
)
def test_pair_marks(text: str, spans: list[str], stray: list[int]) -> None:
    pairing = pair_marks(text)
    assert [text[s.start : s.end] for s in pairing.spans] == spans
    assert pairing.stray == stray


def test_unbalanced_marks_never_fail_the_article(analyzer: Analyzer) -> None:
    text = (
        "“This is fine,” said Dana Whitlock, an analyst at the Harbor Institute. Then a stray ” "
        "appears, and “another one opens but never closes.\n\nThe talks went on."
    )
    article = analyzer.analyze(text)
    assert found(article) == [("direct", "This is fine", "Dana Whitlock")]


# -- direct quotations -------------------------------------------------------------------

DIRECT_CASES = [
    # speaker after, inverted
    (
        "“We will not back down,” said Pat Moreno, a senator from Ohio.",
        [("direct", "We will not back down", "Pat Moreno")],
    ),
    # speaker after, not inverted, with an appositive and a channel
    (
        "“The talks failed,” Dana Whitlock, an analyst at the Harbor Institute, wrote on Twitter.",
        [("direct", "The talks failed", "Dana Whitlock")],
    ),
    # speaker between two parts, pronoun resolved: one quotation in two parts
    (
        "Lena Okafor spoke first. “It is a start,” she said. “It is not a thaw.”",
        [("direct", "It is a start … It is not a thaw.", "Lena Okafor")],
    ),
    # colon introduction
    (
        "Dana Whitlock wrote on Twitter: “The visit was a mistake.”",
        [("direct", "The visit was a mistake.", "Dana Whitlock")],
    ),
    # colon introduction by a clause whose verb is not one of saying
    (
        "Lena Okafor then addressed the delegates again: “Here is what I regret.”",
        [("direct", "Here is what I regret.", "Lena Okafor")],
    ),
    # dash attribution
    (
        "Kim Arden, the commissioner, spoke at length.\n\n“We act now.” —Kim Arden",
        [("direct", "We act now.", "Kim Arden")],
    ),
    # several sentences in one quotation
    (
        "“One. Two. Three,” said Pat Moreno.",
        [("direct", "One. Two. Three", "Pat Moreno")],
    ),
    # a following paragraph continues the same speaker
    (
        "“The first point is trade,” said Pat Moreno.\n\n“The second point is security.”",
        [("direct", "The first point is trade … The second point is security.", "Pat Moreno")],
    ),
    # a quotation over two paragraphs, closed only at the end
    (
        "Pat Moreno said: “The first point is trade.\n\n“The second point is security.”",
        [("direct", "The first point is trade. … The second point is security.", "Pat Moreno")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), DIRECT_CASES)
def test_direct_quotations(analyzer: Analyzer, text: str, expected: list) -> None:
    article = analyzer.analyze(text)
    assert [q for q in found(article) if q[0] != "indirect"] == expected
    for quote in article.quotes:
        assert quote.rule
        parts = quote.parts or [(quote.start, quote.end)]
        assert " … ".join(text[s:e] for s, e in parts) == quote.text
        assert (parts[0][0], parts[-1][1]) == (quote.start, quote.end)
        if quote.cue_span:
            assert text[quote.cue_span[0] : quote.cue_span[1]] == quote.cue


def test_channel_and_speaker_mention(analyzer: Analyzer) -> None:
    text = (
        "“The talks failed,” Dana Whitlock, an analyst at the Harbor Institute, wrote on Twitter."
    )
    quote = analyzer.analyze(text).quotes[0]
    assert quote.channel == "Twitter"
    assert quote.cue == "wrote"
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "Dana Whitlock"


def test_mixed_quotation_after_the_cue(analyzer: Analyzer) -> None:
    text = "Pat Moreno criticized the law as a “crazy system” on Monday."
    article = analyzer.analyze(text)
    [(kind, quoted, who)] = found(article)
    assert (kind, who) == ("mixed", "Pat Moreno")
    assert quoted.startswith("the law as a “crazy system”")


def test_reported_words_leading_into_a_quotation_make_it_mixed(analyzer: Analyzer) -> None:
    text = "Pat Moreno says no matter what the council does, “the law stands.”"
    assert found(analyzer.analyze(text)) == [
        ("mixed", "no matter what the council does, “the law stands.”", "Pat Moreno")
    ]


def test_full_stop_inside_the_marks_ends_the_attribution(analyzer: Analyzer) -> None:
    text = (
        "Dana Whitlock called the plan “unhinged.” Pat Moreno called the statement "
        "“offensive,” too."
    )
    article = analyzer.analyze(text)
    assert [(q.text, speaker(article, q)) for q in article.quotes] == [
        ("the plan “unhinged.”", "Dana Whitlock"),
        ("the statement “offensive,”", "Pat Moreno"),
    ]


def test_words_of_saying_inside_a_quotation_are_not_cues(analyzer: Analyzer) -> None:
    text = (
        '"Well, according to the witnesses, the situation is a front line," '
        "Dana Whitlock said on Monday."
    )
    article = analyzer.analyze(text)
    assert found(article) == [
        (
            "direct",
            "Well, according to the witnesses, the situation is a front line",
            "Dana Whitlock",
        )
    ]


def test_mixed_clause_runs_on_to_its_attribution(analyzer: Analyzer) -> None:
    text = (
        "Dana Whitlock has been “arbitrarily detained” by two governments since 2010, "
        "the panel said on Friday."
    )
    [quote] = analyzer.analyze(text).quotes
    assert quote.kind == "mixed"
    assert quote.text.endswith("by two governments since 2010")


def test_clause_going_on_after_the_mark_is_mixed(analyzer: Analyzer) -> None:
    text = "Pat Moreno said “the wind is at our backs” despite his loss in Nevada."
    assert found(analyzer.analyze(text)) == [
        ("mixed", "“the wind is at our backs” despite his loss in Nevada", "Pat Moreno")
    ]


@pytest.mark.parametrize(
    ("text", "quoted", "who"),
    [
        (
            "Lena Okafor faced criticism over her remark that “there is a special place for "
            "people who do not help each other.”",
            "there is a special place for people who do not help each other.”",
            "Lena Okafor",
        ),
        (
            "Pat Moreno returned. Critics noted his warning that the country would go to the "
            "“back of the queue” in any trade deal.",
            "the country would go to the “back of the queue” in any trade deal",
            "Pat Moreno",
        ),
    ],
)
def test_noun_of_saying_with_a_possessor(
    analyzer: Analyzer, text: str, quoted: str, who: str
) -> None:
    article = analyzer.analyze(text)
    assert [(q.kind, q.text, speaker(article, q), q.rule) for q in article.quotes] == [
        ("mixed", quoted, who, "noun-cue")
    ]


def test_document_as_source_keeps_its_words(analyzer: Analyzer) -> None:
    text = "The new ad argues that “only one candidate can win this state.”"
    [quote] = analyzer.analyze(text).quotes
    assert (quote.kind, quote.speaker) == ("mixed", None)
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "The new ad"


def test_initials_do_not_end_the_attribution(analyzer: Analyzer) -> None:
    text = "“It is over,” Vann R. Moreno, a writer at the Harbor Ledger, said on Twitter."
    assert found(analyzer.analyze(text)) == [("direct", "It is over", "Vann R. Moreno")]


def test_mixed_quotation_takes_the_whole_clause(analyzer: Analyzer) -> None:
    text = "Direct military lines are “essential for avoiding a crisis,” Pat Moreno said."
    article = analyzer.analyze(text)
    assert found(article) == [
        ("mixed", "Direct military lines are “essential for avoiding a crisis,”", "Pat Moreno")
    ]


def test_description_resolves_to_the_person(analyzer: Analyzer) -> None:
    text = (
        "Senator Pat Moreno visited Kyiv on Monday.\n\n“We stand with Ukraine,” the senator said."
    )
    article = analyzer.analyze(text)
    assert found(article) == [("direct", "We stand with Ukraine", "Pat Moreno")]
    assert article.quotes[0].speaker_mention.text == "the senator"


@pytest.mark.parametrize(
    "text",
    [
        # scare quotes and titles: nobody is said to have said them
        "The two sides agreed to expand “people-to-people” contacts and flights.",
        "The administration wants to compete “responsibly” with China.",
        "Her book “The Long Game” was published in 2021.",
        "Friday on CNN’s “New Day,” Pat Moreno said the plan was dead.",
        # a quotation nobody is said to have said, with no speaker before it
        "“This is an unattributed sentence in quotation marks.”",
        "No quotation marks and no saying here at all.",
    ],
)
def test_no_quotation(analyzer: Analyzer, text: str) -> None:
    assert [q for q in analyzer.analyze(text).quotes if q.kind != "indirect"] == []


# -- indirect quotations --------------------------------------------------------------

INDIRECT_CASES = [
    ("Pat Moreno said that the talks had failed.", "the talks had failed", "Pat Moreno"),
    ("Some experts argued the trip achieved nothing.", "the trip achieved nothing", "experts"),
    # people who saw or suffered it speak as a group
    ("Eyewitnesses said the gunman wore a mask.", "the gunman wore a mask", "Eyewitnesses"),
    (
        "Relatives of the victims said the inquiry was too slow.",
        "the inquiry was too slow",
        "Relatives",
    ),
    (
        "Chinese officials warned that Taiwan was a red line.",
        "Taiwan was a red line",
        "Chinese officials",
    ),
    (
        "Beijing pushed for an earlier visit, according to several officials.",
        "Beijing pushed for an earlier visit",
        "officials",
    ),
    (
        "The ministry said in a statement that the sanctions were illegal.",
        "the sanctions were illegal",
        "ministry",
    ),
]


INDIRECT_CASES += [
    # the media that report are a speaker
    (
        "State media said a block of flats collapsed in Aleppo.",
        "a block of flats collapsed in Aleppo",
        "media",
    ),
    # the clause the parser hangs on the channel ("in a statement") is the verb's
    (
        "The ministry said in a statement that the border would stay closed.",
        "the border would stay closed",
        "ministry",
    ),
    (
        "Kenya's foreign ministry said in a statement that the border would stay closed.",
        "the border would stay closed",
        "ministry",
    ),
    # an addressee and a reported clause: the clause is the quote
    ("Jo Lind told her brother she was leaving for good.", "she was leaving for good", "Jo Lind"),
    (
        "The test, North Korea said, was its biggest yet.",
        "The test … was its biggest yet",
        "North Korea",
    ),
]


@pytest.mark.parametrize(
    "text",
    [
        # a passive belief verb: its subject believes nothing
        "Senior officials are expected to follow suit with their own trips to Beijing.",
        # an adjective, not a cue
        "The administration's stated efforts to ease tensions are not making headway.",
        # a relative clause about a thing: nobody says it
        "It was a series of meetings that showed that the efforts are failing.",
        # a relative clause on the channel is no reported clause
        "She spoke in a statement that nobody read.",
        # a verb of saying with only an object reports no words: an event at most
        "Pat Moreno called for new sanctions on Russia.",
        "Argentina announced a four-month wage and price freeze on Wednesday.",
        "President Lind warned Premier Oduya of the consequences.",
        "The minister thanked Congress for its support.",
        "The prosecutor accused the network of violating its franchise.",
        "The foreign minister described the deal as a turning point for the region.",
        "The President instructed the minister to fly to the scene at once.",
        # a speaker's own opinion is their text, not an attribution
        "I think the talks will go on for a long time.",
        "We believe the border should stay open to trade.",
        "You know the region better than anyone in this room.",
    ],
)
def test_no_indirect_quotation(analyzer: Analyzer, text: str) -> None:
    assert analyzer.analyze(text).quotes == []


@pytest.mark.parametrize(("text", "content", "who"), INDIRECT_CASES)
def test_indirect_quotations(analyzer: Analyzer, text: str, content: str, who: str) -> None:
    article = analyzer.analyze(text)
    assert [(q.kind, q.text) for q in article.quotes] == [("indirect", content)]
    actor = article.actor(article.quotes[0].speaker)
    assert actor is not None and who in actor.name


GROUP_SPEAKERS = [
    ("Chinese officials warned that Taiwan was a red line.", ("CHN", "GOV")),
    # a state's body named by its head word alone is the home country's
    (
        "Kenyan President Sam Oduya returned to Nairobi on Monday. Oduya said Kenya would "
        "host the summit. The ministry said the talks went well.",
        ("KEN", "GOV"),
    ),
    (
        "Kenyan President Sam Oduya returned to Nairobi on Monday. Oduya said Kenya would "
        "host the summit. The parliament said the budget was late.",
        ("KEN", "LEG"),
    ),
    # with no country the article is about, the body has none
    ("The ministry said the talks went well.", (None, "GOV")),
]


@pytest.mark.parametrize(("text", "expected"), GROUP_SPEAKERS)
def test_group_speaker_has_its_country(
    analyzer: Analyzer, text: str, expected: tuple[str | None, str]
) -> None:
    article = analyzer.analyze(text)
    actor = article.actor(article.quotes[-1].speaker)
    assert actor is not None and actor.type == "group"
    assert (actor.country, actor.sector) == expected


def test_statement_is_the_channel(analyzer: Analyzer) -> None:
    article = analyzer.analyze("The ministry said in a statement that the sanctions were illegal.")
    assert article.quotes[0].channel == "statement"


# -- more frames of attribution --------------------------------------------------------

FRAME_CASES = [
    # a lower-case word after an abbreviation's full stop: the sentence goes on
    (
        "“The vote was rigged,” Rep. Jo Lind (R-Fla.) said. “We will appeal.”",
        [("direct", "The vote was rigged … We will appeal.", "Jo Lind")],
    ),
    # a dash attribution after a no-break space
    (
        "“We were wrong to wait so long.”\xa0― Kim Arden",
        [("direct", "We were wrong to wait so long.", "Kim Arden")],
    ),
    # a speaker described, not named, still goes on in the next quotation
    (
        "“We will not pay,” said a senior party official who asked not to be named. “Not a cent.”",
        [("direct", "We will not pay … Not a cent.", "senior party official")],
    ),
    # the attribution between two parts of one quotation, with words after the cue
    (
        "“The deal is done,” Pat Moreno said on Monday, “but the fight is not over.”",
        [("direct", "The deal is done … but the fight is not over.", "Pat Moreno")],
    ),
    # a curly mark the wrong way round opens a quotation
    ("”We waited for hours,” said Pat Moreno.", [("direct", "We waited for hours", "Pat Moreno")]),
    # a paragraph ending in a colon introduces the quotation below it
    (
        "Pat Moreno told the rally in Akron:\n\n“We will win this state. We always do.”",
        [("direct", "We will win this state. We always do.", "Pat Moreno")],
    ),
    # an addressee between the cue and the quotation
    (
        "Pat Moreno told reporters, “We will win this state. We always do.”",
        [("direct", "We will win this state. We always do.", "Pat Moreno")],
    ),
    # an inverted frame: the verb of saying before the speaker
    (
        "Taxes rose again last year. Said Pat Moreno: “Nobody wants to hear that.”",
        [("direct", "Nobody wants to hear that.", "Pat Moreno")],
    ),
    # the name before the cue is the speaker, not the one it told
    (
        "“We were wrong to wait,” Pat Moreno, 58, told the Harbor Institute in an interview.",
        [("direct", "We were wrong to wait", "Pat Moreno")],
    ),
    # of two subjects the parser gives a verb, the one next to it
    (
        "Speaking at a town hall in Salem, New Hampshire, Pat Moreno went after Dana "
        "Whitlock, calling her “a total failure.”",
        [("mixed", "her “a total failure.”", "Pat Moreno")],
    ),
    # a cue right before the mark, whatever cue follows in the sentence
    (
        "Pat Moreno said “it makes me angry” every time she reads the news about the plant.",
        [
            (
                "mixed",
                "“it makes me angry” every time she reads the news about the plant",
                "Pat Moreno",
            )
        ],
    ),
    # further quoted words in the same clause belong to it
    (
        "Pat Moreno says “the game is broken” because “the rules are soft.”",
        [("mixed", "“the game is broken” because “the rules are soft.”", "Pat Moreno")],
    ),
    # the quoted words a verb governs, not a clause hung on it from before a colon
    (
        "Even her allies sounded unsure: Pat Moreno called it “the least bad option we have.”",
        [("mixed", "it “the least bad option we have.”", "Pat Moreno")],
    ),
    # two words are enough when one is quoted
    ("Pat Moreno called it “absurd.”", [("mixed", "it “absurd.”", "Pat Moreno")]),
    # a reported clause opening a quotation runs to its closing mark
    (
        "Pat Moreno added that “taxes are too high. That is why we must act now.”",
        [("mixed", "taxes are too high. That is why we must act now.”", "Pat Moreno")],
    ),
    # reported words before the quoted ones belong to the clause
    (
        "Pat Moreno argued the new bridge, which the council approved in May, “would never "
        "carry trucks” safely.",
        [
            (
                "mixed",
                "the new bridge, which the council approved in May, “would never carry trucks”",
                "Pat Moreno",
            )
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), FRAME_CASES)
def test_frames_of_attribution(analyzer: Analyzer, text: str, expected: list) -> None:
    article = analyzer.analyze(text)
    assert [q for q in found(article) if q[0] != "indirect"] == expected


@pytest.mark.parametrize(
    "text",
    [
        # a colon ending the paragraph before, but nobody to say the words
        "Here is the schedule for Monday:\n\n“Opening remarks” at nine, then lunch.",
        # a name between two quoted words, and no cue
        "He sold “apples,” Pat Moreno, 40, and “pears.”",
        # "Said" as a name, not an inverted frame
        "The late scholar Edward Said wrote “Orientalism” in 1978.",
        "Said Lind’s shop: “Closed on Sundays.”",
        # a quoted fragment with no verb of saying near it
        "The town, 40 miles away, has “no water, no power and no roads open today.”",
    ],
)
def test_no_quotation_in_other_frames(analyzer: Analyzer, text: str) -> None:
    assert [q for q in analyzer.analyze(text).quotes if q.kind != "indirect"] == []


def test_no_interruption_without_the_speaker_alone(analyzer: Analyzer) -> None:
    text = (
        "Dana Whitlock says voters are “right to be angry,” but also hungry for what she "
        "calls “real answers.”"
    )
    rules = [q.rule for q in analyzer.analyze(text).quotes]
    assert "interrupted-quotation" not in rules


def test_a_byline_never_runs_into_the_first_sentence(analyzer) -> None:
    text = (
        "By Ada Finch, Asia correspondent for the Harbor Ledger\n\n"
        "Chile's navy held exercises off its coast on Sunday, according to state television."
    )
    quotes = analyzer.analyze(text).quotes
    assert quotes and all(not q.text.startswith("By Ada") for q in quotes)


def test_a_person_named_after_the_last_quote_is_the_pronouns_speaker(analyzer) -> None:
    text = (
        "“The drills were a message,” said Colm Ward, an analyst at the Fenwick Forum.\n\n"
        "Sarah Collins, a fellow at the Larch Institute, said that the timing mattered. "
        "“They chose the week of the visit,” she said."
    )
    article = analyzer.analyze(text)
    names = {a.id: a.name for a in article.actors}
    chose = next(q for q in article.quotes if "chose the week" in q.text)
    assert names[chose.speaker] == "Sarah Collins"


def test_a_name_that_only_modifies_a_noun_is_no_antecedent(analyzer: Analyzer) -> None:
    text = (
        'Senator Maria Okafor spoke on Tuesday. "We want peace," she said at the Obama '
        'library opening.\n\nShe also called the plan "a disgrace".'
    )
    article = analyzer.analyze(text)
    assert [q.speaker_text for q in article.quotes] == ["Maria Okafor", "Maria Okafor"]


APPOSITIVE_SPEAKERS = [
    # a title in apposition to a name: the named person speaks
    (
        "Lind strongly condemned the attack, his spokesman Marek Dusan told reporters.",
        "Marek Dusan",
    ),
    (
        "The French president's spokeswoman, Claire Dubois, said the talks would resume.",
        "Claire Dubois",
    ),
    (
        "US Ambassador to Japan Mark Ellery alleged, in a letter to the ministry, that the "
        "rules were unfair.",
        "Mark Ellery",
    ),
]


@pytest.mark.parametrize(("text", "speaker"), APPOSITIVE_SPEAKERS)
def test_the_person_a_title_stands_for_speaks(analyzer: Analyzer, text: str, speaker: str) -> None:
    assert [q.speaker_text for q in analyzer.analyze(text).quotes] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        # saying it now, in the first person, is the text itself
        "I assure you that we will create excellent conditions for the athletes.",
        "I would like to say that our growth was affected by the defence order.",
        "We can confirm that the ship has left the port.",
    ],
)
def test_first_person_speech_in_the_present_is_no_quote(analyzer: Analyzer, text: str) -> None:
    assert analyzer.analyze(text).quotes == []


def test_first_person_speech_in_the_past_is_a_quote(analyzer: Analyzer) -> None:
    article = analyzer.analyze("Last year I told my mother that I was leaving.")
    assert [q.text for q in article.quotes if q.kind == "indirect"] == ["I was leaving"]


DOCUMENT_SPEAKERS = [
    # a statement speaks for whoever it belongs to
    ('"We support the plan," the Treasury statement said.', "Treasury"),
    ("Putin's message said the attack was a crime.", "Putin"),
    # a statement of no one named: an explicit unknown, never a guess
    ("The statement said the talks had failed.", None),
]


@pytest.mark.parametrize(("text", "speaker"), DOCUMENT_SPEAKERS)
def test_a_statement_speaks_for_its_author(
    analyzer: Analyzer, text: str, speaker: str | None
) -> None:
    assert [q.speaker_text for q in analyzer.analyze(text).quotes] == [speaker]


def test_the_statement_is_the_one_last_quoted(analyzer: Analyzer) -> None:
    # "the statement" again: whose it was when it was last quoted
    text = (
        "The Kenyan Foreign Ministry statement said the talks had failed. The statement "
        "also noted that Norway had withdrawn its envoy."
    )
    speakers = [q.speaker_text for q in analyzer.analyze(text).quotes]
    assert speakers == ["Kenyan Foreign Ministry", "Kenyan Foreign Ministry"]


def test_a_described_speaker_is_named_as_written(analyzer: Analyzer) -> None:
    article = analyzer.analyze("Russia struck a hospital, Ukraine's foreign minister said.")
    speaker = article.actor(article.quotes[0].speaker)
    assert speaker is not None and (speaker.name, speaker.country) == (
        "Ukraine's foreign minister",
        "UKR",
    )


@pytest.mark.parametrize(
    "text",
    [
        # a small or infinitive clause is no reported speech
        "Many women found it easy to leave the faith.",
        "My parents expect me to come back home soon.",
        # a verb of knowing with a question knows, it does not say
        "She knows who the new minister is.",
        # a participle of showing is a thing's, not a speaker's
        "Ukraine fought on, showing that freedom is worth fighting for.",
    ],
)
def test_clauses_that_report_no_words(analyzer: Analyzer, text: str) -> None:
    assert [q for q in analyzer.analyze(text).quotes if q.kind == "indirect"] == []


def test_a_question_asked_is_reported_speech(analyzer: Analyzer) -> None:
    article = analyzer.analyze("Reporters asked whether the talks would resume.")
    assert [q.text for q in article.quotes] == ["whether the talks would resume"]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # "according to which" is a relative clause, not a source
        ("Norway and Kenya signed a border deal, according to which the island is Kenyan.", []),
        # a statement by someone is theirs
        (
            "The talks will resume in May, according to a statement by spokesman Harry Lind.",
            ["Harry Lind"],
        ),
    ],
)
def test_according_to(analyzer: Analyzer, text: str, speakers: list[str]) -> None:
    assert [q.speaker_text for q in analyzer.analyze(text).quotes] == speakers


def test_a_passive_verb_quotes_no_one(analyzer: Analyzer) -> None:
    text = "Sultan Qaboos was known for his mediation as a “friend to all and enemy to none”."
    assert analyzer.analyze(text).quotes == []


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # an official who reports what a country does speaks for it
        ("Kenya is not happy with the deal, Finance Minister Ada Lind said.", "KEN"),
        ("Interior Minister Ada Lind said Kenya would close the border.", "KEN"),
        # an office whose work is other countries says nothing of its holder's
        ("Kenya is a threat to the region, Foreign Minister Ada Lind said.", None),
        ("Defence Minister Ada Lind said Kenya had moved troops.", None),
        # a country the text gives wins; no country as the subject gives none
        ("Norwegian Finance Minister Ada Lind said Kenya would pay.", "NOR"),
        ("Finance Minister Ada Lind said the talks would resume.", None),
    ],
)
def test_an_official_speaks_for_the_country_they_report_on(
    analyzer: Analyzer, text: str, country: str | None
) -> None:
    article = analyzer.analyze(text)
    speaker = next(a for a in article.actors if a.name == "Ada Lind")
    assert speaker.country == country


SUBJECTS_OF_MISPARSED_CUES = [
    # the parser gives "told" two subjects; the one a preposition governs is no speaker
    (
        "A senior official working closely with the ministry told Reuters the policy had "
        "not changed.",
        "A senior official",
    ),
    # of two subjects that are both free, the one nearest the cue speaks
    ("In Salem, New Hampshire, Jo Lind said the race was close.", "Jo Lind"),
]


@pytest.mark.parametrize(("text", "mention"), SUBJECTS_OF_MISPARSED_CUES)
def test_the_speaker_of_a_cue_with_two_subjects(
    analyzer: Analyzer, text: str, mention: str
) -> None:
    quote = analyzer.analyze(text).quotes[0]
    assert quote.speaker_mention is not None and quote.speaker_mention.text == mention
