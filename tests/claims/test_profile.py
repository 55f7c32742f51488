from dataclasses import replace

from narratrace.claims.outlets import outlet_name, sister_outlets
from narratrace.claims.profile import sourcing_profiles
from narratrace.claims.sources import same_source, source_key
from narratrace.claims.types import Attribution, TextSpan
from narratrace.clean.types import CleanArticle

from .helpers import article, attribution


def _outlet_sourced(doc: CleanArticle, pairs: list[tuple[str, str]]) -> list[Attribution]:
    """Attributions of ``doc`` whose sources are outlets: (source, content) as written in its text."""
    return [attribution(doc, source, content, "outlet") for source, content in pairs]


TEXT = (
    "Military sources told Sputnik Arabic that the group was preparing an attack in the province. "
    "Reuters reported that the talks had stalled after the weekend. "
    "An unnamed official said the plan was dropped on Monday."
)


def test_profile_counts_anonymous_outlets_agencies_and_self_citation() -> None:
    sputnik = article("s1", TEXT, outlet="Sputnik")
    unknown = article("u1", TEXT, outlet=None)
    attributions = [
        attribution(sputnik, "Sputnik Arabic", "the group was preparing an attack", "outlet"),
        attribution(sputnik, "Reuters", "the talks had stalled", "outlet"),
        attribution(sputnik, "An unnamed official", "the plan was dropped", "anonymous"),
    ]
    per_article, per_outlet = sourcing_profiles([sputnik, unknown], [attributions, attributions])
    first = per_article[0]
    assert first.attributions == 3 and first.anonymous == 1
    assert abs(first.anonymous_share - 1 / 3) < 1e-9
    assert dict(first.outlets_cited) == {"Sputnik Arabic": 1, "Reuters": 1}
    # Sputnik is a state news agency in the wires gazetteer (outlets republish its copy), its Arabic service too.
    assert dict(first.agencies_cited) == {"Reuters": 1, "Sputnik Arabic": 1}
    assert dict(first.self_citations) == {"Sputnik Arabic": 1}
    assert per_article[1].self_citations == ()  # an unknown outlet is nobody's sister
    assert [p.key for p in per_outlet] == ["Sputnik", "unknown"]
    record = first.to_record()
    assert record["self_citations"] == [{"name": "Sputnik Arabic", "count": 1}]


def test_sister_outlets_match_on_the_name_stem() -> None:
    assert sister_outlets("RT", "RT Arabic")
    assert sister_outlets("sputniknews.com", "Sputnik")
    assert not sister_outlets("RT", "RTL")
    assert not sister_outlets("Reuters", "RT")
    assert not sister_outlets(None, "RT")


def test_profiles_of_nothing() -> None:
    assert sourcing_profiles([], []) == ([], [])
    lone = article("a", "One word.")
    per_article, _ = sourcing_profiles([lone], [])
    assert per_article[0].attributions == 0 and per_article[0].anonymous_share == 0.0


def test_one_outlet_written_several_ways_is_counted_once() -> None:
    text = (
        "The Associated Press reported the vote was close. The AP said turnout fell. POLITICO reported a recount, "
        "and Politico added that lawyers were ready. A count by the Associated Press showed a lead."
    )
    doc = article("p1", text, outlet="Daily Example")
    found = _outlet_sourced(
        doc,
        [
            ("The Associated Press", "the vote was close"),
            ("The AP", "turnout fell"),
            ("POLITICO", "a recount"),
            ("Politico", "lawyers were ready"),
            ("A count by the Associated Press", "a lead"),
        ],
    )
    [profile], _ = sourcing_profiles([doc], [found])
    # The wire's canonical name and the gazetteer's spelling; a phrase that only describes a wire names it.
    assert dict(profile.outlets_cited) == {"AP": 3, "Politico": 2}
    assert dict(profile.agencies_cited) == {"AP": 3}


def test_outlet_names_and_sources() -> None:
    assert outlet_name("the AP,") == outlet_name("Associated Press") == "AP"
    assert outlet_name("Reuters'") == "Reuters"
    assert outlet_name("the  Washington Post") == "The Washington Post"
    assert outlet_name("Sputnik Arabic") == "Sputnik Arabic"
    assert outlet_name("the newspaper") == "the newspaper"
    assert same_source(source_key("The Associated Press"), source_key("AP"), "outlet")
    assert not same_source(source_key("Reuters"), source_key("AP"), "outlet")


def test_agencies_are_provenances_wires_and_state_agencies_as_whole_words() -> None:
    from narratrace.claims.outlets import is_agency

    # One list for credits and profiles: state agencies such as KCNA or Mehr count, whatever the spelling.
    agencies = ["AP", "AP's", "an Associated Press-GfK poll", "Agence France-Presse", "KCNA", "Mehr News Agency"]
    agencies += ["reuters.com", "https://www.afp.com/en"]
    for name in agencies:
        assert is_agency(name), name
    for name in ("CNN", "Express TV", "The New York Times", "Papa", "Capital"):
        assert not is_agency(name), name


def test_a_list_of_outlets_cites_each_of_them() -> None:
    text = (
        "The New York Times, The Washington Post and NBC News reported that the talks had stalled. "
        "Reuters and other U.S. news outlets reported that the plan was dropped on Monday."
    )
    post = article("p1", text, outlet="The Washington Post")
    listed = "The New York Times, The Washington Post and NBC News"
    attributions = _outlet_sourced(
        post, [(listed, "the talks had stalled"), ("Reuters and other U.S. news outlets", "the plan was dropped")]
    )
    [profile], _ = sourcing_profiles([post], [attributions])
    assert dict(profile.outlets_cited) == {
        "The New York Times": 1,
        "The Washington Post": 1,
        "NBC News": 1,
        "Reuters": 1,  # heading a list of unnamed others: Reuters is the one named
    }
    assert dict(profile.self_citations) == {"The Washington Post": 1}  # the Post among those it cites


def test_an_outlet_pronoun_left_without_its_antecedent_is_counted_but_cites_no_name() -> None:
    text = "Reuters reported that the talks had stalled. It said the plan was dropped on Monday."
    wire = article("r1", text, outlet="Example Daily")
    found = _outlet_sourced(wire, [("Reuters", "the talks had stalled"), ("It", "the plan was dropped")])
    [profile], _ = sourcing_profiles([wire], [found])
    assert profile.attributions == 2
    assert dict(profile.outlets_cited) == {"Reuters": 1}


def test_one_naming_of_an_outlet_is_one_citation_however_many_contents_it_sources() -> None:
    text = (
        "Sputnikenews.com reports: Two officials said the operation was planned for the weekend. "
        "Sputnikenews.com later added that the convoy had left."
    )
    repost = article("n1", text, outlet="NewsPunch")
    found = _outlet_sourced(
        repost,
        [
            ("Sputnikenews.com", "Two officials said the operation was planned"),
            ("Sputnikenews.com", "the operation was planned for the weekend"),  # the same source span
        ],
    )
    later = text.index("Sputnikenews.com later")
    found.append(replace(found[0], source=TextSpan(later, later + 16, "Sputnikenews.com")))  # named again
    [profile], _ = sourcing_profiles([repost], [found])
    assert profile.attributions == 3
    assert dict(profile.outlets_cited) == {"Sputnik": 2}  # named twice, not three times
