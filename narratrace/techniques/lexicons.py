"""Cue-word lexicons written for this project (lower-case words or short phrases).

They are cues, not rules: each becomes a feature the learned model may weigh or ignore. They describe
how techniques are usually worded in English news, independent of any one article.
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """Whitespace-separated words as a set (keeps the lists below compact and readable)."""
    return frozenset(text.split())


LEXICONS: dict[str, frozenset[str]] = {
    "loaded": word_set(
        "brutal horrific horrifying outrageous disgraceful shocking shameful evil vicious devastating radical "
        "extremist corrupt corruption scandal scandalous disaster disastrous catastrophic slaughter massacre "
        "atrocity atrocities savage barbaric heinous insane absurd ridiculous pathetic terrible horrible "
        "despicable disgusting notorious infamous so-called regime thugs mob lies hoax sham fake rigged "
        "witch-hunt destroy destroyed crush crushed flood swarm tyranny tyrant tyrannical dictator puppet "
        "globalist elites treason treasonous traitor traitors outrage outraged furious vile wicked sinister "
        "nefarious diabolical monstrous grotesque hysterical hysteria frenzy rampant plot scheme cabal "
        "collusion propaganda brainwashed brainwash disgrace hateful hatred bloody bloodthirsty ruthless "
        "reckless cowardly coward cowards deranged unhinged lunatic stunning bombshell explosive slam slams "
        "slammed blast blasts blasted rip rips ripped smear smears unleash unleashed"
    ),
    "name_calling": word_set(
        "idiot idiots moron morons fool fools clown clowns liar liars traitor traitors thug thugs terrorist "
        "terrorists extremist extremists radicals leftist leftists liberals commie communist communists "
        "socialist socialists fascist fascists nazi nazis racist racists bigot bigots snowflake snowflakes "
        "puppet puppets crooked sleazy lunatic lunatics psychopath criminal criminals jihadist jihadists "
        "islamist islamists globalist globalists establishment deep-state crony cronies shill shills hack "
        "hacks demagogue tyrant dictator zealot zealots militant militants regime junta warmonger warmongers "
        "neocon neocons mainstream msm elitist elitists apologist apologists so-called notorious infamous "
        "self-proclaimed self-styled"
    )
    | frozenset({"deep state", "fake news", "mainstream media", "so called", "useful idiot", "enemy of the people"}),
    "doubt": word_set(
        "allegedly alleged supposedly so-called claim claims claimed claiming questionable dubious doubt "
        "doubts doubtful unclear unproven unsubstantiated whether suspicious suspect suspects purported "
        "purportedly apparently skeptical sceptical convenient conveniently mysterious mysteriously "
        "coincidence questions credibility really truth"
    )
    | frozenset({"how can", "why would", "is it possible", "no evidence", "did not provide"}),
    "fear": word_set(
        "threat threats threaten threatens danger dangerous fear fears afraid terror terrorism attack attacks "
        "kill killed killing deadly die destroy destruction collapse chaos invade invasion catastrophe "
        "disaster crisis risk warn warns warning bomb war nuclear violence violent epidemic outbreak plague "
        "victims horror nightmare menace doom apocalypse annihilation extinction"
    ),
    "flag_waving": word_set(
        "nation national nationalism patriot patriotic patriots america american americans country homeland "
        "flag sovereignty freedom freedoms liberty constitution heritage values proud pride duty sacred "
        "motherland fatherland citizens borders fellow"
    )
    | frozenset({"our country", "our nation", "our people", "our values", "we the people", "god bless"}),
    "authority": word_set(
        "said says according expert experts scientist scientists professor dr official officials study "
        "studies report research stated confirmed pope president agency institute university analysts analyst "
        "spokesman spokeswoman source sources testified"
    ),
    "causal": word_set(
        "because therefore thus hence consequently caused causes cause led leads due since blame blamed "
        "responsible reason result resulted"
    ),
    "black_white": word_set("either only must choice nothing everything anyone everyone never always unless or")
    | frozenset({"no other", "the only", "there is no", "you are either", "with us"}),
    "bandwagon_hitler": word_set(
        "everyone everybody majority millions nazi nazis hitler fascist fascism stalin soviet kkk gestapo "
        "holocaust nazism"
    ),
    "exaggeration": word_set(
        "never ever every best worst greatest biggest most least entire totally completely absolutely huge "
        "enormous massive unprecedented merely simply tiny minor extremely incredibly utterly literally "
        "thousands millions countless"
    ),
    "cliche_slogan": frozenset(
        {
            "enough is enough",
            "time will tell",
            "it is what it is",
            "at the end of the day",
            "the bottom line",
            "make america great again",
            "drain the swamp",
            "lock her up",
            "build the wall",
            "never again",
            "never forget",
            "wake up",
            "the truth",
            "end of story",
            "period",
            "let that sink in",
            "you can't make this up",
            "nothing to see here",
            "america first",
            "stay strong",
        }
    ),
    "whataboutism": word_set("hypocrisy hypocrite hypocrites hypocritical meanwhile whereas instead")
    | frozenset({"what about", "double standard", "double standards", "but what", "and yet"}),
}

LEXICON_NAMES: tuple[str, ...] = tuple(LEXICONS)
MAX_PHRASE_WORDS = max(len(p.split()) for lexicon in LEXICONS.values() for p in lexicon)
