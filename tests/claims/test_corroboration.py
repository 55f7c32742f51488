import random
from dataclasses import replace

from narratrace.claims.corroboration import MERGING_KINDS, MergingPairs, count_origins
from narratrace.claims.sources import same_source, source_key
from narratrace.claims.types import Attribution, ClaimMention, TextSpan
from narratrace.provenance.types import Direction
from narratrace.reuse.types import AlignedPassage, ReusePair

from .helpers import mention


def _pair(a: str, b: str, kind: str) -> ReusePair:
    return ReusePair(a=a, b=b, passages=(), kind=kind)


def test_copy_merges_origins_and_names_the_copier() -> None:
    mentions = [mention("000"), mention("001"), mention("002")]
    directions = {("000", "002"): Direction(source="000", confidence=0.9)}
    origins = count_origins(mentions, [_pair("000", "002", "copy")], directions)
    assert origins.groups == (("000", "002"), ("001",))
    assert "002 copies 000" in origins.why
    assert origins.why.startswith("3 articles, 2 independent origins")


def test_stock_does_not_merge_but_partial_does() -> None:
    mentions = [mention("a"), mention("b"), mention("c")]
    pairs = [_pair("a", "b", "stock"), _pair("b", "c", "partial")]
    origins = count_origins(mentions, pairs)
    assert origins.groups == (("a",), ("b", "c"))
    assert "b and c share text" in origins.why  # no direction known


def test_one_statement_quoted_in_two_articles_is_one_origin() -> None:
    # Two articles quoting one statement word for word rest on it, even when neither names who spoke.
    mentions = [mention("a"), mention("b", "the White House", "organisation"), mention("c")]
    origins = count_origins(mentions, [_pair("a", "b", "shared_quote")])
    assert origins.groups == (("a", "b"), ("c",))
    assert origins.why == (
        "3 articles, 2 independent origins: a and b are one origin — a and b quote the same statement. "
        "At least 1 if c (no source named for it) rests on the others' sources"
    )
    assert origins.at_least == 1


def test_the_reason_shows_the_words_two_articles_quote() -> None:
    a_text = (
        'Officials said: "They are promising no retribution on anyone in the southwest but nobody trusts it," he said.'
    )
    b_text = "The regime promises \u201cno retribution on anyone in the southwest\u201d, an official said."
    start_a, start_b = a_text.index("They"), b_text.index("no retribution")
    passage = AlignedPassage(start_a, a_text.index(',"'), start_b, b_text.index("\u201d"), 1.0)
    pair = ReusePair(a="a", b="b", passages=(passage,), kind="shared_quote")
    origins = count_origins([mention("a"), mention("b")], MergingPairs([pair], {"a": a_text, "b": b_text}))
    assert origins.groups == (("a", "b"),)
    assert origins.why.endswith(
        'a and b quote the same statement ("They are promising no retribution on anyone in the southwest but nobody …")'
    )
    # Without the texts the reason still says what joined them.
    assert count_origins([mention("a"), mention("b")], [pair]).why.endswith("a and b quote the same statement")


def test_same_anonymous_source_is_one_origin() -> None:
    mentions = [
        mention("001", "two anonymous US officials", "anonymous"),
        mention("003", "a senior U.S. official", "anonymous"),
        mention("004", "US officials", "anonymous"),
    ]
    origins = count_origins(mentions)
    assert len(origins.groups) == 1
    assert "rest on" in origins.why


def test_same_outlet_cited_is_one_origin_and_unrelated_sources_are_not() -> None:
    mentions = [
        mention("001", "SANA", "outlet"),
        mention("003", "SANA", "outlet"),
        mention("005", "Reuters", "outlet"),
        mention("006", "officials", "anonymous"),
        mention("007", "sources", "anonymous"),
    ]
    origins = count_origins(mentions)
    assert origins.groups[0] == ("001", "003")
    assert len(origins.groups) == 4  # a bare "officials" and "sources" are not known to be one source
    assert "001 and 003 both rest on SANA" in origins.why


def test_reasons_chain_across_copy_and_source_links() -> None:
    mentions = [mention("000"), mention("001", "Garrett Marquis", "person"), mention("002", "Marquis", "person")]
    origins = count_origins(mentions, [_pair("000", "001", "copy")])
    assert origins.groups == (("000", "001", "002"),)
    assert origins.why.startswith("3 articles, 1 independent origin:")


def test_pairs_outside_the_claim_and_single_article_claims() -> None:
    origins = count_origins([mention("x"), mention("x")], [_pair("x", "y", "copy")])
    assert origins.groups == (("x",),)
    assert origins.why == "1 article, 1 independent origin"
    assert count_origins([]).groups == ()


def test_source_names_normalise() -> None:
    assert source_key("two anonymous US officials") == source_key("US officials") == "us official"
    assert source_key("Syria's SANA") == "syria sana"
    # A document's age is no part of its name: "a previously undisclosed U.S. intelligence report" is the report.
    assert source_key("a previously undisclosed U.S. intelligence report") == source_key("A US intelligence report")
    assert not same_source("official", "official", "anonymous")
    assert same_source("garrett marquis", "marquis", "person")
    assert not same_source("garrett marquis", "john marquis", "person")
    # A given name in its short form, whatever titles come before it.
    jeff, jeffrey = "White House COVID-19 coordinator Jeff Zients", "White House Covid coordinator Jeffrey Zients"
    assert same_source(source_key(jeff), source_key(jeffrey), "person")
    assert same_source(source_key("Bill Clinton"), source_key("President William Clinton"), "person")
    assert not same_source(source_key("Joe Biden"), source_key("Hunter Biden"), "person")
    assert not same_source(source_key("Sen. Warren"), source_key("Elizabeth Warren"), "person")


def test_copy_index_returns_the_pairs_a_scan_would_in_input_order() -> None:
    rng = random.Random(3)
    names = [f"{n:03d}" for n in range(12)]
    kinds = ["copy", "partial", "shared_quote", "stock"]
    pairs = [_pair(rng.choice(names), rng.choice(names), rng.choice(kinds)) for _ in range(200)]
    index = MergingPairs(pairs)
    for _ in range(20):
        articles = set(rng.sample(names, rng.randint(1, 8)))
        scanned = [p for p in pairs if p.kind in MERGING_KINDS and p.a != p.b and {p.a, p.b} <= articles]
        assert index.among(articles) == scanned


def test_an_index_and_a_pair_list_count_the_same_origins() -> None:
    mentions = [mention("000"), mention("001"), mention("002"), mention("003")]
    pairs = [_pair("002", "003", "partial"), _pair("000", "002", "copy"), _pair("001", "009", "copy")]
    directions = {("000", "002"): Direction(source="000", confidence=0.9)}
    listed = count_origins(mentions, pairs, directions)
    indexed = count_origins(mentions, MergingPairs(pairs), directions)
    assert listed == indexed
    assert listed.groups == (("000", "002", "003"), ("001",))


def test_a_bare_poll_or_group_is_not_one_source_across_articles() -> None:
    sources = ("the poll", "A poll", "many Democrats", "Democrats", "the Clinton campaign", "Clinton campaign")
    kinds = ("organisation", "organisation", "anonymous", "anonymous", "organisation", "organisation")
    origins = count_origins([mention(a, s, k) for a, s, k in zip("abcdef", sources, kinds, strict=True)])
    # "poll" and "Democrats" name no one in particular; a campaign with its candidate's name does.
    assert origins.groups == (("a",), ("b",), ("c",), ("d",), ("e", "f"))


def test_sources_that_spoke_to_one_outlet_rest_on_its_report() -> None:
    mentions = [
        via_mention("001", "a source", "CBS"),
        via_mention("003", "officials", "CBS News"),  # one outlet, two spellings
        mention("004", "CBS News", "outlet"),
        via_mention("005", "a diplomat", "CNN"),
        mention("006", "sources", "anonymous"),  # spoke to no one named: not known to be the same
    ]
    origins = count_origins(mentions)
    assert origins.groups[0] == ("001", "003", "004")
    assert len(origins.groups) == 3
    assert "001, 003 and 004 all rest on CBS News" in origins.why
    assert mentions[0].to_record()["source_via"] == {"start": 40, "end": 43, "text": "CBS"}


def test_an_article_citing_an_outlet_is_one_origin_with_that_outlets_article() -> None:
    def at(found: ClaimMention, outlet: str) -> ClaimMention:
        return replace(found, outlet=outlet)

    mentions = [
        at(mention("left"), "Politico"),  # Politico's own report, no source named
        at(via_mention("center", "the sources", "Politico"), "The Hill"),
        at(mention("right", "Politico", "outlet"), "National Review"),
        at(mention("other", "CNN", "outlet"), "Newsmax"),  # CNN published none of them
        at(mention("own", "the latest Newsmax tally", "outlet"), "Newsmax"),  # citing itself rests on no other
    ]
    origins = count_origins(mentions)
    assert origins.groups == (("left", "center", "right"), ("other",), ("own",))
    assert "left, center and right all rest on Politico" in origins.why
    # An outlet's name as the corpus writes it ("Politico (News)", a web address) still matches.
    renamed = [at(mentions[0], "politico.com"), at(mention("b", "POLITICO", "outlet"), "The Hill")]
    assert len(count_origins(renamed).groups) == 1


def via_mention(article: str, source: str, outlet: str) -> ClaimMention:
    return replace(mention(article, source, "anonymous"), source_via=TextSpan(40, 40 + len(outlet), outlet))


def test_carriers_of_one_wire_are_one_origin_and_of_two_wires_are_not() -> None:
    mentions = [mention("a"), mention("b"), mention("c"), mention("d")]
    wires = {"a": frozenset({"AP"}), "b": frozenset({"AP"}), "c": frozenset({"Reuters"})}
    origins = count_origins(mentions, wires=wires)
    # Two outlets printing one AP story rewritten past what reuse pairs are one report; Reuters' is another.
    assert origins.groups == (("a", "b"), ("c",), ("d",))
    assert "a and b both rest on AP" in origins.why
    assert count_origins(mentions).groups == (("a",), ("b",), ("c",), ("d",))  # no credits known: four


def test_a_wire_carrier_joins_an_article_citing_the_wire_and_the_wires_own_article() -> None:
    mentions = [
        mention("carrier"),
        mention("citing", "The Associated Press", "outlet"),
        replace(mention("own"), outlet="apnews.com"),
        replace(mention("other"), outlet="reuters.com"),
    ]
    origins = count_origins(mentions, wires={"carrier": frozenset({"AP"})})
    assert origins.groups == (("carrier", "citing", "own"), ("other",))
    assert origins.why.startswith("4 articles, 2 independent origins: carrier, citing and own all rest on AP")


def test_the_counts_floor_lets_articles_naming_no_source_rest_on_those_that_do() -> None:
    """Groups with a source (or a wire's copy) stay apart; those naming none may rest on them, or all on one
    source none names; the reason says which articles the floor joins."""
    mentions = [mention("a", "Officials", "anonymous"), mention("b", "Pfizer", "organisation"), mention("c")]
    origins = count_origins(mentions, [])
    assert len(origins.groups) == 3 and origins.at_least == 2
    assert origins.why.endswith(". At least 2 if c (no source named for it) rests on the others' sources")
    unsourced = count_origins([mention("a"), mention("b"), mention("c")], [])
    assert unsourced.at_least == 1 and unsourced.why.endswith(
        ". At least 1 if they all rest on one source none of them names"
    )
    carried = count_origins([mention("a", "Officials", "anonymous"), mention("b")], wires={"b": frozenset({"AP"})})
    assert carried.at_least == 2 and "At least" not in carried.why  # b carries AP's copy: a source of its own
    assert count_origins([mention("a")], []).at_least == 1


def test_wire_credits_are_read_from_the_articles_datelines() -> None:
    from narratrace.claims.corroboration import carried_wires
    from narratrace.provenance.facts import article_facts

    from .helpers import article

    texts = {
        "x": ("WASHINGTON (AP) — The senator said the bill would pass.", "example.com"),
        "y": ("The bill will pass, the senator said. — Reuters", "example.org"),
        "z": ("The senator said the bill would pass, according to AP.", "example.net"),  # a claim credit only
        "r": ("LONDON (Reuters) — The bill passed.", "Reuters"),  # the wire's own article carries no wire
    }
    facts = [article_facts(article(key, text, outlet)) for key, (text, outlet) in texts.items()]
    assert carried_wires(facts) == {"x": frozenset({"AP"}), "y": frozenset({"Reuters"})}


def test_a_shared_source_is_named_without_its_possessive() -> None:
    mentions = [mention("a", "NASA’s", "organisation"), mention("b", "NASA", "organisation")]
    origins = count_origins(mentions)
    assert len(origins.groups) == 1
    assert "a and b both rest on NASA" in origins.why and "NASA’s" not in origins.why


def test_an_organisation_written_two_ways_is_one_source() -> None:
    """Word order, joining words and acronyms: "the Justice Department" is "the Department of Justice", "the RNC"
    is "the Republican National Committee (RNC)", "WHO" is the "World Health Organization"."""
    assert same_source(source_key("The Justice Department"), source_key("the Department of Justice"), "organisation")
    assert same_source(source_key("the RNC"), source_key("The Republican National Committee (RNC)"), "organisation")
    assert same_source(source_key("World Health Organization"), source_key("WHO"), "organisation")
    # Acronyms that keep the "of" of the name ("DOJ", "BOE") or drop it ("DHS").
    for short, long in (
        ("DOJ", "the Justice Department"),
        ("DOJ", "the Department of Justice"),
        ("the BOE", "the Board of Elections"),
        ("DHS", "the Department of Homeland Security"),
    ):
        assert same_source(source_key(short), source_key(long), "organisation"), short
    assert not same_source(source_key("Bank of America"), source_key("America"), "organisation")
    assert not same_source(source_key("the White House"), source_key("the House"), "organisation")
    assert source_key("RNC Chairwoman Ronna McDaniel Tuesday") == "rnc chairwoman ronna mcdaniel"
    # A title abbreviated or written out.
    assert same_source(source_key("Texas Gov. Greg Abbott"), source_key("Texas Governor Greg Abbott"), "person")
    assert same_source(source_key("Sen. Joe Manchin"), source_key("Senator Manchin"), "person")


def test_a_body_and_the_people_who_speak_for_it_are_one_origin() -> None:
    speaker = mention("a", "NASA Administrator Jim Bridenstine", "person")
    body = mention("b", "NASA", "organisation")
    other = mention("c", "SpaceX", "organisation")
    origins = count_origins([speaker, body, other], [])
    assert origins.groups == (("a", "b"), ("c",))
    assert "a and b both rest on NASA" in origins.why
    # The same person, typed a person in one article and an organisation in another.
    typed_twice = [
        mention("a", "Republican National Committee Chairwoman Ronna McDaniel", "person"),
        mention("b", "Republican National Committee (RNC) Chairwoman Ronna Romney McDaniel Tuesday", "organisation"),
    ]
    assert count_origins(typed_twice, []).groups == (("a", "b"),)


def test_a_document_rests_on_its_author() -> None:
    """ "data from the Department of Labor" rests on the Labor Department; "an analysis of 20,000 infections" names
    a topic, not an author."""
    assert same_source(
        source_key("data from the Department of Labor"), source_key("the Labor Department"), "organisation"
    )
    assert source_key("Data released by the Bureau of Labor Statistics on Tuesday") == "bureau labor statistic"
    assert source_key("a report by The Intercept") == source_key("The Intercept")
    # A day before the document dates it: "Tuesday's report from the Labor Department" rests on the department.
    assert source_key("Tuesday’s report from the Labor Department") == source_key("The Labor Department")
    assert source_key("An analysis of almost 20,000 infections").startswith("analysi")
    assert source_key("The report") == "report"  # a bare document stays a generic head: no one in particular


def _act(article: str, source: str | None, cue: str | None, source_type: str = "organisation") -> ClaimMention:
    stated = mention(article, source, source_type)
    return replace(stated, cue=TextSpan(40, 40 + len(cue), cue) if cue else None)


def test_articles_reporting_one_official_act_are_one_origin() -> None:
    """A ruling, an approval or an announcement is done once by its author: reports that name the author two
    ways, or state the act with no source, rest on it; someone who only said the same thing does not."""
    reports = [
        _act("a", "President Joe Biden", "announced Monday", "person"),
        _act("b", "the White House", "to announce"),
        _act("c", None, None),  # the act stated on the article's own authority
        _act("d", "Senator Lindsey Graham", "said", "person"),  # another source: his own origin
    ]
    origins = count_origins(reports, [])
    assert origins.groups == (("a", "b", "c"), ("d",))
    assert "a, b and c all rest on President Joe Biden" in origins.why
    assert (
        origins.links[1].reason
        == 'c reports, with no source, the act of President Joe Biden ("announced Monday") that a credits'
    )


def test_speech_and_anonymous_or_outlet_acts_make_no_act_of_a_claim() -> None:
    """ "said" is no act; an outlet's or unnamed officials' "announced" names no author to rest on."""
    said = [_act("a", "The Supreme Court", "said"), _act("b", None, None)]
    assert count_origins(said, []).groups == (("a",), ("b",))
    for cue in ("didn't release", "did not release", "failed to rule on"):
        undone = [_act("a", "Gov. Ron DeSantis", cue, "person"), _act("b", None, None)]
        assert count_origins(undone, []).groups == (("a",), ("b",)), cue
    planned = [_act("a", "Gov. Ron DeSantis", "will sign", "person"), _act("b", None, None)]
    assert count_origins(planned, []).groups == (("a", "b"),)  # a planned act rests on its announcement
    for source, source_type in (("CNN", "outlet"), ("two officials", "anonymous")):
        unnamed = [_act("a", source, "announced", source_type), _act("b", None, None)]
        assert count_origins(unnamed, []).groups == (("a",), ("b",))
    # An article with its own source for the claim keeps it, even beside a sourceless mention of its own.
    kept = [_act("a", "The FDA", "approved"), _act("b", None, None), _act("b", "Pfizer", "said")]
    assert count_origins(kept, []).groups == (("a",), ("b",))
    # A day the tagger took for the source reports the act all the same, under the name another report gives.
    dated = [
        _act("a", "Thursday", "signed into law"),
        _act("b", "Gov. Ron DeSantis", "signed", "person"),
        _act("c", None, None),
    ]
    origins = count_origins(dated, [])
    assert origins.groups == (("a", "b", "c"),)
    assert origins.why.endswith("a, b and c all rest on Gov. Ron DeSantis")


def test_unnamed_members_of_a_body_join_the_act_a_named_report_credits_to_it() -> None:
    """ "The justices overturned" joins "The Supreme Court ruled"; alone, unnamed members start no act; a court's
    "struck down", "blocked" or "upheld" is an act like its "ruled"."""
    joined = [_act("a", "The Supreme Court", "ruled"), _act("b", "the justices", "overturned", "anonymous")]
    origins = count_origins(joined, [])
    assert origins.groups == (("a", "b"),)
    assert origins.why.endswith("a and b both rest on The Supreme Court")
    alone = [_act("a", "the justices", "overturned", "anonymous"), _act("b", None, None)]
    assert count_origins(alone, []).groups == (("a",), ("b",))
    for cue in ("struck down", "blocked", "upheld", "declassified"):
        court = [_act("a", "Judge Dabney Friedrich", cue, "person"), _act("b", "A federal judge", cue)]
        assert count_origins(court, []).groups == (("a", "b"),), cue


def test_an_outlet_repeating_a_claim_on_its_own_authority_is_one_origin() -> None:
    """Three Breitbart articles asserting it with no source are Breitbart once; a fourth that credits a source,
    and another outlet's own assertion, stay apart."""
    stated = [
        replace(mention("a"), outlet="Breitbart News"),
        replace(mention("b", "the Labor Department", "organisation"), outlet="Breitbart News"),
        replace(mention("c"), outlet="Breitbart News"),
        replace(mention("d"), outlet="Breitbart  News"),  # the outlet's name spaced another way
        replace(mention("e"), outlet="The Daily Wire"),
        mention("f"),  # no outlet known: nothing to join it by
        mention("g"),
    ]
    origins = count_origins(stated, [])
    assert origins.groups == (("a", "c", "d"), ("b",), ("e",), ("f",), ("g",))
    assert "a, c and d all rest on Breitbart News" in origins.why
    assert origins.links[0].reason == "a and c both state it on Breitbart News's own authority"


def test_an_article_naming_the_claims_source_elsewhere_rests_on_it() -> None:
    """An article that states the claim with no source, but names for another statement the source another article
    gives for the claim, rests on that source; a source it never names, or one it names beside no sourced
    report of the claim, joins nothing."""
    from narratrace.claims.source_links import article_sources

    sourced = mention("a", "The Labor Department", "organisation")
    elsewhere = [attribution_for("b", "the Department of Labor", "organisation"), attribution_for("b", "he", "person")]
    sources_of = {
        "b": article_sources(elsewhere),
        "c": article_sources([attribution_for("c", "Pfizer", "organisation")]),
    }
    assert sources_of["b"] == (("department labor", "organisation", "the Department of Labor"),)  # "he": no one
    origins = count_origins([sourced, mention("b"), mention("c")], [], sources_of=sources_of)
    assert origins.groups == (("a", "b"), ("c",))
    assert origins.links[0].reason == "b names The Labor Department elsewhere, the source a gives for it"
    assert count_origins([sourced, mention("b")], []).groups == (("a",), ("b",))  # without what b names
    unsourced = [mention("b"), mention("c")]
    assert count_origins(unsourced, [], sources_of=sources_of).groups == (("b",), ("c",))


def test_an_unsourced_article_about_the_person_given_as_source_does_not_rest_on_them() -> None:
    """An article whose own words for the claim name the person another article gives as its source reports on
    that person: naming them elsewhere is no sign it rests on them. A body named in the claim's words still is."""
    from narratrace.claims.source_links import article_sources

    about = replace(mention("b"), content=TextSpan(0, 40, "Trump made the announcement on Tuesday"))
    sources_of = {"b": article_sources([attribution_for("b", "President Donald Trump", "person")])}
    said = mention("a", "Trump", "person")
    assert count_origins([said, about], [], sources_of=sources_of).groups == (("a",), ("b",))
    # The same article, its words for the claim not naming him: it rests on him.
    assert count_origins([said, mention("b")], [], sources_of=sources_of).groups == (("a", "b"),)
    imf = replace(mention("b"), content=TextSpan(0, 44, "the IMF has kept its projection at 4.9%"))
    sources_of = {"b": article_sources([attribution_for("b", "the IMF", "organisation")])}
    assert count_origins([mention("a", "The IMF", "organisation"), imf], [], sources_of=sources_of).groups == (
        ("a", "b"),
    )


def attribution_for(article: str, source: str, source_type: str) -> Attribution:
    return Attribution(article, TextSpan(0, len(source), source), None, TextSpan(50, 60, "some claim"), source_type)
