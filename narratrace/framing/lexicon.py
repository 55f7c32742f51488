"""Word lists the framing rules read: verbs of being and naming, collective nouns, neutral modifiers."""

from __future__ import annotations

BE = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "'s",
        "’s",
        "remain",
        "remains",
        "remained",
        "become",
        "becomes",
        "became",
    ]
)
# Passive verbs of naming: "X was designated a terrorist group", "X is described as a rescue group".
NAMING_VERBS = frozenset(
    [
        "called",
        "described",
        "labelled",
        "labeled",
        "branded",
        "dubbed",
        "designated",
        "considered",
        "regarded",
        "seen",
        "viewed",
        "deemed",
        "termed",
        "listed",
        "portrayed",
        "characterised",
        "characterized",
        "painted",
    ]
)
ACTIVE_NAMING = frozenset(
    [
        "call",
        "calls",
        "calling",
        "describe",
        "describes",
        "describing",
        "label",
        "labels",
        "labelling",
        "labeling",
        "brand",
        "brands",
        "branding",
        "dub",
        "dubs",
        "term",
        "terms",
        "consider",
        "considers",
        "regard",
        "regards",
        "see",
        "sees",
        "portray",
        "portrays",
        "portraying",
    ]
)
CALLED = frozenset(["called", "named", "dubbed", "nicknamed", "labelled", "labeled", "branded"])
DISGUISE = frozenset(["disguised", "posing", "masquerading", "dressed", "passing", "presenting"])
SPEECH = frozenset(
    [
        "say",
        "says",
        "said",
        "tell",
        "tells",
        "told",
        "add",
        "adds",
        "added",
        "state",
        "states",
        "stated",
        "announce",
        "announces",
        "announced",
        "report",
        "reports",
        "reported",
        "declined",
        "declines",
        "wrote",
        "writes",
        "tweeted",
        "tweets",
        "noted",
        "notes",
        "note",
        "replied",
        "replies",
        "responded",
        "responds",
        "asked",
        "asks",
        "explained",
        "explains",
        "commented",
        "testified",
        "quipped",
        "argued",
        "argues",
    ]
)
# Collective nouns a definite description of an organisation uses: "the group", "the NGO", "the outfit".
GROUP_NOUNS = frozenset(
    ["group", "organisation", "organization", "ngo", "charity", "outfit", "militia", "movement", "network", "faction"]
)
BARE_NOUNS = frozenset(["group", "organisation", "organization"])  # "the group" alone characterises nothing
NEUTRAL_MODIFIERS = frozenset(
    [
        "same",
        "other",
        "such",
        "own",
        "many",
        "several",
        "various",
        "certain",
        "new",
        "main",
        "so",
        "called",
        "-",
        "numerous",
        "next",
        "last",
        "first",
        "second",
        "third",
        "public",
        "universal",
        "enough",
        "former",
        "late",
        "latest",
        "upcoming",
        "adjacent",
        "original",
        "real",
        "current",
        "then",
        "future",
        "past",
        "previous",
        "recent",
        "early",
        "state",
        "federal",
        "local",
        "national",
        "congressional",
        "annual",
        "nearby",
        "top",
        "both",
        "sole",
        "southern",
        "northern",
        "eastern",
        "western",
        "central",
        "southeastern",
        "southwestern",
        "northeastern",
        "northwestern",
        "entire",
        "whole",
        "very",
        "outgoing",
        "incoming",
        "fellow",
        "acting",
        "interim",
        "mainland",
    ]
)
# Where, not who: "Equateur province Health Ministry", "mainland Africa".
PLACE_NOUNS = frozenset(
    ["province", "county", "district", "region", "city", "town", "village", "island", "mainland", "capital", "area"]
)
# When, not who: "First-quarter GDP", "year-end", "mid-week".
# ("third-year student", "latter-day Pharisees", "19th-century" stay: they say what the person or group is.)
TIME_PARTS = frozenset(["quarter", "half", "month", "week", "weekend", "season"])
# Predicate adjectives that report a passing state or an intention, not what the entity is: "Powell is not
# interested in the post", "Milley was concerned that ...", "the US and North Korea were close to a deal".
STATE_ADJECTIVES = frozenset(
    [
        "able",
        "unable",
        "interested",
        "uninterested",
        "concerned",
        "busy",
        "close",
        "due",
        "likely",
        "unlikely",
        "sure",
        "unsure",
        "set",
        "ready",
        "willing",
        "unwilling",
        "eager",
        "happy",
        "glad",
        "pleased",
        "worried",
        "afraid",
        "available",
        "present",
        "absent",
        "scheduled",
        "expected",
        "poised",
        "first",
        "last",
        "next",
        "alone",
        "correct",
        "right",
        "wrong",
        "optimistic",
        "pessimistic",
        "confident",
        "hopeful",
        "excited",
        "visible",
        "same",
        "different",
        "similar",
        "related",
        "identical",
        "equal",
    ]
)
# Before a participle they make it an adjective: "quite invested in", "deeply divided", "heavily armed".
DEGREE_ADVERBS = frozenset(
    ["quite", "very", "so", "too", "deeply", "heavily", "highly", "extremely", "increasingly", "bitterly", "fiercely"]
)
# "took up the name 'White Helmets'": an appositive to these nouns names the entity, it does not describe it.
NAMING_NOUNS = frozenset(
    ["name", "names", "term", "word", "label", "title", "brand", "slogan", "hashtag", "banner", "moniker"]
)
TIME_NOUNS = frozenset(["day", "days", "week", "month", "year", "years", "time", "moment", "hour"])
OPEN_QUOTES = "\"'\u201c\u2018"
CLOSE_QUOTES = "\"'\u201d\u2019"
# Role titles the first pass splits off a name ("Ohio Congressman Jim Jordan"): with the words before them, a label.
ROLE_TITLES = frozenset(
    [
        "president",
        "senator",
        "sen.",
        "rep.",
        "rep",
        "representative",
        "congressman",
        "congresswoman",
        "minister",
        "secretary",
        "spokesman",
        "spokeswoman",
        "governor",
        "gov.",
        "mayor",
        "ambassador",
        "chairman",
        "chairwoman",
        "commissioner",
        "sheriff",
        "speaker",
        "judge",
    ]
)
