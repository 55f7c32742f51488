from collections import Counter

from narratrace.stories.summary import KEY_ENTITIES, key_entities, looks_like_a_name


def test_spans_a_title_misleads_the_model_into_are_not_shown_as_names() -> None:
    for name in ("white helmets", "garrett marquis", "verge's stadia", "al-nusra front", "us-china"):
        assert looks_like_a_name(name), name
    for span in (
        "stadia gaming platform are",  # Title Case headline read as one name
        "home depot stock is falling after its earnings release",
        "future of apple innovation is backwards",
        "cnn business)a",  # across markup
        "",
    ):
        assert not looks_like_a_name(span), span


def test_key_entities_are_the_most_mentioned_names_first_mentioned_first_among_ties() -> None:
    counts = Counter({"syria": 3, "stadia gaming platform are": 3, "white helmets": 3, "idlib": 1})
    assert key_entities(counts) == ("syria", "white helmets", "idlib")
    many = Counter({f"name {n}": 1 for n in range(20)})
    assert key_entities(many) == tuple(f"name {n}" for n in range(KEY_ENTITIES))
