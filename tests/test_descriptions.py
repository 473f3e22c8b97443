"""Descriptions that stand for a name ("the Australian miner", "the Gulf state") become
mentions of the entity they stand for (invented sentences and firms)."""

from __future__ import annotations

from minegraph.loaders.descriptions import resolve_descriptions
from minegraph.loaders.documents import Document
from minegraph.loaders.extract import document_context, extract_graph


def doc(text: str) -> Document:
    return Document(id="d", path="d.txt", text=text, sha256="d", published="2025-03-04")


def described(text: str, countries: bool = False) -> list[tuple[str, str]]:
    """(description, entity key) of every mention the step added: its text is not a name. The
    build resolves firms; ``countries`` asks for countries' descriptions too."""
    ctx = document_context(doc(text))
    if countries:
        resolve_descriptions(ctx.sentences, ctx.found, ctx.registry, text, kinds=("country",))
    out = []
    for sm in ctx.found:
        for m in sm.mentions:
            e = ctx.registry.entities.get(m.entity) if m.entity else None
            if e is not None and m.kind in ("company", "name") and m.text not in e.forms() and m.text[-1:].islower():
                if m.text.split()[-1] in ("miner", "company", "firm", "conglomerate", "state", "kingdom", "country"):
                    out.append((m.text, m.entity))
    return out


def test_a_firm_described_by_its_nationality_is_the_firm_named_with_it():
    text = (
        "Kestrel Lithium, an Australian miner, opened an office in Lima on Monday. "
        "The Australian miner said it would hire 40 geologists."
    )
    assert described(text) == [("miner", "Company:kestrel-lithium")]  # "Australian" stays a mention


def test_a_nationality_that_does_not_agree_leaves_the_description():
    text = "Kestrel Lithium, an Australian miner, opened an office in Lima. The Chilean miner said it would hire staff."
    assert described(text) == []


def test_the_region_picks_the_country_among_those_just_named():
    text = "Chile and Qatar met in Doha on Tuesday. The Gulf state will fund a copper smelter."
    assert described(text, countries=True) == [("Gulf state", "country:qa")]


def test_a_state_owned_firm_is_the_one_said_to_be_so():
    text = (
        "Rosa Mining and state-owned Qorvia Metals bid for the licence. "
        "The state-owned company said the bid was its largest."
    )
    assert described(text) == [("state-owned company", "Company:qorvia-metals")]


def test_two_firms_equally_recent_leave_it_ambiguous():
    text = "Rosa Mining and Kestrel Lithium bid for the licence. The company said the bid was its largest."
    assert described(text) == []


def test_generic_and_introducing_uses_are_not_resolved():
    # "a miner", "miners" and a description naming a new firm are not references back
    text = (
        "Kestrel Lithium opened an office in Lima. A miner from the region said miners in Peru would follow. "
        "The miner Rosa Vale also opened one."
    )
    ctx = document_context(doc(text))
    assert described(text) == []
    assert any(e.name == "Rosa Vale" for e in ctx.registry.entities.values())


def test_no_firm_named_leaves_the_company_alone():
    assert described("The company's shares rose 4% in Sydney. The miner said output would rise.") == []


def test_a_firm_named_long_before_is_not_what_the_description_stands_for():
    text = (
        "Kestrel Lithium opened an office in Lima. Copper prices rose in March. "
        "Analysts expect more rises in April. The company said it would hire staff."
    )
    assert described(text) == []


def test_a_bare_country_is_the_articles_country_not_any_one_named_last():
    # the article is about Chile: "the country" right after Peru's minister is Chile, not Peru,
    # and a description that cannot be told is left alone
    text = (
        "Chile plans a lithium law. Chile's president spoke on Monday. Peru's minister visited Santiago. "
        "The country will nationalise its lithium industry."
    )
    assert described(text, countries=True) == []
    text = "Chile plans a lithium law. The country will nationalise its lithium industry."
    assert described(text, countries=True) == [("country", "country:cl")]
    # "the country's miners" are its own people, not the country acting
    assert described("Chile plans a lithium law. The country's miners oppose it.", countries=True) == []


def test_the_two_countries_are_not_this_steps():
    text = "Chile and Peru met in Lima. The two countries signed a copper pact."
    assert described(text, countries=True) == []


def test_the_kingdom_is_a_kingdom_named_with_an_adjective():
    # Jordan is a kingdom too, but the sentence before speaks of the Saudi economy
    text = (
        'Oman and Jordan held talks with Saudi officials. "The Saudi economy grows," he said. '
        "The kingdom holds gold."
    )
    assert described(text, countries=True) == [("kingdom", "country:sa")]


def test_the_rules_read_a_description_as_the_name():
    text = (
        "Kestrel Lithium is an Australian miner listed in Sydney. "
        "The Australian miner signed an offtake agreement with Rosa Motors on Monday."
    )
    g = extract_graph(doc(text))
    agreements = [n.id for n in g.by_label("Agreement")]
    parties = {s for (s, t, k) in g.relationships if t == "PARTY_TO" and k in agreements}
    assert "company:kestrel-lithium" in parties
    assert "country:au" not in parties  # the adjective describes the firm


def test_a_description_reaches_back_across_a_paragraph_unless_a_name_it_cannot_read_is_nearer():
    # news writes paragraphs a sentence long: the firm of the paragraph before is the company
    assert described("Kestrel Lithium opened an office in Lima.\n\nThe company said it would hire staff.") == [
        ("company", "Company:kestrel-lithium")
    ]
    assert described("Kestrel Lithium opened an office in Lima. The company said it would hire staff.") == [
        ("company", "Company:kestrel-lithium")
    ]
    # "Varro" is a name the scan could not read (a firm's short name, perhaps): nearer than Kestrel
    text = "Kestrel Lithium opened an office in Lima.\n\nVarro chairman Ian Pole said the company would hire staff."
    assert described(text) == []
    # within the paragraph, as before, the sentence before is read past it
    text = "Kestrel Lithium opened an office in Lima. Varro chairman Ian Pole said the company would hire staff."
    assert described(text) == [("company", "Company:kestrel-lithium")]


def venture_mentions(text: str) -> list[tuple[str, str]]:
    ctx = document_context(doc(text))
    return [(m.text, m.entity) for sm in ctx.found for m in sm.mentions if m.text.endswith("venture")]


def test_the_venture_is_the_firm_the_article_named_as_the_venture():
    text = (
        "Rosa Mining and Kestrel Lithium formed a joint venture, Andes Brine Partners, to build a plant. "
        "Rosa Mining will hold 60% of the joint venture.\n\n"
        "Tokai Trading signed an offtake agreement with the venture on Monday."
    )
    key = "Company:andes-brine-partners"
    assert venture_mentions(text) == [("joint venture", key), ("venture", key)]
    # no firm named as the venture, or two: left alone
    unnamed = "Rosa Mining and Kestrel Lithium formed a joint venture. Rosa will hold 60% of the venture."
    assert venture_mentions(unnamed) == []
    two = (
        "Rosa Mining formed a joint venture, Andes Brine Partners, with Kestrel Lithium. Tokai Trading formed "
        "a joint venture, Pampa Salt Works Ltd, with Varro Metals. Rosa Mining will hold 60% of the venture."
    )
    assert venture_mentions(two) == []


def test_the_head_word_gate_lets_every_head_through():
    """The substring gate before the scan for descriptions never hides a head the scan would find:
    each head of each kind, in any case, and a head written with a character the case-blind scan
    folds to an ASCII letter (a dotless i)."""
    from minegraph.loaders.descriptions import _lexicon, _may_describe

    lex = _lexicon()
    for head, kind in lex.kind.items():
        for form in (head, head.upper(), head.title()):
            text = f"Later the {form} said it would expand."
            assert lex.heads.search(text), form
            assert _may_describe(text, (kind,), lex), form
    assert not _may_describe("Ruritania said on Monday it would expand.", ("company",), lex)
    dotless = "Later the m\u0131ner said it would expand."
    assert lex.heads.search(dotless) and _may_describe(dotless, ("company",), lex)


def test_the_term_a_release_defines_for_its_firm_is_that_firm_wherever_it_stands():
    text = (
        'PERTH: Kestrel Metals Limited (ASX: KML) ("Kestrel" or "the Company") announced an offtake with Orion '
        'Trading Corporation ("Orion") for tin.\nOrion will sell the tin to smelters in Japan.\n'
        "Separately, the Company has signed a memorandum of understanding with Lakeshore Alloys Inc on zinc."
    )
    g = extract_graph(doc(text))
    partners = {frozenset((r.source, r.target)) for r in g.relationships.values() if r.type == "COOPERATES_WITH"}
    assert frozenset(("company:kestrel-metals-limited", "company:lakeshore-alloys-inc")) in partners
    assert not any("country:jp" in p for p in partners)


def test_the_heads_pattern_matches_as_the_plain_case_free_one():
    """The heads open with a class of their first letters (a search skips to them): the same
    heads, possessives and positions as a leading \\b and the pattern compiled ignoring case."""
    import re

    from minegraph.loaders.descriptions import _lexicon
    from minegraph.loaders.gazetteer import alternation

    lex = _lexicon()
    assert lex.heads.pattern.startswith("([^")
    heads = alternation(lex.kind, ignorecase=True, space=r"\s+")
    plain = re.compile(rf"\b({heads})(?![\w-])([’']s\b)?", re.I)
    text = ("The MINER said the battery  maker's plant, a carmaker-led group and the Company's "
            "chipmakers; the miners' union, the Kestrel firm’s output and a re-miner.")
    assert [m.groups() + m.span() for m in lex.heads.finditer(text)] == [
        m.groups() + m.span() for m in plain.finditer(text)]
    for pos in range(len(text)):
        a, b = lex.heads.match(text, pos), plain.match(text, pos)
        assert (a and a.groups() + a.span()) == (b and b.groups() + b.span())
