"""The 14 techniques of SemEval-2020 Task 11, with definitions and examples written for this project
(the report shows them as a legend)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Technique:
    """One propaganda technique: its PTC label, a human-readable title, a definition and an example."""

    name: str
    title: str
    definition: str
    example: str


TECHNIQUES: tuple[Technique, ...] = (
    Technique(
        "Appeal_to_Authority",
        "Appeal to authority",
        "Presents a claim as true because an expert, official or famous figure backs it, instead of giving evidence.",
        "Top scientists agree the plan is flawless, so there is nothing left to discuss.",
    ),
    Technique(
        "Appeal_to_fear-prejudice",
        "Appeal to fear or prejudice",
        "Builds support by stirring up anxiety, panic or hostility towards a group or an alternative.",
        "If this bill passes, criminals will be roaming every street in your town.",
    ),
    Technique(
        "Bandwagon,Reductio_ad_hitlerum",
        "Bandwagon / Reductio ad Hitlerum",
        "Urges agreement because 'everyone' does it, or rejects an idea because a hated group supports it.",
        "Millions have already switched, so why are you still waiting? / Only dictators ever liked this policy.",
    ),
    Technique(
        "Black-and-White_Fallacy",
        "Black-and-white fallacy",
        "Offers two options as the only possibilities when more exist.",
        "You either back the new law or you want the country to fail.",
    ),
    Technique(
        "Causal_Oversimplification",
        "Causal oversimplification",
        "Blames a complex issue on a single cause.",
        "Prices went up last year only because of the new mayor.",
    ),
    Technique(
        "Doubt",
        "Doubt",
        "Questions the credibility of someone or something without substantiating the doubt.",
        "Can we really trust a report written by people who were paid for it?",
    ),
    Technique(
        "Exaggeration,Minimisation",
        "Exaggeration / minimisation",
        "Makes something look far bigger, better or worse than it is, or downplays it.",
        "This is the greatest betrayal in the history of the world. / It was just a small accounting slip.",
    ),
    Technique(
        "Flag-Waving",
        "Flag-waving",
        "Justifies an idea by appeal to patriotism or group identity.",
        "Every true patriot who loves this nation will support our soldiers' mission.",
    ),
    Technique(
        "Loaded_Language",
        "Loaded language",
        "Uses words with strong emotional connotations to sway the reader.",
        "The council's shameful, reckless scheme will devastate families.",
    ),
    Technique(
        "Name_Calling,Labeling",
        "Name calling / labelling",
        "Attaches a label the audience loves, fears or despises to a person or group.",
        "The so-called experts and their puppet mayor ignored us again.",
    ),
    Technique(
        "Repetition",
        "Repetition",
        "Repeats the same message or phrase over and over so that it sticks.",
        "Secure the harbour. We must secure the harbour. Only one task matters: secure the harbour.",
    ),
    Technique(
        "Slogans",
        "Slogans",
        "A short, striking phrase that works as a rallying cry, often with labelling or stereotypes.",
        "Our streets, our rules!",
    ),
    Technique(
        "Thought-terminating_Cliches",
        "Thought-terminating cliché",
        "A stock phrase that discourages further thinking or discussion.",
        "Rules are rules, end of discussion.",
    ),
    Technique(
        "Whataboutism,Straw_Men,Red_Herring",
        "Whataboutism / straw man / red herring",
        "Deflects criticism by pointing at the opponent's failings, distorting their view, or changing the subject.",
        "Why complain about our budget when the other party wasted far more ten years ago?",
    ),
)

TECHNIQUE_NAMES: tuple[str, ...] = tuple(t.name for t in TECHNIQUES)
