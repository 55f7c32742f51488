"""What an attribution reports its source doing, read from the cue: speech, belief, intention or other.

PolNeAR, the tagger's training data, marks everything a source "said, thought or intended", and the tagger also
takes acts and namings for cues ("voted", "pleaded guilty", "known as", "wanted to become a history teacher").
Only what a source said or believes makes it a source: sourcing profiles count those two kinds (``REPORTED_KINDS``),
and claims those and official acts ("the FDA approved", ``names_official_act``: the act is where the fact comes
from). An intention, a private act or a naming ("plans to", "bought", "known as") is left to the article's voice.

The kind is the first word of the cue that a word list knows, so "sought to blame" is an intention (the blame is
what was sought) and "has a history of threatening" an act. A cue whose words no list knows is speech, the kind
most cues are. Lists, not a classifier: a cue is a few words, PolNeAR has no kinds to learn from, and each list
is short enough to read; docs/results/attribution.md "Kinds of attribution" gives the figures.
"""

from __future__ import annotations

import re

from narratrace.claims.outlets import WORD, ascii_lower, words

KINDS = ("speech", "belief", "intention", "other")
REPORTED_KINDS = frozenset({"speech", "belief"})

_SPEECH_VERBS = """
say tell write tweet retweet post announce state claim allege accuse deny confirm admit acknowledge concede warn
caution promise vow pledge threaten argue insist maintain contend assert declare add note observe explain remark
comment mention ask question inquire urge call demand request appeal propose suggest recommend advise criticize
criticise praise condemn denounce decry blast slam attack blame charge complain lament protest object reject dismiss
rebut refute dispute counter challenge respond reply answer retort quip joke boast brag recall recount describe
characterize characterise label dub term brand report reveal disclose indicate show find conclude estimate predict
forecast project calculate publish release detail testify swear affirm reiterate repeat echo stress emphasize
emphasise underline highlight point cite quote inform notify assure reassure email text message broadcast speak talk
discuss address rule order instruct tout hail applaud thank apologize apologise acclaim mock ridicule scoff chide
rebuke scold lash berate insinuate imply hint confide concur elaborate clarify correct specify outline list preach
proclaim pronounce summarise summarize rail fume muse mutter shout scream yell cry whisper pen exclaim express
unveil defend remind reaffirm admonish signal portray invoke compare contrast press determine encourage speculate
hypothesize hypothesise advocate allude chastise contradict
"""
_SPEECH_NOUNS = """
according statement statements interview interviews remark remarks comment comments tweet tweets post posts letter
letters email emails report reports speech speeches testimony release announcement announcements claim claims
allegation allegations accusation accusations warning warnings message messages memo op-ed column video podcast
broadcast transcript filing ruling opinion study studies survey surveys poll polls book blog article editorial
briefing conference criticism assertion assertions explanation affidavit indictment complaint petition argument
words question questions answer response reply appeal call calls request documents document data figures lawsuit
headline
"""
_BELIEF_WORDS = """
believe think feel fear suspect doubt expect assume presume consider suppose reckon guess know understand realize
realise recognize recognise worry concern convince sure certain confident view views agree disagree accept regard
deem imagine wonder skeptical sceptical convinced persuaded aware belief beliefs opinion concerned afraid learn
remember anticipate trust see
"""
_INTENTION_WORDS = """
want plan intend hope seek try aim wish desire decide choose strive attempt eager prepare resolve
"""
# Acts, and words that make the cue an act or a description whatever follows: "has a history of threatening",
# "declined to comment", "refused to say", "voted to", "signed into law".
_OTHER_WORDS = """
history record habit decline refuse fail vote endorse support oppose backed backing favor favour sign plead approve
grant authorize authorise block ban pass overturn uphold sue invest lob spend buy sell arrest hire appoint nominate
deploy visit meet travel donate fund pay campaign stump train need like dislike love cancel ignore
"""
_IRREGULAR = {
    "said": "say", "told": "tell", "wrote": "write", "written": "write", "thought": "think", "felt": "feel",
    "knew": "know", "known": "know", "sought": "seek", "spoke": "speak", "spoken": "speak", "swore": "swear",
    "sworn": "swear", "understood": "understand", "found": "find", "chose": "choose",
    "chosen": "choose", "cried": "cry", "saying": "say", "says": "say", "penned": "pen",
    "bought": "buy", "sold": "sell", "paid": "pay", "met": "meet", "spent": "spend",
}  # fmt: skip
_PERCEPTIONS = ("saw", "seen", "heard", "watched")  # "sees X as Y" is a view; "saw him leave" a perception
_MAKE = frozenset({"make", "makes", "made", "making"})


# Words of a cue that make the attributed statement an official act, done once by its author, rather than
# something said: "announced Monday", "ruled", "granted full approval", "signed into law", "issued an executive
# order". Speech words ("said", "told", "confirmed") and outlets' "reported" are not acts: two people can say one
# thing apart, and a report is the outlet's own.
_ACT_WORDS = words(
    """announce announced announces announcing announcement rule ruled ruling approve approved approves approving
    approval grant granted grants sign signed signs signing order ordered orders issue issued issues release
    released releases publish published vote voted votes pass passed passes declare declared declares
    declaration decide decided decision award awarded impose imposed require required requires requiring ban
    banned bans veto vetoed vetoes unveil unveiled unveils enact enacted adopt adopted authorize authorized
    authorise authorised proclamation proclaimed decree decreed verdict judgment judgement indict indicted
    indictment sentenced overturn overturned overturns reverse reversed reverses uphold upheld upholds struck
    block blocked blocks halt halted halts declassify declassified declassifies"""
)
# Words that make a cue's act one not done: "did not release", "failed to rule on". A planned act ("will sign",
# "has set a vote for Wednesday") stays an act: the articles reporting the plan rest on its announcement.
_NOT_DONE_WORDS = words("not never failed refused declined")
_CONTRACTED_NOT = re.compile("n['’]t\\b")  # "didn't release": "did not release"


def names_official_act(cue: str) -> bool:
    """Whether a cue reports an official act, done once by its author, and not one left undone: "approved",
    "signed into law", "ruled"; not "did not release". Corroboration makes the articles reporting one act one
    origin, so claims keep such attributions whatever their kind."""
    said = set(WORD.findall(_CONTRACTED_NOT.sub(" not", ascii_lower(cue))))
    return bool(said & _ACT_WORDS) and not said & _NOT_DONE_WORDS


def _inflections(lemma: str) -> set[str]:
    """A verb's or noun's written forms: "claim" → claims, claimed, claiming; "deny" → denies, denied; "plan" →
    planned, planning; "argue" → argued, arguing."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", lemma):  # plan → planned, admit → admitted, rebut → rebutted
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def _form_table() -> dict[str, str]:
    table: dict[str, str] = {}
    # Later lists win a word both know: "claims" is speech whether noun or verb; "concern" a belief.
    for kind, listed in (
        ("speech", _SPEECH_VERBS + _SPEECH_NOUNS),
        ("belief", _BELIEF_WORDS),
        ("intention", _INTENTION_WORDS),
        ("other", _OTHER_WORDS),
    ):
        for lemma in listed.split():
            for form in _inflections(lemma):
                table[form] = kind
    for form, lemma in _IRREGULAR.items():
        table[form] = table[lemma]
    for form in _PERCEPTIONS:
        table[form] = "other"
    return table


_KIND_OF_WORD = _form_table()


def attribution_kind(cue: str | None) -> str:
    """The kind of event an attribution's cue reports: "speech", "belief", "intention" or "other".

    >>> attribution_kind("told reporters on Monday")
    'speech'
    >>> attribution_kind("sought to blame")
    'intention'
    >>> attribution_kind("known as")
    'other'
    >>> attribution_kind("has a history of threatening")
    'other'
    """
    if cue is None:
        return "speech"  # no cue: nothing says the source did anything but speak
    words = WORD.findall(ascii_lower(cue))
    if not words:
        return "speech"  # a colon or a dash between the source and its words: 'Trump: "…"'
    for position, word in enumerate(words):
        following = words[position + 1 : position + 4]
        if word in _MAKE and "clear" in following:
            return "speech"  # "made it clear", "has so far made clear"
        if word == "known" and following[:1] in (["as"], ["for"]):
            return "other"  # a name or a reputation, not knowledge: "the program, known as the CEPP"
        if word == "determined" and following[:1] == ["to"]:
            return "intention"  # "is determined to win"; "the evaluation has determined" is a finding
        if (kind := _KIND_OF_WORD.get(word)) is not None:
            return kind
    # Words no list knows ("continued", "relayed the story about"): speech, the kind most cues are. Taking them for
    # acts dropped one true statement in ten on the labelled news (docs/results/attribution.md).
    return "speech"
