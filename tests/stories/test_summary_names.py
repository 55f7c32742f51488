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
        "press tv - members",  # a dateline run into the first words
        "n't",  # the model's piece of "don't"
        "",
    ):
        assert not looks_like_a_name(span), span


def test_key_entities_are_the_most_mentioned_names_first_mentioned_first_among_ties() -> None:
    counts = Counter({"syria": 3, "stadia gaming platform are": 3, "white helmets": 3, "idlib": 1})
    assert key_entities(counts) == ("syria", "white helmets", "idlib")
    many = Counter({f"name {n}": 1 for n in range(20)})
    assert key_entities(many) == tuple(f"name {n}" for n in range(KEY_ENTITIES))


def test_entities_are_read_without_a_title_case_headline_and_not_from_other_languages() -> None:
    from narratrace.clean import clean_article
    from narratrace.ingest.article import Article
    from narratrace.stories.features import entity_text, extract_entities

    body = "Google launched Stadia on Tuesday. Reviewers at The Verge said the service works in Chrome. " * 3
    titled = clean_article(
        Article.from_content(body, title="The Early Reviews For Google's Stadia Gaming Platform Are Here")
    )
    assert not entity_text(titled, 500).startswith("The Early Reviews")
    [found] = extract_entities([entity_text(titled, 500)])
    names = [name for name, _ in found]
    assert "google" in names and "stadia" in names
    assert not any("reviews for" in name or "platform are" in name for name in names)
    subheaded = clean_article(Article.from_content("Apple Ships The MacBook Pro Now\n" + body, title="Apple ships"))
    assert "Apple Ships The MacBook Pro Now" not in entity_text(subheaded, 500)
    assert "Google launched Stadia" in entity_text(subheaded, 500)
    plain = clean_article(Article.from_content(body, title="Google's Stadia gets mixed early reviews"))
    assert entity_text(plain, 500).startswith("Google's Stadia gets mixed early reviews.")
    indonesian = (
        "Jangan membenci satu kaum secara berlebihan, karena kita bisa memahami dan mengamalkan ajaran "
        "dengan baik. Sejarah mencatat banyak hal yang membuat orang saling membenci tanpa alasan yang jelas, "
        "padahal mereka hidup berdampingan di kota yang sama selama bertahun-tahun lamanya."
    )
    assert entity_text(clean_article(Article.from_content(indonesian, title="Jangan Membenci Satu Kaum")), 500) == ""


def test_headlines_in_title_case_are_told_from_headlines_naming_names() -> None:
    from narratrace.stories.features import in_title_case

    for headline in (
        "Syria Accuses US of Plotting a Chemical Attack",
        "Home Depot Stock Is Falling After Its Earnings Release. Why You Shouldn’t Worry.",
    ):
        assert in_title_case(headline), headline
    for headline in (
        "Kristi Noem defends South Dakota meth ad",
        "Joe Biden, Xi Jinping talk trade",
        "Nadal keeps Spain alive against Russia in Davis Cup Finals",
        "Trump wins",
        "",
    ):
        assert not in_title_case(headline), headline


def test_a_name_used_alone_is_listed_once_with_the_longer_name_ending_in_it() -> None:
    counts = Counter({"biden": 4, "joe biden": 3, "house": 3, "white house": 2, "smith": 2, "ann smith": 1})
    counts.update({"bob smith": 1, "putin": 1, "hunter biden": 1})
    # "biden" joins Joe Biden, named in 3 of the 4 mentions of longer Bidens; two equal Smiths leave "smith" alone.
    expected = ("joe biden", "house", "white house", "smith", "ann smith", "bob smith", "putin", "hunter biden")
    assert key_entities(counts) == expected
    assert "hunter biden" in key_entities(Counter({"hunter biden": 9, "biden": 1}))


def test_key_entities_are_shown_as_most_articles_write_them() -> None:
    from narratrace.stories.summary import shown_name

    counts = Counter({"joe biden": 3, "biden": 2, "us": 2, "washington": 1, "nato": 1, "reuters": 1})
    written = {
        "joe biden": Counter({"Joe Biden": 3}),
        "us": Counter({"US": 1, "U.S.": 1}),  # a tie: the first written
        "washington": Counter({"WASHINGTON": 2, "Washington": 1}),  # a dateline's capitals lose to the name
        "nato": Counter({"NATO": 1}),
    }
    # "biden" is counted with Joe Biden and shown as written; "reuters" has no written form kept: normalised.
    assert key_entities(counts, written) == ("Joe Biden", "US", "Washington", "NATO", "reuters")
    assert shown_name("cnn", Counter({"CNN": 2, "Cnn": 1})) == "CNN"  # short capitals are the name itself
    assert shown_name("agency", None) == "agency"


def test_written_entities_drop_articles_quotes_and_possessives_but_keep_case() -> None:
    from narratrace.stories.features import normalise_entity, written_entity

    for text, shown in (
        ("the ‘White Helmets’", "White Helmets"),
        ("The U.S.", "U.S."),
        ("Joe  Biden’s", "Joe Biden"),
        ("’s GOP", "GOP"),
    ):
        assert written_entity(text) == shown, text
        assert normalise_entity(text) == normalise_entity(shown)


def test_variants_plurals_and_shorter_names_of_one_actor_are_listed_once() -> None:
    counts = Counter({"us": 5, "united states": 3, "america": 1, "americans": 2, "american": 3})
    counts.update({"census bureau": 1, "us census bureau": 2, "republicans": 1, "republican": 1, "texas": 1})
    # The variants of the US count under "us" (most mentioned), the plural under "american", "census bureau" under
    # the longer name; "republican" and "republicans" tie, so the first mentioned stays.
    assert key_entities(counts) == ("us", "american", "us census bureau", "republicans", "texas")
    written = {"us": Counter({"U.S.": 4, "US": 1}), "us census bureau": Counter({"U.S. Census Bureau": 2})}
    assert key_entities(counts, written)[:3] == ("U.S.", "american", "U.S. Census Bureau")


def test_an_acronym_and_a_middle_initial_do_not_list_one_actor_twice() -> None:
    counts = Counter(
        {
            "fda": 5,
            "food and drug administration": 4,
            "cdc": 3,
            "centers for disease control and prevention": 2,
            "janet yellen": 3,
            "janet l yellen": 2,
            "who": 2,  # "the panel, who ..." written in lower case is no acronym
            "pfizer": 1,
            "world health organization": 1,
            "hhs": 1,
            "department of health and human services": 1,
            "health and human services": 1,
            "us centers for disease control and prevention": 1,
        }
    )
    written = {
        "fda": Counter({"FDA": 5}),
        "cdc": Counter({"CDC": 3}),
        "janet l yellen": Counter({"Janet L. Yellen": 2}),
        "janet yellen": Counter({"Janet Yellen": 3}),
        "who": Counter({"who": 2}),
        "hhs": Counter({"HHS": 1}),
    }
    assert key_entities(counts, written) == (
        "FDA",
        "CDC",
        "Janet Yellen",
        "department of health and human services",  # more mentioned than "HHS" once the shorter name joined it
        "who",
        "pfizer",
        "world health organization",
    )
