"""Which outlet a source names or spoke to: descriptions, web addresses, "the media outlet", "told the AP"."""

from dataclasses import replace

from narratrace.claims.outlet_mentions import channel_outlet, generic_outlet_referent
from narratrace.claims.outlets import cited_outlets, outlet_name
from narratrace.claims.profile import sourcing_profiles
from narratrace.claims.types import Attribution, TextSpan

from .helpers import article, attribution


def test_a_phrase_that_only_describes_one_known_outlet_names_it() -> None:
    assert outlet_name("Syria's official news agency SANA,") == "SANA"
    assert outlet_name("SANA's report") == "SANA"
    assert outlet_name("Russia's Sputnik news agency") == "Sputnik"
    assert outlet_name("the Washington Post's editorial board") == "The Washington Post"
    assert outlet_name("Xinhua, the official Chinese news agency") == "Xinhua"  # an appositive describes
    # Another capitalised name in it: a sister service or a programme, kept as written.
    assert outlet_name("Sputnik Arabic") == "Sputnik Arabic"
    assert outlet_name("Fox News Sunday") == "Fox News Sunday"
    # Two outlets, or none known: as written.
    assert outlet_name("CNN and Reuters") == "CNN and Reuters"
    assert outlet_name("the newspaper") == "the newspaper"


def test_a_web_address_names_its_outlet_and_one_outlet_has_one_spelling() -> None:
    assert outlet_name("Sputnikenews.com") == outlet_name("sputniknews.com") == "Sputnik"  # a typo in a long name
    assert outlet_name("reuters.com") == "Reuters"
    assert outlet_name("cbsnews.com") == outlet_name("CBS") == outlet_name("CBS News") == "CBS News"
    assert outlet_name("zerohedge.com") == outlet_name("ZeroHedge") == "Zero Hedge"
    assert outlet_name("example-gazette.org") == "example-gazette.org"  # unknown: as written
    assert outlet_name("rtl.de") == "rtl.de"  # short names match exactly: RTL is not RT


def test_an_unnamed_outlet_refers_to_the_outlet_named_before_it() -> None:
    text = (
        "Several countries discussed it, CBS News reported, citing an official.\n"
        "According to the media outlet, the allies are afraid. The newspaper did not say more."
    )
    start = text.index("the media outlet")
    found = generic_outlet_referent(text, start, start + len("the media outlet"))
    assert found is not None and text[found[0] : found[1]] == "CBS News"
    later = text.index("The newspaper")
    assert generic_outlet_referent(text, later, later + len("The newspaper")) == found
    # Indefinite or bare: no referent; a known outlet must come before, not after.
    assert generic_outlet_referent("A newspaper said it, and CBS News too.", 0, 11) is None
    assert generic_outlet_referent("The outlet said so, CBS News wrote.", 0, 10) is None
    address = "Sputnikenews.com reports: officials spoke. The website added details."
    at = address.index("The website")
    assert generic_outlet_referent(address, at, at + len("The website")) == (0, len("Sputnikenews.com"))


def _channel(text: str, source: str, cue: str | None, content: str) -> str | None:
    start = text.index(source)
    cue_span = (text.index(cue, start), text.index(cue, start) + len(cue)) if cue else None
    found = channel_outlet(text, (start, start + len(source)), cue_span, text.index(content))
    return text[found[0] : found[1]] if found else None


def test_the_outlet_a_source_spoke_to() -> None:
    text = "Earlier, military sources speaking to Sputnik Arabic warned that the group may stage an attack."
    assert _channel(text, "military sources speaking to Sputnik Arabic", "warned", "the group may") == "Sputnik Arabic"
    text = "The US is leading the operation, US officials have told the AP."
    assert _channel(text, "US officials", "have told", "The US is") == "AP"
    text = '"Nobody trusts that," the source told CBS on Friday.'
    assert _channel(text, "the source", "told", "Nobody trusts") == "CBS"
    text = "Sanders told CNN Tuesday that he would win."
    assert _channel(text, "Sanders", "told", "he would") == "CNN"  # a weekday is no sister service
    text = "Sources in Idlib were quoted as telling Russia's Sputnik news agency that vans were used."
    assert _channel(text, "Sources in Idlib", "telling", "vans were") == "Sputnik news"


def test_a_short_paper_name_spoken_to_is_the_paper_named_in_full_before_it() -> None:
    text = "The New York Times reported the plan first. Two officials told The Times that it was dropped."
    assert _channel(text, "Two officials", "told", "it was dropped") == "New York Times"
    text = "The Los Angeles Times had the story. The Times, citing two officials, said it was dropped."
    assert _channel(text, "two officials", "said", "it was dropped") == "Los Angeles Times"
    # Named in full nowhere before: kept as written ("The Times" alone could be any of several papers).
    text = "Two officials told The Times that it was dropped."
    assert _channel(text, "Two officials", "told", "it was dropped") == "The Times"


def test_the_outlet_that_cites_a_source() -> None:
    text = "Syria's official news agency SANA, citing unnamed sources and local media, reported that vans came."
    assert _channel(text, "unnamed sources and local media", "reported", "vans came") == "SANA"
    text = "They discussed it, CBS News reported, citing an anonymous US official. More."
    assert _channel(text, "an anonymous US official", None, "More") == "CBS News"
    text = "The ministry, citing unnamed sources, said vans came."  # no outlet cites them
    assert _channel(text, "unnamed sources", "said", "vans came") is None


def test_no_outlet_when_none_is_told_or_it_sits_in_the_content() -> None:
    text = "Sanders told reporters that CNN was wrong."
    assert _channel(text, "Sanders", "told", "CNN was") is None  # CNN is what he said, not whom he told
    text = "An aide said the candidate told Fox News nothing new."
    assert _channel(text, "An aide", "said", "the candidate") is None
    text = "A spokesman told the Skype group that all was fine."
    assert _channel(text, "A spokesman", "told", "all was") is None  # not a known outlet


def test_an_outlet_spoken_to_is_cited_and_may_be_a_self_citation() -> None:
    text = "Military sources speaking to Sputnik Arabic warned that the group may stage an attack."
    sputnik = article("s1", text, outlet="sputniknews.com")
    found = attribution(sputnik, "Military sources speaking to Sputnik Arabic", "the group may", "anonymous")
    start = text.index("Sputnik Arabic")
    found = replace(found, via=TextSpan(start, start + len("Sputnik Arabic"), "Sputnik Arabic"))
    assert found.to_record()["via"] == {"start": start, "end": start + 14, "text": "Sputnik Arabic"}
    [profile], _ = sourcing_profiles([sputnik], [[found]])
    assert profile.anonymous == 1  # still an anonymous source
    assert dict(profile.outlets_cited) == {"Sputnik Arabic": 1}
    assert dict(profile.agencies_cited) == {"Sputnik Arabic": 1}
    assert dict(profile.self_citations) == {"Sputnik Arabic": 1}


def test_the_press_at_large_a_poll_name_and_a_wire_for_a_paper_are_no_referent() -> None:
    def referent(text: str, phrase: str) -> tuple[int, int] | None:
        at = text.index(phrase)
        return generic_outlet_referent(text, at, at + len(phrase))

    assert referent("CBS News reported it. The media ignored it.", "The media") is None
    assert referent("A Washington Post-ABC News poll found it. According to the website, more.", "the website") is None
    assert referent("It happened, according to AP. The newspaper reported more.", "The newspaper") is None
    assert referent("Look: pic.twitter.com/F1dvZ — a user. The paper explains more.", "The paper") is None
    assert referent("It happened, according to AP. The news agency reported more.", "The news agency") == (26, 28)


def test_an_outlet_that_is_a_source_and_a_via_in_one_place_is_cited_once() -> None:
    text = "SANA, citing unnamed sources, reported that vans came. SANA later said more."
    doc = article("d1", text, outlet="other.example")
    cites = attribution(doc, "SANA", "vans came", "outlet")
    unnamed = attribution(doc, "unnamed sources", "vans came", "anonymous")
    unnamed = replace(unnamed, via=TextSpan(0, 4, "SANA"))
    later = attribution(doc, "SANA later", "more", "outlet")
    [profile], _ = sourcing_profiles([doc], [[cites, unnamed, later]])
    assert dict(profile.outlets_cited) == {"SANA": 2}


def test_a_source_that_spoke_to_the_outlet_itself_is_its_own_reporting_no_citation() -> None:
    text = "A source familiar with the plan tells CNBC it will pass. Officials speaking to CNBC Africa agreed."
    doc = article("c1", text, outlet="CNBC")

    def spoke_to(source: str, content: str, outlet: str) -> Attribution:
        found = attribution(doc, source, content, "anonymous")
        at = text.index(outlet, found.source.start if found.source else 0)
        return replace(found, via=TextSpan(at, at + len(outlet), outlet))

    own = spoke_to("A source familiar with the plan", "it will pass", "CNBC")
    sister = spoke_to("Officials speaking to CNBC Africa", "agreed", "CNBC Africa")
    [profile], _ = sourcing_profiles([doc], [[own, sister]])
    assert dict(profile.outlets_cited) == {"CNBC Africa": 1}  # "tells CNBC" in CNBC: its own reporting
    assert dict(profile.self_citations) == {"CNBC Africa": 1}
    earlier = article("c2", "CNBC reported last week that it will pass.", outlet="CNBC")
    reported = attribution(earlier, "CNBC", "it will pass", "outlet")
    [itself], _ = sourcing_profiles([earlier], [[reported]])
    assert dict(itself.self_citations) == {"CNBC": 1}  # the outlet as the source: its own earlier reporting


def test_a_weekday_or_month_does_not_hide_the_outlets_a_poll_or_article_names() -> None:
    from narratrace.claims.outlets import cited_outlets

    assert cited_outlets("A Bloomberg poll in June") == ["Bloomberg"]
    assert cited_outlets("a CBS poll released Monday") == ["CBS News"]
    assert cited_outlets("a New York Times/CBS News survey released on Thursday") == ["The New York Times", "CBS News"]
    # A poll the outlet made, even with a pollster, cites it.
    assert cited_outlets("A Fox News poll, conducted jointly with Anderson Robbins Research") == ["Fox News"]


def test_one_of_an_outlets_people_by_name_cites_the_outlet_but_a_sister_service_stays_apart() -> None:
    from narratrace.claims.outlets import cited_outlets

    assert cited_outlets("Fox News’ Bret Baier") == ["Fox News"]
    assert cited_outlets("the Washington Post’s Ishaan Tharoor") == ["The Washington Post"]
    assert cited_outlets("CNN's chief medical correspondent Dr. Sanjay Gupta") == ["CNN"]
    assert cited_outlets("Sputnik's Arabic service") != ["Sputnik"]
    assert cited_outlets("Fox News Sunday") == ["Fox News Sunday"]


def test_an_outlets_other_names_are_counted_under_its_name() -> None:
    # The gazetteer's "aliases": a short form, an old name or an initialism is one outlet with the full name.
    assert outlet_name("the Free Beacon") == outlet_name("Washington Free Beacon") == "Washington Free Beacon"
    assert outlet_name("NYT") == outlet_name("The New York Times") == "The New York Times"
    assert outlet_name("Russia Today") == "RT"
    assert cited_outlets("the Huffington Post and WSJ") == ["HuffPost", "The Wall Street Journal"]
    # A sister outlet is not an alias: "Sky News Arabia" stays apart from "Sky News".
    assert outlet_name("Sky News Arabia") != outlet_name("Sky News")


def test_one_outlet_among_people_named_in_the_phrase_is_the_outlet_cited() -> None:
    assert cited_outlets("released by Fox News host Tucker Carlson") == ["Fox News"]
    assert cited_outlets("a Breitbart report by Allum Bokhari") == ["Breitbart News"]
    assert cited_outlets("Neither the police nor the AP") == ["AP"]
    # Another body, a place or a show beside the outlet keeps the phrase whole: it is not the outlet alone.
    assert cited_outlets("The San Antonio CBS affiliate") == ["The San Antonio CBS affiliate"]
    assert cited_outlets("Fox News Sunday") == ["Fox News Sunday"]
    assert cited_outlets("Sputnik's Arabic service") == ["Sputnik's Arabic service"]
    assert cited_outlets("Fox News Sean Hannity") == ["Fox News Sean Hannity"]


def test_the_outlet_that_made_or_obtained_what_a_phrase_cites_is_the_outlet_cited() -> None:
    assert cited_outlets("An AP investigation into Russian hacking") == ["AP"]
    assert cited_outlets("a UK Daily Mail report") == ["Daily Mail"]
    assert cited_outlets("a memo from Defense Secretary Lloyd Austin obtained by AP") == ["AP"]
    assert cited_outlets("data compiled by the Gun Violence Archive and reviewed by NPR") == ["NPR"]
    assert cited_outlets("DOCUMENTS OBTAINED BY The Intercept") == ["The Intercept"]
    assert cited_outlets("the Spanish newspaper El Pais") == ["El Pais"]
    assert cited_outlets("Reuters and other U.S. news outlets, citing sources familiar") == ["Reuters"]
    assert outlet_name("Catholic News Agency’s") == "Catholic News Agency"


def test_the_press_named_without_a_name_is_one_entry_whatever_its_case() -> None:
    assert cited_outlets("The media") == cited_outlets("the media") == ["media"]
    assert cited_outlets("Multiple news outlets") == cited_outlets("multiple news outlets") == ["multiple news outlets"]
    assert cited_outlets("Afghan media") == ["Afghan media"]


def test_a_phrase_resolved_to_the_citing_outlet_is_a_self_citation() -> None:
    text = "The clip, released by Fox News host Tucker Carlson, showed the meeting."
    doc = article("f1", text, outlet="Fox News")
    found = [attribution(doc, "released by Fox News host Tucker Carlson", "showed the meeting", "outlet")]
    [profile], _ = sourcing_profiles([doc], [found])
    assert dict(profile.outlets_cited) == {"Fox News": 1}
    assert dict(profile.self_citations) == {"Fox News": 1}


def test_a_joint_polls_short_partner_is_the_paper_named_in_full_before_it() -> None:
    text = "The New York Times reported it first. A Times/CBS News poll found Trump ahead. A Post-ABC poll agreed."
    doc = article("j1", text, outlet="other.example")
    joint = attribution(doc, "A Times/CBS News poll", "Trump ahead", "outlet")
    unnamed = attribution(doc, "A Post-ABC poll", "agreed", "outlet")
    [profile], _ = sourcing_profiles([doc], [[joint, unnamed]])
    # "Times" is the paper named before; "Post" names no paper before it, so only ABC News is read there.
    assert dict(profile.outlets_cited) == {"The New York Times": 1, "CBS News": 1, "ABC News": 1}
