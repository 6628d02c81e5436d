"""Actors: entity repair, linking, titles and appositives, country and sector codes.

Each case is a short text written for the test, and what the record must say of it.
"""

from __future__ import annotations

import pytest

from detente.model import Actor, Article
from detente.pipeline import Analyzer


def person(article: Article, name: str) -> Actor:
    found = [a for a in article.actors if a.type == "person" and a.name == name]
    assert found, f"no person {name!r} among {[(a.name, a.type) for a in article.actors]}"
    assert len(found) == 1, f"{name!r} is split over {len(found)} actors"
    return found[0]


def names(article: Article, kind: str) -> list[str]:
    return [a.name for a in article.actors if a.type == kind]


# -- entity repair ------------------------------------------------------------------


def test_surname_is_the_person_everywhere(analyzer: Analyzer) -> None:
    text = (
        "Secretary of State Antony Blinken arrived on Sunday. Officials said Blinken "
        "had little room. Blinken met the minister. Critics attacked Blinken's trip."
    )
    article = analyzer.analyze(text)
    blinken = person(article, "Antony Blinken")
    assert [m.text for m in blinken.mentions] == ["Antony Blinken", "Blinken", "Blinken", "Blinken"]
    assert all(text[m.start : m.end] == m.text for m in blinken.mentions)
    assert "Blinken" not in names(article, "country") + names(article, "organization")


def test_platform_is_not_a_person(analyzer: Analyzer) -> None:
    article = analyzer.analyze(
        "The sanctions are a mistake, Dana Whitlock, an analyst at the Harbor Institute, "
        "wrote on Twitter on Monday."
    )
    assert "Twitter" not in names(article, "person")
    assert "Twitter" in names(article, "organization")


def test_hyphenated_pair_is_two_people(analyzer: Analyzer) -> None:
    article = analyzer.analyze(
        "Antony Blinken met Xi Jinping in Beijing. The Blinken-Xi meeting lasted 35 minutes. "
        "Xi later spoke to reporters."
    )
    assert "Blinken-Xi" not in names(article, "person")
    assert [m.text for m in person(article, "Antony Blinken").mentions] == [
        "Antony Blinken",
        "Blinken",
    ]
    assert [m.text for m in person(article, "Xi Jinping").mentions] == ["Xi Jinping", "Xi", "Xi"]


def test_title_words_are_not_actors(analyzer: Analyzer) -> None:
    article = analyzer.analyze(
        "Blinken and Chinese State Councilor and Foreign Minister Qin Gang plan to meet again. "
        "U.S. Secretary of State Antony Blinken said so."
    )
    assert "State" not in names(article, "organization")
    assert "Councilor" not in names(article, "person")
    qin = person(article, "Qin Gang")
    assert qin.role == "State Councilor and Foreign Minister"
    assert (qin.country, qin.sector) == ("CHN", "GOV")


def test_credit_line_never_becomes_an_actor(analyzer: Analyzer) -> None:
    article = analyzer.analyze(
        "Foreign ministers meet in Jakarta on July 13. KEVIN LAMB/POOL/AFP VIA GETTY IMAGES\n\n"
        "The ministers discussed the South China Sea."
    )
    assert not any("Lamb" in a.name or "LAMB" in a.name for a in article.actors)


def test_byline_authors_are_metadata_not_actors(analyzer: Analyzer) -> None:
    article = analyzer.analyze(
        "By Robin Hale, a reporter at Example Weekly\n\nPresident Joe Biden spoke on Friday."
    )
    assert article.authors == ["Robin Hale"]
    assert "Robin Hale" not in names(article, "person")
    assert "Joe Biden" in names(article, "person")


def test_capital_stands_for_government_but_not_as_destination(analyzer: Analyzer) -> None:
    article = analyzer.analyze(
        "Beijing pushed the administration to send officials to Beijing first. "
        "Sanctions on Moscow were tightened."
    )
    china = next(a for a in article.actors if a.country == "CHN" and a.type == "country")
    assert [m.start for m in china.mentions] == [0]
    assert any(a.country == "RUS" for a in article.actors)


def test_compound_of_countries_is_two_mentions(analyzer: Analyzer) -> None:
    article = analyzer.analyze("U.S.-China relations are in a poor state, analysts said.")
    countries = {
        a.country: [m.text for m in a.mentions] for a in article.actors if a.type == "country"
    }
    assert countries == {"USA": ["U.S."], "CHN": ["China"]}


# -- roles, affiliations and codes -----------------------------------------------------

ROLE_CASES = [
    # text, person, role contains, affiliation, country, sector
    (
        "U.S. Secretary of State Antony Blinken arrived.",
        "Antony Blinken",
        "Secretary of State",
        None,
        "USA",
        "GOV",
    ),
    (
        # no nationality in the text and no public figure: unknown beats a guess
        "Treasury Secretary Dana Whitlock will travel.",
        "Dana Whitlock",
        "Treasury Secretary",
        None,
        None,
        "GOV",
    ),
    ("Rep. Raja Krishnamoorthi spoke.", "Raja Krishnamoorthi", "Rep.", None, "USA", "LEG"),
    # "NAME of COUNTRY"; a city is no nationality
    ("President Sam Oduya of Kenya arrived.", "Sam Oduya", "President", None, "KEN", "GOV"),
    ("Mayor Tom Berg of Oslo is popular.", "Tom Berg", "Mayor", None, None, None),
    # whose title it is: "his", "her" resolved as pronouns are, or a named owner
    (
        "Chancellor Ada Lind of Norway spoke. Her foreign minister Tom Berg disagreed.",
        "Tom Berg",
        "foreign minister",
        None,
        "NOR",
        "GOV",
    ),
    # titled people listed after one whose title gives a nationality share it
    (
        "They met British Chancellor Ada Lind, Foreign Secretary Tom Berg and others.",
        "Tom Berg",
        "Foreign Secretary",
        None,
        "GBR",
        "GOV",
    ),
    # a title of two words whose first is no title by itself
    (
        "U.S. trade representative Dana Whitlock said the tax was unfair.",
        "Dana Whitlock",
        "trade representative",
        None,
        "USA",
        "GOV",
    ),
    (
        "OSLO, March 3 - Norwegian trade representative Dana Whitlock said the tax was unfair.",
        "Dana Whitlock",
        "trade representative",
        None,
        "NOR",
        "GOV",
    ),
    (
        "U.S. Ambassador to China Nicholas Burns met them.",
        "Nicholas Burns",
        "Ambassador to China",
        None,
        "USA",
        "GOV",
    ),
    ("Chinese President Xi Jinping met him.", "Xi Jinping", "President", None, "CHN", "GOV"),
    (
        "Russia's Foreign Minister Sergei Lavrov spoke.",
        "Sergei Lavrov",
        "Foreign Minister",
        None,
        "RUS",
        "GOV",
    ),
    (
        "That is bad news, said Bonnie Glaser, a China expert at the German Marshall Fund.",
        "Bonnie Glaser",
        "China expert",
        "German Marshall Fund",
        "USA",
        "NGO",
    ),
    (
        "It matters, said Evan Medeiros, a professor at Georgetown University and former "
        "National Security Council official during the Obama administration.",
        "Evan Medeiros",
        "professor",
        "Georgetown University",
        "USA",
        None,
    ),
    (
        "It failed, said Kelley Currie, a former top State Department official.",
        "Kelley Currie",
        "former top State Department official",
        None,
        "USA",
        "ELI",
    ),
    (
        "It will pass, said Raja Krishnamoorthi, the top Democrat on the House select "
        "committee on the Chinese Communist Party (CCP).",
        "Raja Krishnamoorthi",
        "top Democrat",
        None,
        "USA",
        None,
    ),
    (
        "Top U.S. officials, including Gina Raimondo and Janet Yellen, will follow.",
        "Gina Raimondo",
        None,
        None,
        "USA",
        None,
    ),
    (
        "Talks help, said Olena Marsh, a Ukrainian diplomat.",
        "Olena Marsh",
        "diplomat",
        None,
        "UKR",
        "GOV",
    ),
    (
        "It is a floor, said Priya Raman, director of the Asia program at the Crestview "
        "Institute, a Washington think tank.",
        "Priya Raman",
        "director of the Asia program",
        "Crestview Institute",
        "USA",
        "NGO",
    ),
    (
        "Pat Moreno was the first U.S. secretary of state to travel to China in five years.",
        "Pat Moreno",
        "secretary of state",
        None,
        "USA",
        "GOV",
    ),
    (
        "Talks went on, said Wang Yi, China's top diplomat.",
        "Wang Yi",
        "China's top diplomat",
        None,
        "CHN",
        "GOV",
    ),
]


@pytest.mark.parametrize(("text", "name", "role", "affiliation", "country", "sector"), ROLE_CASES)
def test_roles_affiliations_and_codes(
    analyzer: Analyzer,
    text: str,
    name: str,
    role: str | None,
    affiliation: str | None,
    country: str | None,
    sector: str | None,
) -> None:
    actor = person(analyzer.analyze(text), name)
    if role is not None:
        assert actor.role is not None and role in actor.role
    if affiliation is not None:
        assert actor.affiliation == affiliation
    assert actor.country == country
    if sector is not None:
        assert actor.sector == sector
    for field_name in ("country", "sector"):
        if getattr(actor, field_name) is not None:
            coding = actor.coding[field_name]
            assert coding.rule
            if coding.span is not None:
                assert text[coding.span.start : coding.span.end] == coding.span.text


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # Unknown beats wrong: nothing in these says where the person is from.
        ("It is risky, said Dana Whitlock, a China expert.", "Dana Whitlock", None),
        (
            "It is risky, said Dana Whitlock, a fellow at the Quarry Foundation.",
            "Dana Whitlock",
            None,
        ),
        ("China expert Dana Whitlock disagreed.", "Dana Whitlock", None),
    ],
)
def test_country_traps(analyzer: Analyzer, text: str, name: str, country: str | None) -> None:
    assert person(analyzer.analyze(text), name).country == country


@pytest.mark.parametrize(
    ("text", "name", "country", "sector"),
    [
        (
            "Analysts at the German Marshall Fund disagreed.",
            "German Marshall Fund of the United States",
            "USA",
            "NGO",
        ),
        (
            "The Chinese Foreign Ministry protested.",
            "Ministry of Foreign Affairs of China",
            "CHN",
            "GOV",
        ),
        # Not in the knowledge base: the nationality before a state's head word decides.
        ("The Chilean Interior Ministry protested.", "Chilean Interior Ministry", "CHL", "GOV"),
        (
            "Carrie Vance runs the Harbor Coalition, a conservative foreign-policy group.",
            "Harbor Coalition",
            None,
            "NGO",
        ),
        ("The Kremlin said nothing.", "Kremlin", "RUS", "GOV"),
        ("Capitol Hill cheered the trip.", "Capitol Hill", "USA", "LEG"),
    ],
)
def test_organization_codes(
    analyzer: Analyzer, text: str, name: str, country: str | None, sector: str
) -> None:
    article = analyzer.analyze(text)
    org = next((a for a in article.actors if a.type == "organization" and a.name == name), None)
    assert org is not None, [(a.name, a.type) for a in article.actors]
    assert (org.country, org.sector) == (country, sector)


@pytest.mark.parametrize(
    ("text", "group", "country", "sector"),
    [
        ("Chinese officials were infuriated by the decision.", "Chinese officials", "CHN", "GOV"),
        ("Some experts said the trip achieved nothing.", "experts", None, None),
        (
            "Biden administration officials touted the talks.",
            "Biden administration officials",
            None,
            "GOV",
        ),
    ],
)
def test_groups(
    analyzer: Analyzer, text: str, group: str, country: str | None, sector: str | None
) -> None:
    article = analyzer.analyze(text)
    actor = next((a for a in article.actors if a.type == "group" and a.name == group), None)
    assert actor is not None, [(a.name, a.type) for a in article.actors]
    assert (actor.country, actor.sector) == (country, sector)


def test_no_actors_in_text_without_names(analyzer: Analyzer) -> None:
    article = analyzer.analyze("The weather was mild and the markets were quiet all week long.")
    assert article.actors == []


def test_a_hyphen_inside_a_given_name_keeps_one_person(analyzer) -> None:
    article = analyzer.analyze(
        "Taiwanese President Tsai Ing-wen met House Speaker Kevin McCarthy on Wednesday. "
        "Tsai said she was grateful."
    )
    persons = {a.name for a in article.actors if a.type == "person"}
    assert "Tsai Ing-wen" in persons and "Ing" not in persons


def test_known_person_from_the_knowledge_base(tmp_path) -> None:
    from detente.pipeline import Analyzer

    extra = tmp_path / "people.tsv"
    extra.write_text(
        "name\taliases\tcountry\tsector\trole\n"
        "John Harlow\tHarlow\tNOR\tGOV\tPrime Minister of Norway\n"
        "Erik Lund\t\tNOR\tGOV\tForeign Minister of Norway\n",
        encoding="utf-8",
    )
    analyzer = Analyzer(kb_files=[extra])
    article = analyzer.analyze(
        "Prime Minister John Harlow met Swedish Foreign Minister Erik Lund on Monday. "
        "Harlow said the talks went well."
    )
    people = {a.name: a for a in article.actors if a.type == "person"}
    assert people["John Harlow"].country == "NOR"
    assert people["John Harlow"].coding["country"].rule == "known-person"
    # what the text says wins over the knowledge base
    assert people["Erik Lund"].country == "SWE"


def test_a_name_is_no_acronym_in_another_case(analyzer) -> None:
    # "OLA" is an organisation's acronym in the knowledge base; "Ola" is a first name
    article = analyzer.analyze("Ola met the Kenyan foreign minister in Nairobi on Monday.")
    assert all(a.name != "Oromo Liberation Army" for a in article.actors)


def test_the_shipped_persons_table_codes_public_figures(analyzer) -> None:
    article = analyzer.analyze("Putin met Erdogan in Sochi on Monday.")
    people = {a.name: a.country for a in article.actors if a.type == "person"}
    assert people.get("Putin") == "RUS" and people.get("Erdogan") == "TUR"


def test_a_public_figure_named_with_a_middle_initial_is_known(analyzer: Analyzer) -> None:
    article = analyzer.analyze("Antony J. Blinken, Secretary of State\n\nThe talks went well.")
    assert person(article, "Antony J. Blinken").country == "USA"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a state body named only by its kind belongs to the place the text was at
        (
            "A gunman attacked two mosques in Christchurch on Friday.\n\n"
            "Police arrested a man in the neighborhood.",
            "NZL",
        ),
        ("Kenya held elections in March. The authorities counted the votes.", "KEN"),
        # no place named before it: no country
        ("Police arrested a man in the neighborhood.", None),
    ],
)
def test_a_state_body_takes_the_place_it_is_in(
    analyzer: Analyzer, text: str, country: str | None
) -> None:
    article = analyzer.analyze(text)
    body = next(a for a in article.actors if a.name.lower() in ("police", "authorities"))
    assert body.country == country


HOME_CASES = [
    # the article's home country leads: its offices with no country of their own take it
    (
        "Norway raised its fuel tax on Monday. Norwegian drivers protested in Oslo. "
        "Finance Minister Kari Solberg defended the tax.",
        "Kari Solberg",
        "NOR",
        "home-country",
    ),
    (
        "Chile cut its interest rate. Chilean exporters welcomed the cut. "
        "Judge Mateo Rivas ordered a review of the decision.",
        "Mateo Rivas",
        "CHL",
        "home-country",
    ),
    # two countries equally present: no home, no country
    (
        "Norway and Chile signed a trade deal. Norway will buy copper and Chile will buy "
        "fish. Finance Minister Kari Solberg praised the deal.",
        "Kari Solberg",
        None,
        None,
    ),
    # only one mention of the country: not enough to call it the home
    (
        "Norway raised its fuel tax. Finance Minister Kari Solberg defended it.",
        "Kari Solberg",
        None,
        None,
    ),
    # two in one sentence: the text never comes back to it
    (
        "Junior minister Kari Solberg summoned Norway's ambassador Ole Berg to complain.",
        "Kari Solberg",
        None,
        None,
    ),
    # an ambassador serves one country among others: the home does not decide
    (
        "Norway raised its fuel tax on Monday. Norwegian drivers protested in Oslo. "
        "Ambassador Kari Solberg defended the tax.",
        "Kari Solberg",
        None,
        None,
    ),
    # a person of no office is the home country's too, by a rule of its own
    (
        "Norway raised its fuel tax on Monday. Norwegian drivers protested in Oslo. "
        "Professor Kari Solberg defended the tax.",
        "Kari Solberg",
        "NOR",
        "home-country-person",
    ),
    (
        "Norway raised its fuel tax on Monday. Norwegian drivers protested in Oslo. "
        "Kari Solberg, who drives a taxi, said the tax was unfair.",
        "Kari Solberg",
        "NOR",
        "home-country-person",
    ),
    # a person the text places elsewhere keeps that country
    (
        "Norway raised its fuel tax on Monday. Norwegian drivers protested in Oslo. "
        "Kenyan economist Kari Solberg defended the tax.",
        "Kari Solberg",
        "KEN",
        "title-nationality",
    ),
    # a story of two countries has no home
    (
        "Norway and Kenya signed a trade pact on Monday. Kari Solberg defended the pact.",
        "Kari Solberg",
        None,
        None,
    ),
]


@pytest.mark.parametrize(("text", "name", "country", "rule"), HOME_CASES)
def test_an_office_with_no_country_takes_the_home_country(
    analyzer: Analyzer, text: str, name: str, country: str | None, rule: str | None
) -> None:
    actor = person(analyzer.analyze(text), name)
    assert actor.country == country
    assert (actor.coding["country"].rule if "country" in actor.coding else None) == rule


@pytest.mark.parametrize(
    ("text", "org", "country"),
    [
        # a national body ("Ministry") takes the home country ...
        (
            "Peru raised its fuel tax. Peruvian drivers protested. The Transport Ministry "
            "defended the tax.",
            "Transport Ministry",
            "PER",
        ),
        # ... one as often international ("Commission") does not
        (
            "Peru raised its fuel tax. Peruvian drivers protested. The Trade Commission "
            "defended the tax.",
            "Trade Commission",
            None,
        ),
    ],
)
def test_only_national_bodies_take_the_home_country(
    analyzer: Analyzer, text: str, org: str, country: str | None
) -> None:
    article = analyzer.analyze(text)
    body = next(a for a in article.actors if a.name == org)
    assert body.country == country


def test_a_speaker_named_by_a_title_alone_takes_the_home_country(analyzer: Analyzer) -> None:
    article = analyzer.analyze(
        "Peru raised its fuel tax. Peruvian drivers protested. The President said the tax was fair."
    )
    speaker = next(a for a in article.actors if a.id == article.quotes[0].speaker)
    assert (speaker.name, speaker.country) == ("President", "PER")
    assert speaker.coding["country"].rule == "home-country"


PERSON_NAME_REPAIRS = [
    # a headline's possessive ends the name
    ("Secretary Lindqvist’s Meeting with Foreign Minister Oduya", {"Lindqvist", "Oduya"}),
    # nationalities and multi-word titles the parser swept into the name
    (
        "Jordanian King Abdullah II met Crown Prince Mohammed bin Salman in Amman.",
        {"Abdullah II", "Mohammed bin Salman"},
    ),
    # a surname with a hyphen after a given name is one person
    ("Press Secretary Karine Jean-Pierre said the talks were useful.", {"Karine Jean-Pierre"}),
    # a given name the parser left out of the name
    ("Secretary of State Antony J. Blinken arrived in Amman.", {"Antony J. Blinken"}),
    # a public figure's full name the parser cut short
    (
        "Kenyan President William Ruto met Prime Minister Lee Hsien Loong of Singapore.",
        {"William Ruto", "Lee Hsien Loong"},
    ),
    # a sentence opening "Name, Title, said" is no signature line: its rank is no name
    (
        "General Ali Demir, Secretary General of the Staff, said today the ships would sail.",
        {"Ali Demir"},
    ),
    # a signature in capitals and a "J." of the same person are that person
    (
        "President Joseph R. Biden Jr. spoke on Monday.\n\nJOSEPH R. BIDEN JR.",
        {"Joseph R. Biden Jr."},
    ),
    (
        "Secretary of State Antony J. Blinken arrived. Later J. Blinken left for Cairo.",
        {"Antony J. Blinken"},
    ),
    # a company's legal form is no person
    ("The contract went to Meridian Ipari Kft on Monday.", set()),
    # a title alone is no person
    ("Chinese State Councilor Wang said nothing.", {"Wang"}),
    # the end of a title begun before the name, an honorific, a hyphenated "-Elect"
    ("Chancellor of the Exchequer Nigel Lawson spoke.", {"Nigel Lawson"}),
    ("His Highness Ahmad al-Sabah met Dr Ali bin Tamim.", {"Ahmad al-Sabah", "Ali bin Tamim"}),
    ("Prime Minister-Elect Anthony Albanese spoke.", {"Anthony Albanese"}),
    # a father's name after "bin" is the same person's, even where the parser splits it
    (
        "The President spoke with His Majesty Haitham bin Tariq Al Said, the Sultan of Oman.",
        {"Haitham bin Tariq Al Said"},
    ),
    ("Emir Tamim bin Hamad Al Thani met Sam Oduya.", {"Tamim bin Hamad Al Thani", "Sam Oduya"}),
    # a family name opening with its particle is the full name it ends
    (
        "Sam Oduya welcomed Defense Minister Karim bin Hadad today. Later Oduya and "
        "Minister bin Hadad discussed trade.",
        {"Sam Oduya", "Karim bin Hadad"},
    ),
    # "bin" as a word is no name's
    ("The bin was full, Tom Berg said.", {"Tom Berg"}),
    # a given name coordinated with a full name shares its surname
    (
        "Tom Lind spoke first. Later Tom and Ada Lind met Sam Oduya.",
        {"Tom Lind", "Ada Lind", "Sam Oduya"},
    ),
    # ...not a surname, nor a public figure's name
    ("Sam Oduya spoke. Later Oduya and Ada Lind met.", {"Sam Oduya", "Ada Lind"}),
    ("Biden and Xi Jinping agreed on Monday.", {"Biden", "Xi Jinping"}),
    # a name with a digit is a ship's or a programme's
    ("The research ship Sismik 1 will sail with Ada Lind.", {"Ada Lind"}),
    # a city the text names with its state is no person anywhere in it
    ("The trip to Dalton comes soon. She will travel to Dalton, Georgia.", set()),
    # a heading that opens with words of saying names no one
    ("Joint Statement on the Meeting of the Strategic Group\n\nSam Oduya spoke.", {"Sam Oduya"}),
    ("Remarks by Ada Lind at the Summit\n\nAda Lind spoke.", {"Ada Lind"}),
    # a known body the parser ran into the name after it, after "TITLE of"
    ("Speaker of the State Duma Sergei Naryshkin spoke.", {"Sergei Naryshkin"}),
    ("He works at Bank of America Merrill Lynch.", set()),
    # no name ends in a title; a place after "in"; common words in capitals
    ("The NSC Spokesperson declined to comment on the talks.", set()),
    ("Two ships docked in Kaspiysk on Monday.", set()),
    ("QUESTION: Will the talks resume? The question was not answered.", set()),
    # a surname in capitals in a transcript is the person named before
    (
        "Secretary of State Antony Blinken spoke.\n\nBLINKEN: Thank you all.",
        {"Antony Blinken"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), PERSON_NAME_REPAIRS)
def test_person_names_are_repaired(analyzer: Analyzer, text: str, expected: set[str]) -> None:
    assert set(names(analyzer.analyze(text), "person")) == expected


@pytest.mark.parametrize(
    ("text", "name", "mentions"),
    [
        # a signature in capitals keeps the period of its "JR."
        ("The order stands.\n\nJOSEPH R. BIDEN JR.", "JOSEPH R. BIDEN JR.", 1),
        ("The order stands.\n\nJOSEPH R. BIDEN JR.\n\nTHE WHITE HOUSE,", "JOSEPH R. BIDEN JR.", 1),
        # the surname alone after a name with "Jr." is that person
        ("Sam Oduya Jr. met Ada Lind. Oduya thanked Lind.", "Sam Oduya Jr.", 2),
        ("Martin Luther King Jr. spoke in Memphis. King was 39.", "Martin Luther King Jr.", 2),
        # a two-word name keeps its last word
        ("King Charles III met Ada Lind. Charles thanked Lind.", "Charles III", 2),
    ],
)
def test_a_name_with_a_generational_suffix(
    analyzer: Analyzer, text: str, name: str, mentions: int
) -> None:
    found = next(a for a in analyzer.analyze(text).actors if a.type == "person")
    assert (found.name, len(found.mentions)) == (name, mentions)


def test_a_generational_suffix_still_finds_the_public_figure(analyzer: Analyzer) -> None:
    article = analyzer.analyze("President Joseph R. Biden, Jr. spoke on Monday.")
    biden = next(a for a in article.actors if a.type == "person")
    assert (biden.country, biden.coding["country"].rule) == ("USA", "known-person")


ONE_ROLE_CASES = [
    # text, person, the whole role
    # a title after "for" or "to" is the title of the name after it, not of the adviser
    ("Dana Whitlock, a spokesman for President Ada Lind, said no.", "Ada Lind", "President"),
    (
        "Dana Whitlock, senior adviser to Prime Minister Ada Lind, said no.",
        "Ada Lind",
        "Prime Minister",
    ),
    # a portfolio in front of the title is part of it
    ("Norwegian energy minister Ada Lind spoke.", "Ada Lind", "energy minister"),
    # the next person of a list is no appositive of the one before
    (
        "Present were Norwegian energy minister Ada Lind, Kenyan prime minister Sam Oduya "
        "and others.",
        "Ada Lind",
        "energy minister",
    ),
    # "Jr." is part of the name, not a role
    (
        "Readout of President Sam Oduya, Jr. Call with Norway\n\nPresident Oduya spoke.",
        "Sam Oduya",
        "President",
    ),
    # a title and a longer title holding it: the longer; a misread longer form: the title
    (
        "Secretary Ada Lind left. Later Secretary of State Ada Lind returned.",
        "Ada Lind",
        "Secretary of State",
    ),
    # the country goes in country, not in the role
    ("South Korean President Ada Lind spoke. President Lind left.", "Ada Lind", "President"),
    ("Former US President Sam Oduya spoke.", "Sam Oduya", "Former President"),
    # a nationality of two words, in the role or just before it
    (
        "South Korean Foreign Minister Ada Lind met Kenyan officials.",
        "Ada Lind",
        "Foreign Minister",
    ),
    ("Saudi Arabian Defense Minister Karim Hadad spoke.", "Karim Hadad", "Defense Minister"),
    # a portfolio, capitalised or not, is part of the office
    ("Transport Minister Ada Lind spoke.", "Ada Lind", "Transport Minister"),
    ("Scotland's First Minister Ada Lind spoke.", "Ada Lind", "First Minister"),
    ("Peruvian central bank president Ada Lind spoke.", "Ada Lind", "central bank president"),
    ("His farm minister Ada Lind spoke.", "Ada Lind", "farm minister"),
    ("Solicitor General Ada Lind filed a petition.", "Ada Lind", "Solicitor General"),
]


@pytest.mark.parametrize(("text", "name", "role"), ONE_ROLE_CASES)
def test_one_style_of_role_per_person(analyzer: Analyzer, text: str, name: str, role: str) -> None:
    assert person(analyzer.analyze(text), name).role == role


COUNTRY_FROM_TEXT_CASES = [
    # text, person, country
    # offices only one country has
    (
        "Deputy Secretary of State Dana Whitlock spoke today with Kenyan officials.",
        "Dana Whitlock",
        "USA",
    ),
    ("Trade Representative Dana Whitlock said the talks failed.", "Dana Whitlock", "USA"),
    # a British "Secretary of State for ..." is no American office
    ("Secretary of State for Defence Dana Whitlock met troops in Oslo.", "Dana Whitlock", None),
    # "the Security Council" of a text that never names the UN is no UN body
    (
        "President Ivan Petrov of Russia met the Security Council. Security Council Secretary "
        "Oleg Sokol reported on Chechnya. Russia will act, Petrov said.",
        "Oleg Sokol",
        "RUS",
    ),
    # ... but it is where the text names the United Nations
    (
        "The United Nations met on Monday. Security Council President Oleg Sokol opened it.",
        "Oleg Sokol",
        "IGO",
    ),
]


@pytest.mark.parametrize(("text", "name", "country"), COUNTRY_FROM_TEXT_CASES)
def test_country_from_the_office(
    analyzer: Analyzer, text: str, name: str, country: str | None
) -> None:
    assert person(analyzer.analyze(text), name).country == country


def test_the_prime_minister_is_no_deputy_prime_minister(analyzer: Analyzer) -> None:
    text = (
        "Deputy Prime Minister Dana Whitlock failed to buy the kits. The Prime Minister "
        'apologised for "having an idiot as economy minister."'
    )
    assert [q.speaker_text for q in analyzer.analyze(text).quotes] != ["Dana Whitlock"]


APPOSITIVE_ROLE_CASES = [
    # text, person, role, country
    (
        "The French president's spokeswoman, Claire Dubois, said the talks would resume.",
        "Claire Dubois",
        "spokeswoman",
        "FRA",
    ),
    ("Kenya's spokesman, Sam Oduya, said no.", "Sam Oduya", "spokesman", "KEN"),
    # a hyphenated title is one title, not the military "General"
    (
        "Secretary-General Dana Whitlock said the war must end.",
        "Dana Whitlock",
        "Secretary-General",
        None,
    ),
    # no title in apposition: no role
    ("The man, Sam Oduya, said no.", "Sam Oduya", None, None),
    # a title of several words whose last word is no title alone
    ("Kenya's defense chief, Sam Oduya, said no.", "Sam Oduya", "defense chief", "KEN"),
    ("The army chief, Sam Oduya, said no.", "Sam Oduya", "army chief", None),
]


@pytest.mark.parametrize(("text", "name", "role", "country"), APPOSITIVE_ROLE_CASES)
def test_role_of_a_name_in_apposition(
    analyzer: Analyzer, text: str, name: str, role: str | None, country: str | None
) -> None:
    actor = person(analyzer.analyze(text), name)
    assert (actor.role, actor.country) == (role, country)


def test_secretary_general_is_no_general(analyzer: Analyzer) -> None:
    actor = person(analyzer.analyze("Secretary-General Dana Whitlock spoke."), "Dana Whitlock")
    assert actor.sector != "MIL"


def test_a_public_figure_the_parser_calls_an_organisation_is_a_person(analyzer: Analyzer) -> None:
    article = analyzer.analyze("Guterres strongly condemned the attack on Monday.")
    assert (person(article, "Guterres").country, names(article, "organization")) == ("IGO", [])


ORG_AND_GROUP_CODES = [
    # text, actor name, type, country, sector
    (
        "The South Korean military said it fired warning shots.",
        "South Korean military",
        "group",
        "KOR",
        "MIL",
    ),
    ("Investigators said the ship had sunk.", "Investigators", "group", None, "COP"),
    (
        "Iran's Foreign Ministry condemned the strike.",
        "Foreign Ministry",
        "organization",
        "IRN",
        "GOV",
    ),
    ("Iran Air said its flights were cancelled.", "Iran Air", "organization", "IRN", None),
]


@pytest.mark.parametrize(("text", "name", "kind", "country", "sector"), ORG_AND_GROUP_CODES)
def test_organisation_and_group_codes_from_their_words(
    analyzer: Analyzer, text: str, name: str, kind: str, country: str | None, sector: str | None
) -> None:
    actor = next(a for a in analyzer.analyze(text).actors if a.name == name)
    assert (actor.type, actor.country, actor.sector) == (kind, country, sector)


@pytest.mark.parametrize(
    "text",
    [
        "Tensions rose across the Indo-Pacific on Monday.",
        "COVID-19 spread quickly through the Asia-Pacific this winter.",
        "Historians still argue about the Cold War.",
    ],
)
def test_regions_diseases_and_eras_are_no_actors(analyzer: Analyzer, text: str) -> None:
    assert analyzer.analyze(text).actors == []


def test_a_name_with_a_title_in_apposition_is_a_person(analyzer: Analyzer) -> None:
    text = (
        "The paper interviewed Gáspár Maróth, the Hungarian Government commissioner for "
        "defence. Maróth said the bid won."
    )
    article = analyzer.analyze(text)
    maroth = person(article, "Gáspár Maróth")
    assert (maroth.country, len(maroth.mentions)) == ("HUN", 2)
    assert [q.speaker_text for q in article.quotes] == ["Gáspár Maróth"]


TITLES_BEFORE_NAMES = [
    # a title, then a name the parser took for an organisation: a person with that role
    (
        "Office of the Spokesperson\n\nThe below is attributable to Spokesperson Ada "
        "Lindqvist:\n\nThe Minister spoke today with Kenyan officials.",
        "Ada Lindqvist",
        "Spokesperson",
    ),
    # "Head of" a region is a title, not a person "Acting Head"
    (
        "The president held a working meeting with Acting Head of Karelia Ivan Petrovsky. "
        "Petrovsky reported on the harvest.",
        "Ivan Petrovsky",
        "Head of Karelia",
    ),
]


@pytest.mark.parametrize(("text", "name", "role"), TITLES_BEFORE_NAMES)
def test_a_title_before_a_name_tagged_as_a_body_makes_a_person(
    analyzer: Analyzer, text: str, name: str, role: str
) -> None:
    article = analyzer.analyze(text)
    assert person(article, name).role == role
    assert names(article, "person") == [name]


def test_a_headings_kind_is_no_body_and_no_title(analyzer: Analyzer) -> None:
    article = analyzer.analyze(
        "Readout of National Security Advisor Tom Barrow's Meeting with Kenyan Minister "
        "Sam Oduya\n\nNational Security Advisor Tom Barrow welcomed Kenyan Minister Sam "
        "Oduya to the White House today. They discussed trade with their teams."
    )
    assert person(article, "Tom Barrow").role == "National Security Advisor"
    assert not any(a.name.startswith("Readout") for a in article.actors)


def test_a_title_before_a_body_keeps_the_body(analyzer: Analyzer) -> None:
    article = analyzer.analyze("Minister Ada Lind addressed the Nordic Trade Council.")
    assert "Nordic Trade Council" in names(article, "organization")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Gromyko said the talks would go on.", "Gromyko", "RUS"),
        ("President Ronald Reagan met the press on Friday.", "Ronald Reagan", "USA"),
        ("Foreign Secretary Geoffrey Howe flew home.", "Geoffrey Howe", "GBR"),
        # someone else of an office holder's surname is nobody the table knows
        ("Dana Howe, a teacher, said the plan was sound.", "Dana Howe", None),
    ],
)
def test_historical_office_holders_are_known(
    analyzer: Analyzer, text: str, name: str, country: str | None
) -> None:
    assert person(analyzer.analyze(text), name).country == country


OUTLETS_AND_FIRMS = [
    # text, name, country, sector: a name after its kind is that kind of organisation
    ("Greek daily Kathimerini said Greece had to act.", "Kathimerini", "GRC", "JRN"),
    ("The airline Lufthansa said it would cancel flights.", "Lufthansa", None, "BUS"),
]


@pytest.mark.parametrize(("text", "name", "country", "sector"), OUTLETS_AND_FIRMS)
def test_a_name_after_its_kind_is_an_organisation(
    analyzer: Analyzer, text: str, name: str, country: str | None, sector: str
) -> None:
    article = analyzer.analyze(text)
    actor = next(a for a in article.actors if a.name == name)
    assert (actor.type, actor.country, actor.sector) == ("organization", country, sector)
    assert [q.speaker_text for q in article.quotes] == [name]


LISTED_AND_SERVING = [
    # text, person, country
    # a list of titled people: each takes the nationality of the nearest before it
    (
        "Present were Israeli prime minister Avi Golan and energy minister Dan Peretz, "
        "Greek prime minister Nikos Pappas and energy minister Petros Vlachos.",
        "Petros Vlachos",
        "GRC",
    ),
    # the office an adviser serves
    (
        "Sullivan spoke with Emmanuel Bonne, Diplomatic Advisor to the French President.",
        "Emmanuel Bonne",
        "FRA",
    ),
    # a counterpart of a nationality
    ("The minister will meet his Peruvian counterpart, Wilfredo Huayta.", "Wilfredo Huayta", "PER"),
    # an adviser to no one of a nationality: no country
    ("Dana Whitlock, an adviser to the board, resigned.", "Dana Whitlock", None),
]


def test_an_adviser_to_a_head_of_government_is_in_government(analyzer: Analyzer) -> None:
    text = "Sullivan spoke with Jan Hecker, Policy Advisor to the German Chancellor."
    hecker = person(analyzer.analyze(text), "Jan Hecker")
    assert (hecker.country, hecker.sector) == ("DEU", "GOV")


@pytest.mark.parametrize(("text", "name", "country"), LISTED_AND_SERVING)
def test_country_of_listed_and_serving_officials(
    analyzer: Analyzer, text: str, name: str, country: str | None
) -> None:
    assert person(analyzer.analyze(text), name).country == country


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        # a country's name after a city of another country is a state there
        (
            "The Vice President will travel to Dalton, Georgia, to see investments "
            "across Georgia. Officials in Georgia welcomed her.",
            {"USA"},
        ),
        # after one of its own cities it is the country
        ("Russia and Georgia fought in 2008. Tbilisi, Georgia, was calm.", {"RUS", "GEO"}),
    ],
)
def test_a_state_named_like_a_country_is_no_country(
    analyzer: Analyzer, text: str, countries: set[str]
) -> None:
    article = analyzer.analyze(text)
    assert {a.country for a in article.actors if a.country} == countries
    assert {
        c for e in article.events for c in (e.source_country, e.target_country) if c
    } <= countries


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # alone, "the Security Council" is the UN's
        ("The Security Council today agreed to extend the mission.", "IGO"),
        # in a text about a country that has one, it is that country's
        ("President Ivan Petrov of Russia met the Security Council on Monday.", "RUS"),
        # or in a text whose known bodies and public figures are of that one country
        ("Security Council Secretary Ivan Petrov met members of the State Duma.", "RUS"),
        ("Security Council Secretary Ivan Petrov briefed Sergei Lavrov on Monday.", "RUS"),
        # figures of two countries say nothing of whose council it is
        ("Security Council Secretary Ivan Petrov met Sergei Lavrov and Antony Blinken.", "IGO"),
        ("Security Council Secretary Ivan Petrov spoke on Monday.", "IGO"),
    ],
)
def test_a_un_body_named_alone(analyzer: Analyzer, text: str, country: str) -> None:
    article = analyzer.analyze(text)
    council = next(a for a in article.actors if "Security Council" in a.name)
    assert council.country == country


def test_a_surname_with_a_particle_is_found_everywhere(analyzer: Analyzer) -> None:
    text = (
        "Yemeni Minister of Information Moammar al-Eryani condemned the bombing. According "
        "to al-Eryani, the rebels are backed by Iran. Al-Eryani left for Aden."
    )
    article = analyzer.analyze(text)
    assert [m.text for m in person(article, "Moammar al-Eryani").mentions] == [
        "Moammar al-Eryani",
        "al-Eryani",
        "Al-Eryani",
    ]
    assert [q.speaker_text for q in article.quotes] == ["Moammar al-Eryani"]


@pytest.mark.parametrize(
    ("text", "name", "sector"),
    [
        # the kind of body a role names gives the sector
        ("Foreign Ministry spokesman Hami Aksoy said the deal was void.", "Hami Aksoy", "GOV"),
        ("Dana Lind, a Government commissioner for defence, said so.", "Dana Lind", "GOV"),
        # a role naming no body gives none
        ("Dana Lind, a spokesman, said so.", "Dana Lind", None),
        # the body a title belongs to outweighs what the title alone suggests
        ("The general secretary of the rail union, Dana Lind, said no.", "Dana Lind", "LAB"),
        ("Dana Lind, general secretary of the dockers' union, said no.", "Dana Lind", "LAB"),
        ("Dana Lind, general secretary of the party, said no.", "Dana Lind", "PTY"),
        ("Dana Lind, spokeswoman for the army, said no.", "Dana Lind", "MIL"),
        # a body with an adjective is another kind than its head word; a field is no body
        ("Dana Lind, head of the central bank, said no.", "Dana Lind", None),
        ("Dana Lind, minister of transport, said no.", "Dana Lind", "GOV"),
        # a named body is the affiliation's to code
        ("Dana Lind, President of the Russian Federation, said no.", "Dana Lind", "GOV"),
    ],
)
def test_sector_from_the_body_a_role_names(
    analyzer: Analyzer, text: str, name: str, sector: str | None
) -> None:
    assert person(analyzer.analyze(text), name).sector == sector


AS_ROLE_CASES = [
    # text, person, role, country, affiliation
    (
        "Tariq Al Said was sworn in as the new Sultan of Oman.",
        "Tariq Al Said",
        "Sultan",
        "OMN",
        None,
    ),
    (
        "Ada Lind was appointed as foreign minister in May.",
        "Ada Lind",
        "foreign minister",
        None,
        None,
    ),
    # the country an ambassador is sent to is neither her country nor her affiliation
    ("Ada Lind served as ambassador to Kenya.", "Ada Lind", "ambassador", None, None),
    # "as" with no title is no role
    ("Ada Lind spoke as a mother.", "Ada Lind", None, None, None),
    # a title of several words whose last word is no title alone
    ("Ada Lind served as army chief until May.", "Ada Lind", "army chief", None, None),
]


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        # the magazine Foreign Policy, written with its capitals
        ("Foreign Policy editor Ada Lind said the talks had stalled.", "USA", "JRN"),
        # the words of a title that a sentence opens, not the magazine
        ("Foreign policy adviser Ada Lind said the talks had stalled.", None, None),
        # an organisation written in lower case where its name is ("Chinese military")
        ("Chinese military official Ada Lind said the talks had stalled.", "CHN", "GOV"),
    ],
)
def test_an_organisation_in_a_role_is_written_with_its_capitals(
    analyzer: Analyzer, text: str, country: str | None, sector: str | None
) -> None:
    actor = person(analyzer.analyze(text), "Ada Lind")
    assert (actor.country, actor.sector) == (country, sector)


@pytest.mark.parametrize(("text", "name", "role", "country", "affiliation"), AS_ROLE_CASES)
def test_a_role_taken_as(
    analyzer: Analyzer,
    text: str,
    name: str,
    role: str | None,
    country: str | None,
    affiliation: str | None,
) -> None:
    actor = person(analyzer.analyze(text), name)
    assert (actor.role, actor.country, actor.affiliation) == (role, country, affiliation)


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("MODERATOR: Our next question will go to Emily Blackwell. Your line is open.", "JRN"),
        ("MODERATOR: The first question goes to Emily Blackwell.", "JRN"),
        # a question about someone is no question given to them
        ("The question of Emily Blackwell's pay was raised.", None),
    ],
)
def test_the_person_given_the_next_question_is_a_journalist(
    analyzer: Analyzer, text: str, sector: str | None
) -> None:
    assert person(analyzer.analyze(text), "Emily Blackwell").sector == sector


@pytest.mark.parametrize(
    ("text", "name", "country", "sector"),
    [
        # the head of an international body is of that body
        ("World Bank President Ada Lind spoke in Nairobi.", "Ada Lind", "IGO", "IGO"),
        # an ambassador at an international body serves a state, not the body
        ("UN Ambassador Ada Lind spoke in Nairobi.", "Ada Lind", None, "GOV"),
    ],
)
def test_heads_of_and_envoys_to_international_bodies(
    analyzer: Analyzer, text: str, name: str, country: str | None, sector: str
) -> None:
    actor = person(analyzer.analyze(text), name)
    assert (actor.country, actor.sector) == (country, sector)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # filed from the capital of the country the story names most: its home, even
        # without a clear lead over the others
        (
            "NAIROBI, March 3 - Interior Minister Sam Oduya said the pact with Uganda would "
            "help. Kenya signed it with Uganda. Kenyan officials praised it. Kenya's parliament "
            "approved it. Uganda agreed.",
            "KEN",
        ),
        # filed from elsewhere: no home without a clear lead
        (
            "LONDON, March 3 - Interior Minister Sam Oduya said the pact with Uganda would "
            "help. Kenya signed it with Uganda. Kenyan officials praised it. Kenya's parliament "
            "approved it. Uganda agreed.",
            None,
        ),
    ],
)
def test_the_dateline_breaks_a_tie_for_the_home_country(
    analyzer: Analyzer, text: str, country: str | None
) -> None:
    person = next(a for a in analyzer.analyze(text).actors if a.name == "Sam Oduya")
    assert person.country == country


def test_the_first_word_after_a_dateline_is_no_sentence_of_its_own(analyzer: Analyzer) -> None:
    article = analyzer.analyze(
        "WASHINGTON, Oct 19 - Trade Representative Ada Lind said the pacts would help."
    )
    person = next(a for a in article.actors if a.name == "Ada Lind")
    assert (person.role, person.country) == ("Trade Representative", "USA")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a title held in one country alone gives its country
        ("Ada Lind met Pope Francis in Rome.", "Francis", "VAT"),
        # a known figure under another transliteration of the name
        (
            "The President spoke with Haitham bin Tariq Al Said on Monday.",
            "Haitham bin Tariq Al Said",
            "OMN",
        ),
    ],
)
def test_countries_of_titles_and_spellings(
    analyzer: Analyzer, text: str, name: str, country: str
) -> None:
    person = next(a for a in analyzer.analyze(text).actors if a.name == name)
    assert person.country == country


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # a reporter introduced with the outlet: its country, JRN, the outlet
        ("Q    Hi, this is Ada Lind with Axios. Thanks.", "Ada Lind", ("USA", "JRN", "Axios")),
        (
            "It's Sam Oduya from the Washington Post.",
            "Sam Oduya",
            ("USA", "JRN", "Washington Post"),
        ),
        # "NAME, OUTLET." of an outlet the knowledge base does not know: named so
        (
            "Q    Hi, this is Ada Lind, Lakeside 3 News.  Can you say more?",
            "Ada Lind",
            (None, "JRN", "Lakeside 3 News"),
        ),
        # "met with" a body that is no outlet is no affiliation
        ("Ada Lind met with the Kenyan ministry on Monday.", "Ada Lind", (None, None, None)),
        # a capitalised name after a comma that goes on is a role's, not the affiliation
        ("Ada Lind, Lakeside News editor, resigned.", "Ada Lind", (None, "JRN", None)),
        # nor is a name that is no outlet's
        ("We met Ada Lind, Nordic Trade.", "Ada Lind", (None, None, None)),
    ],
)
def test_a_reporter_with_an_outlet(
    analyzer: Analyzer, text: str, name: str, expected: tuple[str | None, ...]
) -> None:
    person = next(a for a in analyzer.analyze(text).actors if a.name == name)
    assert (person.country, person.sector, person.affiliation) == expected
