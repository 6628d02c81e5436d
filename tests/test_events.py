"""The PLOVER event coder: types, arguments, status, dates, places, export.

Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from detente.errors import KnowledgeBaseError
from detente.events.plover import plover_records
from detente.kb import KnowledgeBase
from detente.model import Article, Event, Span
from detente.pipeline import Analyzer


@pytest.fixture(scope="module")
def analyzer(analyzer: Analyzer) -> Analyzer:
    """The coder's readings, every one: the shared pipeline with no confidence floor (what
    the floor leaves out is pinned in ``test_event_confidence_floor``)."""
    return Analyzer(analyzer.nlp, kb=analyzer.kb, min_event_confidence=0)


PUBLISHED = "2023-06-20"


def events_of(analyzer: Analyzer, text: str, published: str = PUBLISHED) -> list[Event]:
    return analyzer.analyze(text, published=published).events


def triples(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {(e.type, e.source_country, e.target_country) for e in events}


TYPE_CASES = [
    ("The Kenyan foreign minister visited Beijing on Monday.", ("CONSULT", "KEN", "CHN")),
    ("Japan and South Korea held talks in Seoul on Tuesday.", ("CONSULT", "JPN", "KOR")),
    ("Chile signed a trade agreement with Peru last week.", ("SUPPORT", "CHL", "PER")),
    ("Norway pledged to send more aid to Sudan.", ("AGREE", "NOR", "SDN")),
    ("Brazil praised Argentina for its handling of the crisis.", ("SUPPORT", "BRA", "ARG")),
    ("Canada sent humanitarian aid to Haiti on Friday.", ("AID", "CAN", "HTI")),
    ("Russia released two Estonian citizens on Sunday.", ("RETREAT", "RUS", "EST")),
    ("Germany urged Iran to return to the negotiating table.", ("REQUEST", "DEU", "IRN")),
    ("France condemned Mali for expelling its ambassador.", ("ACCUSE", "FRA", "MLI")),
    ("India accused Pakistan of sheltering militants.", ("ACCUSE", "IND", "PAK")),
    ("Egypt rejected Ethiopia's proposal for a new dam schedule.", ("REJECT", "EGY", "ETH")),
    ("Turkey threatened Greece with sanctions over the islands.", ("THREATEN", "TUR", "GRC")),
    ("The United States imposed sanctions on Venezuela on Monday.", ("SANCTION", "USA", "VEN")),
    ("Poland expelled three Belarusian diplomats last month.", ("SANCTION", "POL", "BLR")),
    ("Israel deployed troops near the Lebanese border.", ("MOBILIZE", "ISR", None)),
    ("Nigerian police arrested 40 protesters in Lagos.", ("COERCE", "NGA", None)),
    ("Syrian forces shelled Turkish positions near the border.", ("ASSAULT", "SYR", "TUR")),
    ("Serbia apologized to Croatia for the border incident.", ("CONCEDE", "SRB", "HRV")),
    ("Norway and Sweden cooperate closely with Finland on defence.", ("COOPERATE", "NOR", "FIN")),
    ("Thousands of Georgian students protested on Friday.", ("PROTEST", "GEO", None)),
]


@pytest.mark.parametrize(("text", "expected"), TYPE_CASES)
def test_each_type(analyzer: Analyzer, text: str, expected: tuple[str, str, str | None]) -> None:
    found = events_of(analyzer, text)
    assert any(
        (e.type, e.source_country) == expected[:2]
        and (expected[2] is None or e.target_country == expected[2])
        for e in found
    ), [(e.type, e.source_country, e.target_country, e.rule) for e in found]


CONSTRUCTIONS = [
    # passive with an agent
    ("Vietnam was visited by the Japanese prime minister in May.", ("CONSULT", "JPN", "VNM")),
    # possessive nominal event
    ("Spain's sanctions on Iran drew criticism.", ("SANCTION", "ESP", "IRN")),
    # nominal event with a prepositional target, subject of the governing verb
    ("Ghana imposed new sanctions on Togo's ruling party.", ("SANCTION", "GHA", "TGO")),
    ("Ghana imposed new restrictions on imports from Togo.", ("SANCTION", "GHA", None)),
    # a meeting with someone, the subject of "attended"
    (
        "The Dutch prime minister attended a meeting with Belgian officials.",
        ("CONSULT", "NLD", "BEL"),
    ),
    # refusal governs the action
    ("Serbia refused to recognize Kosovo.", ("REJECT", "SRB", "XKX")),
    # failure construction: the persuaded side is the refuser
    ("Austria was unable to get Hungary to agree to the plan.", ("REJECT", "HUN", "AUT")),
    # metonymy: a capital acts for its government
    ("Moscow condemned Tokyo for the new defence budget.", ("ACCUSE", "RUS", "JPN")),
    # a nationality word marks the side of a nominal actor
    ("A Russian warship intercepted a Norwegian fishing boat.", ("MOBILIZE", "RUS", "NOR")),
    # the parser gave the title and the name a subject each: the name's is the source
    (
        "Assistant to the President for National Security Affairs Tom Barrow of the "
        "United States spoke with Prime Minister Karim al-Hadad of Kuwait on August 11.",
        ("CONSULT", "USA", "KWT"),
    ),
    # "spoke with X to convey", parsed as a clause "with X to convey": X is the other side
    (
        "President Oduya spoke today with Palestinian Authority President Mahmoud Lind to "
        "convey the U.S. commitment.",
        ("CONSULT", "USA", "PSE"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CONSTRUCTIONS)
def test_constructions(
    analyzer: Analyzer, text: str, expected: tuple[str, str, str | None]
) -> None:
    found = events_of(analyzer, text)
    assert any(
        (e.type, e.source_country) == expected[:2]
        and (expected[2] is None or e.target_country == expected[2])
        for e in found
    ), [(e.type, e.source_country, e.target_country, e.rule) for e in found]


def test_coordinated_targets_give_one_event_each(analyzer: Analyzer) -> None:
    found = events_of(analyzer, "Australia condemned Iran and Syria on Monday.")
    accused = {e.target_country for e in found if e.type == "ACCUSE"}
    assert accused == {"IRN", "SYR"}


def test_coordinated_sources_give_one_event_each(analyzer: Analyzer) -> None:
    found = events_of(analyzer, "Sweden and Finland condemned the attack by Russia on Ukraine.")
    sources = {e.source_country for e in found if e.type == "ACCUSE"}
    assert sources == {"SWE", "FIN"}


STATUSES = [
    ("Chile met Peru on Monday.", "occurred"),
    ("The Chilean president will visit Peru next month.", "planned"),
    ("Chile and Peru plan to hold talks in August.", "planned"),
    ("Chile is expected to send aid to Peru.", "planned"),
    ("Chile could impose sanctions on Peru if talks fail.", "hypothetical"),
    ("Chile hopes to sign an agreement with Peru.", "hypothetical"),
    ("Chile did not meet Peru's delegation.", "negated"),
    ("Chile refused to meet Peru's delegation.", "occurred"),
]


WISHED = [
    # the owner of a wish, readiness or plan does what is wished, which has not happened
    (
        "Norway and Kenya reaffirmed their shared desire to strengthen the Norway-Kenya "
        "partnership.",
        ("COOPERATE", "NOR", "KEN", "hypothetical"),
    ),
    (
        "Kenya's President Oduya expressed his wish to visit Norway.",
        ("CONSULT", "KEN", "NOR", "hypothetical"),
    ),
    ("Norway has a plan to send aid to Kenya.", ("AID", "NOR", "KEN", "planned")),
]


@pytest.mark.parametrize(("text", "expected"), WISHED)
def test_what_a_wish_is_of_is_its_owners_and_to_come(
    analyzer: Analyzer, text: str, expected: tuple[str, str, str, str]
) -> None:
    found = {
        (e.type, e.source_country, e.target_country, e.status) for e in events_of(analyzer, text)
    }
    assert expected in found


@pytest.mark.parametrize(("text", "status"), STATUSES)
def test_status(analyzer: Analyzer, text: str, status: str) -> None:
    found = [e for e in events_of(analyzer, text) if e.source_country == "CHL"]
    assert found, text
    assert found[0].status == status, [(e.type, e.status, e.rule) for e in found]


NO_EVENT = [
    "The weather in the capital was mild all week.",
    "Analysts think the relationship is complicated.",
    "Sanctions are a blunt instrument, economists say.",
    "Visits of this kind rarely change anything.",
    # an interviewer's question reports no event
    "But does the Norwegian government still endorse Kenya's plan?",
    'QUESTION: Did Norway sanction Kenya in March?"',
    # people a speaker calls "I", "we" or "they", with no state on either side
    "Ada Lind runs the shelter. She supported me when I left.",
    "Tom Berg runs the shelter. He criticised the plan on Monday.",
    # a demonstration that something can be done is a proof, not a protest
    "This is just a demonstration that we can build these things in Kenya.",
    # a source asking not to be named asks no one for anything
    "A Kenyan diplomat, who asked not to be named, said the weather was mild.",
    "The policy will not change, said a Norwegian official who requested not to be identified.",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a pronoun for a person of a known country is still a side
        (
            "Kenyan President Ada Lind arrived. She met Ugandan officials on Monday.",
            [("CONSULT", "KEN", None), ("CONSULT", "KEN", "UGA")],
        ),
        # a named subject keeps an event even with no state on either side
        ("Rebels seized the town on Monday.", [("COERCE", None, None)]),
    ],
)
def test_a_pronoun_beside_a_state_is_an_event(
    analyzer: Analyzer, text: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    found = [(e.type, e.source_country, e.target_country) for e in events_of(analyzer, text)]
    assert found == expected


@pytest.mark.parametrize("text", NO_EVENT)
def test_no_event(analyzer: Analyzer, text: str) -> None:
    assert events_of(analyzer, text) == []


def test_one_event_per_action_and_sentence(analyzer: Analyzer) -> None:
    found = events_of(
        analyzer, "Ecuador imposed trade restrictions and sanctions on Colombia on Monday."
    )
    sanctions = [e for e in found if e.type == "SANCTION"]
    assert len(sanctions) == 1


def test_a_person_in_apposition_to_a_style_is_the_side(analyzer: Analyzer) -> None:
    found = events_of(
        analyzer,
        "Norwegian Assistant to the President for National Security Affairs Ada Lind "
        "spoke with His Highness Sam Oduya of Kenya on August 11.",
    )
    assert [(e.type, e.source_country, e.target_country, e.rule) for e in found] == [
        ("CONSULT", "NOR", "KEN", "lexicon:consult.speak.with")
    ]


def test_a_side_of_no_country_gives_way_to_one_with_a_country(analyzer: Analyzer) -> None:
    found = events_of(
        analyzer,
        "Kenyan President Sam Oduya met Norwegian Prime Minister Ada Lind and the head of "
        "the Lakeside Relief Fund.",
    )
    assert [(e.type, e.target_country) for e in found] == [("CONSULT", "NOR")]


def test_each_target_has_its_own_rule(analyzer: Analyzer) -> None:
    # the place that gives the villagers their country says nothing of the soldiers'
    found = events_of(
        analyzer, "Russian troops attacked villagers and Moldovan soldiers near Kyiv on Monday."
    )
    rules = {e.target_country: e.rule for e in found}
    assert rules == {"UKR": "lexicon:assault.attack+place", "MDA": "lexicon:assault.attack"}


def test_dates_and_places(analyzer: Analyzer) -> None:
    found = events_of(analyzer, "Kenya's president visited Uganda on June 12 and met officials.")
    visit = next(e for e in found if e.type == "CONSULT")
    assert visit.date == "2023-06-12"
    found = events_of(
        analyzer, "Iranian boats harassed a British tanker in the Gulf of Oman last month."
    )
    harass = found[0]
    assert harass.date == "2023-05"
    assert harass.location == "Gulf of Oman"


def test_background_event_keeps_its_year(analyzer: Analyzer) -> None:
    found = events_of(analyzer, "In 2019, Peru expelled a Venezuelan diplomat.")
    assert found and found[0].date == "2019"


def test_evidence_rule_confidence_and_intensity(analyzer: Analyzer) -> None:
    text = "Kenya condemned Uganda on Monday.\n\nThe two countries share a long border."
    event = events_of(analyzer, text)[0]
    assert event.evidence.text == "Kenya condemned Uganda on Monday."
    assert text[event.evidence.start : event.evidence.end] == event.evidence.text
    assert event.rule.startswith("lexicon:")
    assert 0 < event.confidence <= 1
    assert event.intensity < 0
    assert event.trigger is not None and event.trigger.text == "condemned"


def test_plover_export_folds_planned_consultations(analyzer: Analyzer) -> None:
    article = analyzer.analyze(
        "The Chilean president will visit Peru next month. Chile condemned Bolivia.",
        published=PUBLISHED,
    )
    records = plover_records(article, analyzer.kb)
    by_type = {r["detenteType"]: r for r in records}
    assert by_type["CONSULT"]["event"] == "AGREE"
    assert by_type["CONSULT"]["intensity"] == 2.5  # an AGREE's, not a visit's
    assert by_type["ACCUSE"]["event"] == "ACCUSE"
    assert by_type["ACCUSE"]["actor"][0]["code"] == "CHL"
    assert by_type["ACCUSE"]["recipient"][0]["code"] == "BOL"
    assert records[0]["textOffsets"]["end"] > records[0]["textOffsets"]["start"]


def test_plover_export_leaves_out_negated_and_hypothetical_events() -> None:
    def event(number: int, status: str) -> Event:
        return Event(
            id=f"e{number}",
            type="CONSULT",
            mode=None,
            status=status,
            source=None,
            target=None,
            source_country="CHL",
            target_country="PER",
            date=None,
            location=None,
            intensity=2.5,
            confidence=0.7,
            evidence=Span(0, 4, "Text"),
            rule="test",
        )

    article = Article(id="x", text="Text")
    article.events = [event(1, "negated"), event(2, "hypothetical"), event(3, "occurred")]
    assert [r["id"] for r in plover_records(article)] == ["x-e3"]


def test_user_trigger_file_extends_the_lexicon(tmp_path) -> None:
    extra = tmp_path / "mine.tsv"
    extra.write_text("id\tlemma\tpos\ttype\tmode\nmine.snub\tsnubble\tVERB\tREJECT\t\n")
    kb = KnowledgeBase.default([extra])
    assert [t.id for t in kb.triggers("snubble", "VERB")] == ["mine.snub"]


def test_bad_trigger_row_is_a_clear_error(tmp_path) -> None:
    extra = tmp_path / "bad.tsv"
    extra.write_text("lemma\tpos\ttype\tmode\nsnubble\tVERB\tSNUB\t\n")
    with pytest.raises(KnowledgeBaseError, match="unknown event type"):
        KnowledgeBase.default([extra])


def test_shipped_lexicon_is_large() -> None:
    assert KnowledgeBase.default().trigger_count >= 400


RULES = [
    # a state's protest is diplomatic; civilians' protest stays PROTEST
    ("Egypt protested against the Sudanese decision.", ("ACCUSE", "EGY")),
    ("Thousands of Kenyan students protested in Nairobi on Friday.", ("PROTEST", "KEN")),
    # an action announced with an "unless" condition is a threat
    ("Chad will expel the French envoy unless Paris apologizes.", ("THREATEN", "TCD")),
    # "would not" before a cooperative action is a refusal
    ("Chile said it would not meet the Bolivian delegation.", ("REJECT", "CHL")),
]


@pytest.mark.parametrize(("text", "expected"), RULES)
def test_recoding_rules(analyzer: Analyzer, text: str, expected: tuple[str, str]) -> None:
    found = events_of(analyzer, text)
    assert any((e.type, e.source_country) == expected for e in found), [
        (e.type, e.source_country, e.target_country, e.rule) for e in found
    ]


def test_declining_to_comment_is_no_event(analyzer: Analyzer) -> None:
    assert events_of(analyzer, "The Peruvian foreign ministry declined to comment.") == []


def test_passive_without_agent_keeps_the_victim(analyzer: Analyzer) -> None:
    found = events_of(analyzer, "Two Kenyan soldiers were killed near the Somali border.")
    assert [(e.type, e.source, e.target_country) for e in found] == [("ASSAULT", None, "KEN")]
    assert found[0].rule.endswith("+no-source")


def test_a_demand_that_is_the_purpose_of_a_protest_is_not_coded_again(
    analyzer: Analyzer,
) -> None:
    found = events_of(
        analyzer, "Algerian farmers blocked roads on Sunday to demand lower fuel prices."
    )
    assert [e.type for e in found] == ["PROTEST"]


def test_group_takes_the_country_of_its_phrase(analyzer: Analyzer) -> None:
    found = events_of(analyzer, "Demonstrators in Lima blocked a highway on Monday.")
    assert [(e.type, e.source_country) for e in found] == [("PROTEST", "PER")]


def test_protest_without_target_is_aimed_at_its_own_authorities(analyzer: Analyzer) -> None:
    found = events_of(analyzer, "Thousands of Chilean students marched on Friday.")
    assert [(e.type, e.source_country, e.target, e.target_country) for e in found] == [
        ("PROTEST", "CHL", None, "CHL")
    ]
    assert found[0].rule.endswith("+domestic")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # protesters of no stated country, in a city: people of its country
        ("Thousands of protesters marched in Oslo on Friday.", "NOR"),
        ("Hundreds of students demonstrated in Nairobi against the fuel tax.", "KEN"),
        # a protest no one is said to hold, in a city: by and against people of its country
        ("There have been protests against the fuel tax in Nairobi.", "KEN"),
    ],
)
def test_protesters_of_no_country_are_people_of_their_place(
    analyzer: Analyzer, text: str, country: str
) -> None:
    found = events_of(analyzer, text)
    assert [(e.type, e.source_country, e.target_country) for e in found] == [
        ("PROTEST", country, country)
    ]


def test_ethnic_group_is_not_the_state_of_its_name(analyzer: Analyzer) -> None:
    found = events_of(analyzer, "Ethnic Hungarians in Slovakia demonstrated on Monday.")
    assert [(e.type, e.source_country) for e in found] == [("PROTEST", "SVK")]


def test_plover_folding_follows_the_cameo_table() -> None:
    from detente.events.plover import plover_mode, plover_type

    def planned(event_type: str) -> Event:
        return Event(
            id="e1",
            type=event_type,
            mode="release" if event_type == "RETREAT" else None,
            status="planned",
            source=None,
            target=None,
            source_country="CHL",
            target_country="PER",
            date=None,
            location=None,
            intensity=0.0,
            confidence=0.7,
            evidence=Span(0, 4, "Text"),
            rule="test",
        )

    assert plover_type(planned("RETREAT")) == "AGREE" and plover_mode(planned("RETREAT")) is None
    assert plover_type(planned("SANCTION")) == "THREATEN"
    assert plover_mode(planned("SANCTION")) == "restrict"
    assert plover_type(planned("ACCUSE")) == "ACCUSE"


def test_reported_will_is_planned_not_hypothetical(analyzer: Analyzer) -> None:
    found = events_of(analyzer, "Chile said it would release two Peruvian fishermen.")
    assert [(e.type, e.status) for e in found] == [("RETREAT", "planned")]
    found = events_of(analyzer, "Chile said it would release them if Peru paid a fine.")
    assert [e.status for e in found if e.type == "RETREAT"] == ["hypothetical"]


def test_a_demand_put_as_an_obligation_is_a_request(analyzer: Analyzer) -> None:
    found = events_of(analyzer, "Brazil said on Monday that Paraguay must return the cattle.")
    assert ("REQUEST", "BRA", "PRY") in triples(found)
    assert any(e.rule == "pattern:must" for e in found)


def test_a_promise_to_do_harm_is_a_threat(analyzer: Analyzer) -> None:
    found = events_of(analyzer, "Sudanese rebels vowed to attack the capital.")
    assert [e.type for e in found] == ["THREATEN"]
    found = events_of(analyzer, "Ecuador is prepared to impose a curfew in Quito.")
    assert [e.type for e in found] == ["THREATEN"]


def test_lemmatiser_slips_do_not_hide_a_light_verb(analyzer: Analyzer) -> None:
    # spaCy's small model lemmatises "staged" as "stag"
    found = events_of(analyzer, "Thousands of Chilean students staged rallies in Santiago.")
    assert ("PROTEST", "CHL") in {(e.type, e.source_country) for e in found}


def test_refugees_are_not_refuge(analyzer: Analyzer) -> None:
    found = events_of(analyzer, "Peru will allow 300 Venezuelan refugees to stay.")
    assert "AID" not in {e.type for e in found}


def test_an_instrument_subject_leaves_the_source_unsaid(analyzer: Analyzer) -> None:
    found = events_of(analyzer, "A roadside bomb killed two Malian soldiers on Sunday.")
    assert [(e.type, e.source, e.target_country) for e in found] == [("ASSAULT", None, "MLI")]


def test_a_declaration_demanding_is_a_demand_by_its_issuer(analyzer: Analyzer) -> None:
    found = events_of(
        analyzer,
        "Bolivian miners issued a statement demanding that the Chilean government pay.",
    )
    assert ("REQUEST", "BOL", "CHL") in triples(found)


def test_a_pronouns_things_are_no_target(analyzer: Analyzer) -> None:
    found = events_of(analyzer, "Rebels said the deal would hold until their demands are met.")
    assert "CONSULT" not in {e.type for e in found}


def test_an_attack_with_no_named_target_takes_the_country_of_its_place(
    analyzer: Analyzer,
) -> None:
    found = events_of(analyzer, "Syrian jets bombed targets in Lebanon on Monday.")
    assert ("ASSAULT", "SYR", "LBN") in triples(found)


def test_the_object_of_a_purpose_clause_is_the_target(analyzer: Analyzer) -> None:
    found = events_of(analyzer, "Kenyan police opened fire to disperse Somali protesters.")
    assert ("ASSAULT", "KEN", "SOM") in triples(found)


def test_an_event_after_which_another_happened_keeps_its_own_status(
    analyzer: Analyzer,
) -> None:
    found = events_of(
        analyzer,
        "The two ministers agreed to restore the hotline that Chile cut off in 2019, "
        "after a visit to Bolivia by the Peruvian president.",
    )
    visits = [e for e in found if e.type == "CONSULT"]
    assert [(e.source_country, e.target_country, e.status) for e in visits] == [
        ("PER", "BOL", "occurred")
    ]


def test_a_month_is_read_forward_for_a_hoped_for_event(analyzer: Analyzer) -> None:
    text = "Chile hopes the Peruvian president will attend a summit in Lima in November."
    found = [e for e in events_of(analyzer, text) if e.status != "occurred"]
    assert found and {e.date for e in found} == {"2023-11"}


def test_places_of_meetings_and_visits(analyzer: Analyzer) -> None:
    found = events_of(
        analyzer,
        "The Chilean president attends a meeting with Peru's president, sitting at the "
        "Palace of Government in Lima on June 19.",
    )
    assert [e.location for e in found if e.type == "CONSULT"] == ["Lima"]
    found = events_of(analyzer, "Chile's foreign minister will make a trip to Lima.")
    assert [e.location for e in found if e.type == "CONSULT"] == ["Lima"]


def test_the_accused_does_the_accused_action(analyzer: Analyzer) -> None:
    found = events_of(analyzer, "Bolivia accused Chile of closing the border crossing.")
    assert {("ACCUSE", "BOL", "CHL"), ("SANCTION", "CHL", "BOL")} <= triples(found)


def test_a_country_the_recogniser_missed_is_still_an_actor(analyzer: Analyzer) -> None:
    text = (
        "Chilean Foreign Minister Ana Rios met Peruvian officials. "
        "Chile imposed sanctions on Bolivia."
    )
    assert ("SANCTION", "CHL", "BOL") in triples(events_of(analyzer, text))


FIRST_PERSON = [
    # a speaker's words about themselves, with no named other side: commentary
    ("Minister Ada Lind of Norway spoke next.\n\nI want to thank you all for coming.", set()),
    ("Ada Lind, Norway's foreign minister, answered questions. I asked for patience.", set()),
    # a named other side makes it an event whoever "I" is
    (
        "Norwegian President Ada Lind spoke on Monday. Today I signed an order imposing "
        "sanctions on Belarus.",
        {("SANCTION", "NOR", "BLR")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), FIRST_PERSON)
def test_first_person_commentary_is_no_event(
    analyzer: Analyzer, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(events_of(analyzer, text)) == expected


PAIRS = [
    # "the two leaders", "both sides": the two sides the article named
    (
        "President Lind of Norway spoke today with President Oduya of Kenya. "
        "The two leaders discussed trade.",
        {("CONSULT", "NOR", "KEN")},
    ),
    (
        "Norway's foreign minister met Kenyan officials in Nairobi. Both sides agreed to "
        "expand trade.",
        {("CONSULT", "NOR", "KEN"), ("AGREE", "NOR", "KEN")},
    ),
    (
        "President Lind of Norway met President Oduya of Kenya in Oslo. The leaders "
        "discussed trade.",
        {("CONSULT", "NOR", "KEN")},
    ),
    # a readout that opens with the pair: the sides its sentence names
    (
        "The two leaders discussed relations between Norway and Kenya.",
        {("CONSULT", "NOR", "KEN")},
    ),
    # "they" of a reciprocal action: the two sides the article set up
    (
        "President Lind of Norway called President Oduya of Kenya. They discussed trade.",
        {("CONSULT", "NOR", "KEN")},
    ),
    # "two ministers" is no pair the article set up; one country named is no pair
    (
        "Norway met Kenya on Monday. Two ministers resigned in protest.",
        {("CONSULT", "NOR", "KEN")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), PAIRS)
def test_the_two_sides(analyzer: Analyzer, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert {t for t in triples(events_of(analyzer, text)) if t[0] != "RETREAT"} == expected


def test_leaders_of_something_are_no_pair(analyzer: Analyzer) -> None:
    text = "Norway met Kenya on Monday. The leaders of the opposition met in Oslo."
    assert ("CONSULT", "NOR", "KEN") in triples(events_of(analyzer, text))
    later = [e for e in events_of(analyzer, text) if "opposition" in e.evidence.text]
    assert not [e for e in later if (e.source_country, e.target_country) == ("NOR", "KEN")]


def test_one_country_named_is_no_pair(analyzer: Analyzer) -> None:
    events = events_of(analyzer, "Norway held elections. The two parties agreed to cooperate.")
    assert not [e for e in events if e.source_country and e.target_country]


def test_spoke_with_is_a_consultation(analyzer: Analyzer) -> None:
    text = "Norwegian Prime Minister Ada Lind spoke today with President Sam Oduya of Kenya."
    assert triples(events_of(analyzer, text)) == {("CONSULT", "NOR", "KEN")}


CLAIMS = [
    # plover.md rule 8: the speech act occurred; the claimed action is hypothetical
    (
        "Ukraine accused Russia of violating the ceasefire.",
        [("ACCUSE", "occurred"), ("ASSAULT", "hypothetical")],
    ),
    (
        "Iran accused Israel of striking its consulate in Damascus.",
        [("ACCUSE", "occurred"), ("ASSAULT", "hypothetical")],
    ),
    (
        "The Kremlin denied that its forces had targeted the hospital in Kyiv.",
        [("REJECT", "occurred"), ("ASSAULT", "hypothetical")],
    ),
    # the article's own report is a fact
    ("Israel struck the Iranian consulate in Damascus.", [("ASSAULT", "occurred")]),
]


@pytest.mark.parametrize(("text", "expected"), CLAIMS)
def test_claims_are_not_facts(
    analyzer: Analyzer, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(e.type, e.status) for e in events_of(analyzer, text)] == expected


SENSES = [
    # words of violence between people, with no weapon or harm, are politics
    (
        "Governor Ada Lind attacked Senator Tom Berg for not answering.",
        [("ACCUSE", "disapprove")],
    ),
    ("Former governor Ada Lind fired at Senator Tom Berg over taxes.", [("ACCUSE", "disapprove")]),
    ("Senator Ada Lind is beating Senator Tom Berg in every poll.", []),
    # ... and violence when the sentence says harm was done or names a weapon
    ("Tom Berg attacked Ada Lind with a knife, wounding her.", [("ASSAULT", None)]),
    # a question is no request; a request asks for something
    ("Norway asked Kenya whether it would vote.", []),
    ("Norway, when asked about Kenya, declined to comment.", []),
    ("Norway asked Kenya for help.", [("REQUEST", None)]),
    ("Kenya was asked by Norway to withdraw its troops.", [("REQUEST", None)]),
    # dropping a complaint is a concession, and no accusation
    ("Japan said it would drop its complaint against South Korea.", [("CONCEDE", None)]),
]


@pytest.mark.parametrize(("text", "expected"), SENSES)
def test_senses_that_depend_on_the_sides_and_the_object(
    analyzer: Analyzer, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert [(e.type, e.mode) for e in events_of(analyzer, text)] == expected


MORE_TRIGGERS = [
    ("Norway's foreign minister conveyed her best wishes to Kenya.", ("SUPPORT", "NOR", "KEN")),
    # "look forward to" a nominal event: the subject's, planned
    (
        "Kenya looks forward to further collaboration with Norway.",
        ("COOPERATE", "KEN", "NOR"),
    ),
    # a noun opening its sentence, which the tagger took for a name (even a place)
    ("Tributes were paid by Kenya to the late Sultan of Oman.", ("SUPPORT", "KEN", "OMN")),
    (
        "The Emirati minister attributed the bombing to Houthi rebels in Yemen.",
        ("ACCUSE", "ARE", "YEM"),
    ),
    ("Norway will work with Kenya on solar power.", ("COOPERATE", "NOR", "KEN")),
    ("Norway stands with the Kenyan people.", ("SUPPORT", "NOR", "KEN")),
    # restating a commitment to someone is support, not a new agreement
    (
        "Norway's foreign minister reiterated Norway's strong commitment to Kenya.",
        ("SUPPORT", "NOR", "KEN"),
    ),
    ("The Norwegian envoy underscored his commitment to Kenya.", ("SUPPORT", "NOR", "KEN")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), MORE_TRIGGERS)
def test_more_triggers(analyzer: Analyzer, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(events_of(analyzer, text))


DESCRIBED = [
    # "the prime minister", "The President": the last person named whose role says so
    (
        "Norwegian Prime Minister Ada Lind spoke. The prime minister then met Kenyan "
        "President Sam Oduya.",
        {("CONSULT", "NOR", "KEN")},
    ),
    (
        "Kenyan President Sam Oduya spoke on Monday. The President asked Norway for help.",
        {("REQUEST", "KEN", "NOR")},
    ),
    # "The President", capitalised, of a story about Kenya that names two: Kenya's
    (
        "Kenyan President Sam Oduya returned to Nairobi. Kenya's harvest was poor, Oduya "
        "said, and Kenyan farmers need seed. Oduya spoke with Norwegian President Ada Lind. "
        "The President thanked Norway for its help.",
        {("CONSULT", "KEN", "NOR"), ("SUPPORT", "KEN", "NOR")},
    ),
]


NOT_A_SIDE = [
    # the events with a target country: a country modifying a relational noun names
    # others than itself ...
    ("Kenya pledged to support the defense of Norwegian partners.", set()),
    ("Kenya sent envoys to U.S. allies in the region.", set()),
    # ... but a body's allies are its members
    ("NATO allies met in Brussels with Kenya.", {("CONSULT", "IGO", "KEN")}),
    # the author of a conflict the sentence names is no counterpart of a cooperation
    ("Kenya pledged support to the region against threats from Somalia.", set()),
    ("Kenya condemned the threats from Somalia.", {("ACCUSE", "KEN", "SOM")}),
]


@pytest.mark.parametrize(("text", "expected"), NOT_A_SIDE)
def test_others_and_adversaries_named_beside_a_side(
    analyzer: Analyzer, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert {t for t in triples(events_of(analyzer, text)) if t[2]} == expected


HOME_BODIES = [
    # a state's body or office named by its head word alone is the home country's
    (
        "Kenyan President Sam Oduya returned to Nairobi. Oduya held a meeting with the "
        "Government on the budget.",
        {("CONSULT", "KEN", "KEN")},
    ),
    (
        "Kenyan Finance Minister Ada Wanjiru spoke in Nairobi on Monday. Wanjiru "
        "later informed the President about the harvest.",
        {("CONSULT", "KEN", "KEN")},
    ),
    # a word saying whose keeps the body its own
    (
        "Kenyan President Sam Oduya returned to Nairobi. Oduya met the Norwegian government.",
        {("CONSULT", "KEN", "NOR")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), HOME_BODIES)
def test_a_bare_state_body_is_the_home_countrys(
    analyzer: Analyzer, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(events_of(analyzer, text)) == expected


def test_a_bare_state_body_needs_a_home_country(analyzer: Analyzer) -> None:
    assert events_of(analyzer, "The President met the government on Monday.") == []


@pytest.mark.parametrize(("text", "expected"), DESCRIBED)
def test_a_title_names_the_last_person_who_holds_it(
    analyzer: Analyzer, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(events_of(analyzer, text)) == expected


AUTHORS = [
    # "I" in a statement's own words is the person the statement is by
    (
        "Statement from President Ada Lind of Norway on Travel to Kenya\n\n"
        "Today, in Nairobi, I am meeting with President Sam Oduya of Kenya.",
        {("CONSULT", "NOR", "KEN")},
    ),
    (
        "Kenyan Elections\n\nAda Lind, Norwegian Foreign Minister\n\n"
        "I congratulate President Sam Oduya of Kenya on his victory.",
        {("SUPPORT", "NOR", "KEN")},
    ),
    # "we" in the statement's own words is its author and their government
    (
        "Statement from President Ada Lind of Norway on Kenya\n\n"
        "Today we are announcing new sanctions against Kenya.",
        {("SANCTION", "NOR", "KEN")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), AUTHORS)
def test_the_first_person_of_a_statement_is_its_author(
    analyzer: Analyzer, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(events_of(analyzer, text)) == expected


OBJECT_SENSES = [
    # meeting and releasing are events only of people: "met the minister", not "met
    # the challenge"; "released hostages", not "released a statement"
    ("Norway met Kenyan President Sam Oduya in Oslo.", {("CONSULT", "NOR", "KEN")}),
    ("Norway is working to meet the security challenges of Europe.", set()),
    ("Kenya released two Norwegian journalists on Friday.", {("RETREAT", "KEN", "NOR")}),
    ("Kenya released three Norwegian hostages.", {("RETREAT", "KEN", "NOR")}),
    ("Kenya released a statement on Norway.", set()),
    ("According to a Kenyan press release, Norway spent 2% of its budget on aid.", set()),
    ("The statement was released by the governments of Kenya and Norway.", set()),
]


@pytest.mark.parametrize(("text", "expected"), OBJECT_SENSES)
def test_meeting_and_releasing_are_events_of_people(
    analyzer: Analyzer, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(events_of(analyzer, text)) == expected


HOSTED = [
    # a hosted visit: the visitor is the source, the host the target (plover.md)
    (
        "Kenyan President Sam Oduya received Norwegian Foreign Minister Ada Lind in Nairobi.",
        {("CONSULT", "NOR", "KEN")},
    ),
    ("Kenya hosted Norwegian Foreign Minister Ada Lind in Nairobi.", {("CONSULT", "NOR", "KEN")}),
    (
        "Kenyan President Sam Oduya welcomed Norwegian Foreign Minister Ada Lind to Nairobi.",
        {("CONSULT", "NOR", "KEN")},
    ),
    # welcoming a decision or a state is support, not a visit
    ("Kenya welcomed Norway into the alliance.", {("SUPPORT", "KEN", "NOR")}),
]


@pytest.mark.parametrize(("text", "expected"), HOSTED)
def test_a_hosted_visit_has_the_visitor_as_source(
    analyzer: Analyzer, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(events_of(analyzer, text)) == expected


def test_looking_forward_to_a_visit_is_a_plan(analyzer: Analyzer) -> None:
    events = events_of(
        analyzer,
        "Norwegian President Ada Lind looks forward to welcoming Kenyan President Sam "
        "Oduya to Oslo on June 13.",
    )
    assert [(e.type, e.mode, e.status) for e in events] == [("CONSULT", "visit", "planned")]


def test_a_seat_of_government_is_a_place_at_its_capital(analyzer: Analyzer) -> None:
    (event,) = events_of(
        analyzer,
        "Jake Sullivan welcomed Kenyan Defense Minister Sam Oduya and his delegation to "
        "the White House.",
    )
    assert (event.location, event.location_country, event.location_precision) == (
        "White House",
        "USA",
        "city",
    )
    assert event.lat is not None and 38 < event.lat < 39


STANDING = [
    # a pact, a partnership, a commitment is an event when something is done to it ...
    ("Norway reached a trade pact with Kenya.", {("AGREE", "NOR", "KEN")}),
    ("Norway and Kenya agreed on a trade deal.", {("AGREE", "NOR", "KEN")}),
    ("A trade agreement was reached by Norway and Kenya.", {("AGREE", "NOR", "KEN")}),
    # ... not when the text only names the standing thing
    ("The Norwegian and Kenyan pacts will not set back reform.", set()),
    ("Our partnership with Kenya has been a force for good.", set()),
    ("Recent events made clear the importance of Norway's alliance with Kenya.", set()),
]


@pytest.mark.parametrize(("text", "expected"), STANDING)
def test_a_standing_pact_is_no_new_event(
    analyzer: Analyzer, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(events_of(analyzer, text)) == expected


JOINT = [
    # two coordinated subjects agreeing or cooperating with no other side: between them
    ("Norway and Kenya committed to protecting Arctic wildlife.", {("AGREE", "NOR", "KEN")}),
    ("Norway and Kenya signed a maritime border agreement.", {("SUPPORT", "NOR", "KEN")}),
    # with another side named, that side is the target
    ("Norway and Kenya pledged aid to Sudan.", {("AGREE", "NOR", "SDN"), ("AGREE", "KEN", "SDN")}),
    # criticism is no joint act
    (
        "Norway and Kenya criticised the decision.",
        {("ACCUSE", "NOR", None), ("ACCUSE", "KEN", None)},
    ),
]


@pytest.mark.parametrize(("text", "expected"), JOINT)
def test_two_subjects_acting_together_are_the_two_sides(
    analyzer: Analyzer, text: str, expected: set[tuple[str, str, str | None]]
) -> None:
    assert triples(events_of(analyzer, text)) == expected


TOPICS = [
    # what is discussed is a topic, not a side
    ("Norway and Kenya discussed the situation in Gaza.", {("CONSULT", "NOR", "KEN")}),
    (
        "Norwegian Foreign Minister Ada Lind discussed the situation in Gaza with Kenya.",
        {("CONSULT", "NOR", "KEN")},
    ),
    # what is demanded belongs to its side
    ("Norway demanded the withdrawal of Kenyan forces.", {("REQUEST", "NOR", "KEN")}),
    # what talks are about is no side of them
    (
        "Kenya's president spoke today with Uganda's president to discuss Somalia's debt.",
        {("CONSULT", "KEN", "UGA")},
    ),
    ("Kenya's president held talks on Somalia's debt.", {("CONSULT", "KEN", None)}),
]


@pytest.mark.parametrize(("text", "expected"), TOPICS)
def test_a_topic_of_talks_is_no_side(
    analyzer: Analyzer, text: str, expected: set[tuple[str, str | None, str | None]]
) -> None:
    assert triples(events_of(analyzer, text)) == expected


REQUESTED_ACTIONS = [
    # what a request asks for is its content, no event of its own
    ("Norway urged Kenya to withdraw its troops from Somalia.", {("REQUEST", "NOR", "KEN")}),
    ("France asked Germany to impose sanctions on Iran.", {("REQUEST", "FRA", "DEU")}),
    (
        "Japan called on China to stop the military drills and release the fishermen.",
        {("REQUEST", "JPN", "CHN")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), REQUESTED_ACTIONS)
def test_a_requested_action_is_no_event_of_its_own(
    analyzer: Analyzer, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(events_of(analyzer, text)) == expected


WORKING_TOGETHER = [
    # two sides working together cooperate, and what they work to do is the cooperation
    ("Norway and Kenya will work together.", {("COOPERATE", "NOR", "KEN")}),
    ("Norway and Kenya will work together to fight malaria.", {("COOPERATE", "NOR", "KEN")}),
    (
        "Norway and Kenya will continue to work shoulder-to-shoulder to advance security.",
        {("COOPERATE", "NOR", "KEN")},
    ),
    # charging standards are no charges; the joint work is the one event
    ("Norway and Kenya will work to harmonize charging standards.", {("COOPERATE", "NOR", "KEN")}),
    # two states as one subject of work: joint work, between them
    (
        "Kenya and Uganda will work to harmonize charging standards.",
        {("COOPERATE", "KEN", "UGA")},
    ),
    # a joint undertaking named by its noun
    (
        "Kenya and Uganda are undertaking a joint technical review.",
        {("COOPERATE", "KEN", "UGA")},
    ),
    ("Kenya began a joint investigation with Uganda.", {("COOPERATE", "KEN", "UGA")}),
    # the purpose of the joint work is what they work on, no event of its own
    (
        "Kenya and Uganda will continue to closely coordinate to defend their airspace.",
        {("COOPERATE", "KEN", "UGA")},
    ),
    # one state working, or people working somewhere: no joint work
    ("Kenya will work to harmonize charging standards.", set()),
    ("Tom Berg and Ada Lind work at the bank.", set()),
    # a review that is not joint is no cooperation
    ("Kenya and Uganda are undertaking a technical review.", set()),
    # "they" work is no one named working together
    ("Kenya met Uganda. They all work.", {("CONSULT", "KEN", "UGA")}),
    (
        "Kenya met Uganda. The two countries will work to open the border.",
        {("CONSULT", "KEN", "UGA"), ("COOPERATE", "KEN", "UGA")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), WORKING_TOGETHER)
def test_working_together_is_one_cooperation(
    analyzer: Analyzer, text: str, expected: set[tuple[str, str | None, str | None]]
) -> None:
    assert triples(events_of(analyzer, text)) == expected


def test_a_signed_statement_speaks_for_its_signatory(analyzer: Analyzer) -> None:
    text = (
        "Kenyan Federal Election\n\nAda J. Lindqvist, Secretary of State\n\n"
        "On behalf of the United States, I congratulate President-Elect Sam Oduya of Kenya "
        "on his victory."
    )
    assert ("SUPPORT", "USA", "KEN") in triples(events_of(analyzer, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a war or an aggression with its target is an assault
        ("Russia's war against Ukraine entered its third year.", {("ASSAULT", "RUS", "UKR")}),
        (
            "Ministers condemned Russia's continued aggression against Ukraine.",
            {("ACCUSE", None, "RUS"), ("ASSAULT", "RUS", "UKR")},
        ),
        # "the war" with no side is too general to be an event
        ("He spoke about the war.", set()),
        # "the leaders" are not the two countries their sentence names in other parts...
        (
            "The leaders condemned Russia's aggression against Ukraine.",
            {("ACCUSE", None, "RUS"), ("ASSAULT", "RUS", "UKR")},
        ),
        # ...but are a pair the sentence names together
        (
            "The two leaders discussed relations between Russia and Israel.",
            {("CONSULT", "RUS", "ISR")},
        ),
        ("The two leaders discussed U.S.-China relations.", {("CONSULT", "USA", "CHN")}),
    ],
)
def test_wars_and_the_sides_of_the_leaders(
    analyzer: Analyzer, text: str, expected: set[tuple[str, str | None, str | None]]
) -> None:
    assert triples(events_of(analyzer, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a visit to a city is a visit to its country
        ("The European Commission will pay a two-day visit to Bonn.", {("CONSULT", "IGO", "DEU")}),
        ("The minister visited a school in Nairobi.", set()),
        # the members of one body meeting among themselves
        ("NATO ambassadors met in emergency session today.", {("CONSULT", "IGO", "IGO")}),
        ("Kenyan officials met on Monday.", {("CONSULT", "KEN", "KEN")}),
        # ...not when the other side is named
        ("Kenyan officials met Ugandan envoys.", {("CONSULT", "KEN", "UGA")}),
        # ...nor officials of no body named
        ("Officials met on Monday to discuss vaccines.", {("CONSULT", None, None)}),
        # engagement with a side is diplomatic contact
        (
            "The United States is continuing its deep engagement with the Israelis.",
            {("CONSULT", "USA", "ISR")},
        ),
    ],
)
def test_visits_meetings_and_engagement(
    analyzer: Analyzer, text: str, expected: set[tuple[str, str | None, str | None]]
) -> None:
    assert triples(events_of(analyzer, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "call for Y to V": Y is asked, even where the parser hangs "for" on the clause
        (
            "Trump has called for NATO members to increase military spending.",
            {("REQUEST", "USA", "IGO")},
        ),
        ("Kenya called for Uganda to open the border.", {("REQUEST", "KEN", "UGA")}),
        # arms transferred, equipment delivered: aid
        (
            "Kenya announced another delivery of military equipment to Uganda.",
            {("AID", "KEN", "UGA")},
        ),
        ("Iran's arms transfers to Syria continued.", {("AID", "IRN", "SYR")}),
        # a transfer of anything else is no aid
        ("The transfer of the prisoners took a day.", set()),
    ],
)
def test_requests_for_others_to_act_and_aid_delivered(
    analyzer: Analyzer, text: str, expected: set[tuple[str, str | None, str | None]]
) -> None:
    assert triples(events_of(analyzer, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # whoever reports an action is not its other side
        (
            "The South Korean military said North Korea fired two missiles.",
            {("ASSAULT", "PRK", None)},
        ),
        # the other side named inside the reported clause still is
        ("Kenya said it would send troops to Somalia.", {("MOBILIZE", "KEN", "SOM")}),
    ],
)
def test_the_reporter_is_no_counterpart(
    analyzer: Analyzer, text: str, expected: set[tuple[str, str | None, str | None]]
) -> None:
    assert triples(events_of(analyzer, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # recognising a state or a government is support...
        ("Kenya recognized Kosovo in 2008.", {("SUPPORT", "KEN", "XKX")}),
        ("Kenya recognized the new government of Libya.", {("SUPPORT", "KEN", "LBY")}),
        # ...recognising a need is none
        ("The two countries recognized the need to reduce emissions.", set()),
    ],
)
def test_recognition_is_of_a_state(
    analyzer: Analyzer, text: str, expected: set[tuple[str, str | None, str | None]]
) -> None:
    assert triples(events_of(analyzer, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an accusation blames the perpetrator of the act it condemns, never the victim
        (
            "Kenya condemned Uganda's invasion of Rwanda.",
            {("ACCUSE", "KEN", "UGA"), ("ASSAULT", "UGA", "RWA")},
        ),
        (
            "Kenya condemned the attack on the Ugandan embassy.",
            {("ACCUSE", "KEN", None), ("ASSAULT", None, "UGA")},
        ),
        # a state's arrests of its own people: that state is blamed
        (
            "Kenya condemned the arrests of Ugandan protesters.",
            {("ACCUSE", "KEN", "UGA"), ("COERCE", None, "UGA")},
        ),
        # the condemner is not the other side of what it condemns (an accuser is: see
        # test_the_accused_does_the_accused_action)
        (
            "Kenya condemned the attack by Ugandan troops on the border post.",
            {("ACCUSE", "KEN", "UGA"), ("ASSAULT", "UGA", None)},
        ),
        # a noun of force with neither side named is no event
        ("The attack shocked everyone.", set()),
    ],
)
def test_condemned_acts_and_their_perpetrators(
    analyzer: Analyzer, text: str, expected: set[tuple[str, str | None, str | None]]
) -> None:
    assert triples(events_of(analyzer, text)) == expected


def test_a_negotiated_deal_names_its_party(analyzer: Analyzer) -> None:
    found = events_of(analyzer, "Kenya's president helped negotiate the Uganda trade deal.")
    assert {t for t in triples(found) if t[0] == "CONSULT"} == {("CONSULT", "KEN", "UGA")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # briefing, informing or updating a person is diplomatic contact
        (
            "Kenya's foreign minister briefed Uganda's president on the talks.",
            {("CONSULT", "KEN", "UGA")},
        ),
        # ...updating a thing is none
        ("The Kenyan ministry updated its website.", set()),
    ],
)
def test_briefings_are_contact(
    analyzer: Analyzer, text: str, expected: set[tuple[str, str | None, str | None]]
) -> None:
    assert triples(events_of(analyzer, text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a headline's meeting with no subject is the home country's
        (
            "Meeting with members of the Kenyan Security Council\n\nPresident Sam Oduya of "
            "Kenya met the council on Monday. Kenya's ministers attended. Kenyan officials "
            "spoke.",
            ("CONSULT", "KEN", "KEN"),
        ),
    ],
)
def test_a_headline_meeting_is_the_home_country_s(
    analyzer: Analyzer, text: str, expected: tuple[str, str | None, str | None]
) -> None:
    assert expected in triples(events_of(analyzer, text))


def test_a_body_sentence_is_no_headline(analyzer: Analyzer) -> None:
    # a meeting with no subject in a sentence of the body has no source
    text = "Kenya's ministers attended. Kenyan officials spoke. Meeting with the council was hard."
    assert not any(e.type == "CONSULT" and e.source_country for e in events_of(analyzer, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "our" in a speaker's quoted words is the speaker's side
        (
            "Kenya's finance minister Sam Oduya said: \"Our support for Uganda's economic "
            'program is firm."',
            {("SUPPORT", "KEN", "UGA")},
        ),
    ],
)
def test_the_first_person_of_a_quotation_is_its_speaker(
    analyzer: Analyzer, text: str, expected: set[tuple[str, str | None, str | None]]
) -> None:
    assert triples(events_of(analyzer, text)) == expected
