from narratrace.claims.profile import sourcing_profiles
from narratrace.claims.sources import sister_outlets

from .helpers import article, attribution

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
    assert dict(first.agencies_cited) == {"Reuters": 1}
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
