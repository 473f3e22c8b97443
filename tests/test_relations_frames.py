"""Frames (one agreement or meeting with its anchors and roles) and the learned scorer."""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from minegraph.loaders.documents import Document
from minegraph.loaders.extract import document_context, extract_graph
from minegraph.loaders.relations.candidates import Candidate
from minegraph.loaders.relations.frames import agreement_frames
from minegraph.loaders.relations.scorer import model_from_json, shipped_model

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "eval" / "train"


def _doc(text: str) -> Document:
    return Document("t", "t.txt", text, "0" * 64)


def _parties(graph) -> dict[str, set[str]]:
    got: dict[str, set[str]] = {}
    for r in graph.edges("PARTY_TO"):
        got.setdefault(r.target, set()).add(r.source)
    return got


def test_a_later_mention_refers_back_to_the_frame():
    ctx = document_context(
        _doc("Kenya and Japan signed an MoU on Tuesday in Nairobi.\nThe MoU covers lithium and nickel.")
    )
    [frame] = agreement_frames(ctx)
    assert [a.definite for a in frame.anchors] == [False, True]
    assert [a.sent for a in frame.anchors] == [0, 1]


def test_an_indefinite_article_nearer_the_word_than_a_determiner_opens_a_frame():
    # "in the same week, a deal ...": "the" belongs to "the same week", the deal is a new one
    ctx = document_context(
        _doc(
            "Kenya and Japan signed a copper deal on Tuesday in Nairobi.\n"
            "In the same week, a deal to look for graphite was signed by Kenya."
        )
    )
    frames = agreement_frames(ctx)
    assert len(frames) == 2
    assert [a.definite for f in frames for a in f.anchors] == [False, False]


def test_two_agreement_words_of_one_compound_are_one_frame():
    ctx = document_context(
        _doc("Kenya signed a framework agreement with Japan on Tuesday.\nThe agreement covers lithium and nickel.")
    )
    [frame] = agreement_frames(ctx)
    assert [a.sent for a in frame.anchors] == [0, 0, 1]


def test_a_batch_of_agreements_joined_by_and_stays_apart():
    ctx = document_context(_doc("Kenya signed a loan and an offtake agreement with Japan on Tuesday."))
    assert len(agreement_frames(ctx)) == 2


def test_similar_agreements_in_one_article_keep_their_own_parties():
    g = extract_graph(
        _doc(
            "Ghana signed a memorandum of understanding with Peru on lithium on Monday.\n"
            "On Tuesday, Ghana also signed an agreement with Chile on cobalt mining."
        )
    )
    parties = sorted(sorted(p) for p in _parties(g).values())
    assert parties == [["country:cl", "country:gh"], ["country:gh", "country:pe"]]


def test_the_tree_weights_give_the_probability_they_encode():
    tree = {
        "feature": [0, -2, -2],
        "threshold": [0.5, -2.0, -2.0],
        "left": [1, -1, -1],
        "right": [2, -1, -1],
        "value": [0.0, -1.0, 2.0],
        "depth": 1,
    }
    data = {
        "groups": {
            "party": {
                "features": ["between"],
                "init": 0.5,
                "rate": 0.1,
                "threshold": 0.6,
                "rule_threshold": 0.0,
                "trees": [tree, tree],
            }
        }
    }
    model = model_from_json(data)
    yes = Candidate("party", "a", "b", "PARTY_TO", feats={"between": 1.0})
    no = Candidate("party", "a", "b", "PARTY_TO", feats={})
    probs = model.groups["party"].probabilities([yes, no])
    assert probs[0] == pytest.approx(1 / (1 + math.exp(-(0.5 + 0.1 * 4))))
    assert probs[1] == pytest.approx(1 / (1 + math.exp(-(0.5 - 0.1 * 2))))
    assert model.decide([yes, no]) == [True, False]
    no.rule = True  # a rule's link is kept unless the weights fall under the rule threshold
    assert model.decide([no])[0]


def test_linear_weights_give_the_probability_they_encode():
    data = {
        "groups": {
            "works": {"features": ["gap_of", "between"], "init": -1.0, "coef": [3.0, -0.5], "threshold": 0.5},
            "party": {"features": ["between"], "init": 0.0, "coef": [2.0], "threshold": 0.9, "rule_threshold": 0.0},
        }
    }
    model = model_from_json(data)
    of = Candidate("works", "a", "b", "WORKS_FOR", feats={"gap_of": 1.0, "between": 2.0, "unknown": 5.0})
    bare = Candidate("works", "a", "b", "WORKS_FOR", feats={"between": 1.0})
    ruled = Candidate("party", "a", "b", "PARTY_TO", feats={}, rule=True)
    assert model.decide([of, bare, ruled]) == [True, False, True]
    assert of.feats["_p"] == pytest.approx(1 / (1 + math.exp(-(-1.0 + 3.0 - 1.0))))
    assert bare.feats["_p"] == pytest.approx(1 / (1 + math.exp(1.5)))
    vetoed = Candidate("works", "a", "b", "WORKS_FOR", feats={"gap_of": 1.0}, veto=True)
    assert model.decide([vetoed]) == [False]


def test_the_shipped_weights_decide_the_groups_they_improve():
    # a group ships weights only when they add to its rules in cross-validation: the agreement
    # roles always do (no rule reads most agreements' parties)
    groups = shipped_model().groups
    assert {"party", "covers"} <= set(groups) <= {"party", "covers", "event", "works", "based", "actors", "resource"}
    for g in groups.values():
        assert 0 < g.threshold < 1 and (g.coef is not None or len(g.roots) > 0)


@pytest.mark.skipif(not TRAIN.is_dir(), reason="needs ../shared/eval/train")
def test_the_fitting_script_writes_the_shipped_weights_and_the_extractor_loads_them(tmp_path):
    # --no-cv refits the weights of the groups, at the thresholds, the shipped file has (the last
    # cross-validation's choice): on the same corpus it must write the shipped file again, byte for
    # byte; a feature changed without a refit, or weights edited by hand, fail here
    pytest.importorskip("sklearn")
    shipped = ROOT / "loaders" / "relations" / "relation_model.json"
    out = tmp_path / "model.json"
    out.write_bytes(shipped.read_bytes())
    run = subprocess.run(
        [sys.executable, "-m", "bench.fit_relations", str(TRAIN), "--no-cv", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    assert "train (in-sample" in run.stdout
    assert out.read_bytes() == shipped.read_bytes(), "relation_model.json is not what bench.fit_relations fits now"
    data = json.loads(out.read_text())
    model = model_from_json(data)
    assert {"party", "works"} <= set(model.groups)
    g = extract_graph(_doc("Ghana signed a memorandum of understanding with Peru on lithium on Monday."), model)
    assert _parties(g) and all(p == {"country:gh", "country:pe"} for p in _parties(g).values())


@pytest.mark.skipif(not TRAIN.is_dir(), reason="needs ../shared/eval/train")
def test_refitting_without_cross_validation_needs_a_model_to_keep_the_choices_of(tmp_path):
    pytest.importorskip("sklearn")
    run = subprocess.run(
        [sys.executable, "-m", "bench.fit_relations", str(TRAIN), "--no-cv", "--out", str(tmp_path / "none.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 1
    assert run.stderr.strip().startswith("Error: --no-cv keeps the groups and thresholds")
    assert not (tmp_path / "none.json").exists()


def test_partners_named_in_two_sentences_cooperate_with_the_agreement_sentence_as_evidence():
    # the two parties never share a sentence: their cooperation comes from the agreement they share,
    # and its evidence is the sentence of that agreement, never an empty one (a csv export could not
    # tell an empty sentence from none, so the stores would differ)
    graph = extract_graph(
        _doc(
            "Kenya signed a memorandum of understanding on lithium with a partner on Monday. "
            "The other signatory of the MoU was Japan, officials said."
        )
    )
    [coop] = graph.edges("COOPERATES_WITH")
    assert {coop.source, coop.target} == {"country:ke", "country:jp"}
    assert coop.props["evidence"] == ["Kenya signed a memorandum of understanding on lithium with a partner on Monday."]
    assert all(s for r in graph.relationships.values() for s in r.props.get("evidence", []))


def test_a_link_read_without_a_sentence_has_no_empty_evidence():
    from minegraph.loaders.relations.context import Out

    out = Out()
    out.add("country:ke", "COOPERATES_WITH", "country:jp", 0.7, "")
    out.add("country:ke", "COOPERATES_WITH", "country:jp", 0.8, "Kenya and Japan work together.")
    [rel] = out.rels.values()
    assert rel.evidence == ["Kenya and Japan work together."] and rel.confidence == 0.8


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ruritania Mining Corp. announced a $500 million investment in Zenith Lithium Ltd on Monday.", "investment"),
        ("Kestrel Metals Inc. completed the acquisition of Borealis Nickel Ltd, the company said.", "acquisition"),
    ],
)
def test_a_deal_told_by_what_it_does_is_an_agreement_of_both_firms(text, kind):
    graph = extract_graph(_doc(text))
    [(key, parties)] = _parties(graph).items()
    assert graph.nodes[key].props["kind"] == kind and len(parties) == 2
    # the two cooperate, once
    [coop] = graph.edges("COOPERATES_WITH")
    assert {coop.source, coop.target} == parties


def test_an_investment_without_a_counterpart_is_no_agreement():
    graph = extract_graph(_doc("Investment in the sector rose by a third last year, the ministry said."))
    assert not graph.by_label("Agreement")


def test_a_plural_head_before_its_complement_is_one_agreement_per_counterpart():
    graph = extract_graph(
        _doc("Canada signed memorandums of understanding on critical minerals with Kenya, Peru and Chile on Tuesday.")
    )
    parties = sorted(tuple(sorted(p)) for p in _parties(graph).values())
    assert parties == sorted(tuple(sorted(("country:ca", c))) for c in ("country:cl", "country:ke", "country:pe"))


def _candidates(text: str) -> list[Candidate]:
    from minegraph.loaders.relations import extract_relations

    got: list[Candidate] = []
    extract_relations(document_context(_doc(text)), None, got)
    return got


def test_a_body_named_as_where_something_took_place_is_no_partner_of_those_there():
    [c] = [
        c
        for c in _candidates(
            "The talks were held at the Ruritanian Trade Agency, with envoys of the Borduria Development Bank"
            " attending."
        )
        if c.group == "actors"
    ]
    assert c.veto and (c.feats.get("b_placed") or c.feats.get("a_placed"))
    [c] = [
        c
        for c in _candidates("The Ruritanian Trade Agency signed a loan with the Borduria Development Bank.")
        if c.group == "actors"
    ]
    assert not c.veto


def test_a_person_s_own_visit_is_not_the_meeting_the_sentence_names():
    text = (
        "The Lithium Dialogue 2031 opened in Nairobi on Monday.\n"
        "At the dialogue, talks turned to supply chains, which President Ana Ruiz's recent visit"
        " to Kenya had put first."
    )
    [c] = [c for c in _candidates(text) if c.group == "event" and c.source.startswith("Person:")]
    assert c.veto and c.feats.get("own_visit")
    text = "President Ana Ruiz's visit to the Lithium Dialogue 2031 in Nairobi drew wide attention."
    [c] = [c for c in _candidates(text) if c.group == "event" and c.source.startswith("Person:")]
    assert not c.feats.get("own_visit")


def test_an_actor_in_another_agreement_s_clause_is_not_a_party_of_this_one():
    cands = _candidates(
        "Chile held a mining forum in Santiago on Monday.\n"
        "Chile hopes to sign an MOU with Peru during the forum, and Ghana is drafting a joint project"
        " on seabed surveys."
    )
    mou = {c.source: c for c in cands if c.group == "party" and c.feats.get("kind_mou")}
    assert mou["country:gh"].veto and mou["country:gh"].feats.get("other_frame_clause")
    assert not mou["country:pe"].veto


def test_a_firm_described_as_a_joint_venture_is_not_a_party_of_it():
    g = extract_graph(
        _doc(
            "The mine is run by Kestrel Energy, a joint venture between Northwind Metals and the"
            " state-owned company Borealis Uranium."
        )
    )
    assert sorted(sorted(p) for p in _parties(g).values()) == [["company:borealis-uranium", "company:northwind-metals"]]


def test_a_filter_at_one_mention_does_not_veto_a_party_named_plainly_at_another():
    from minegraph.loaders.relations import Out
    from minegraph.loaders.relations.candidates import agreement_candidates

    ctx = document_context(
        _doc(
            "Kenya and Japan signed a memorandum of understanding on battery metals.\n"
            '"The MoU will help Kenya grow," an official said.\n'
            "The MoU was welcomed in Kenya."
        )
    )
    frames = agreement_frames(ctx)
    cands = {c.source: c for c in agreement_candidates(ctx, frames, Out()) if c.group == "party"}
    assert cands["country:ke"].feats.get("quoted") and not cands["country:ke"].veto
    ctx = document_context(_doc('"The MoU will help Kenya grow," an official said.\nThe MoU was welcomed in Kenya.'))
    frames = agreement_frames(ctx)
    cands = {c.source: c for c in agreement_candidates(ctx, frames, Out()) if c.group == "party"}
    assert cands["country:ke"].veto  # quoted at one mention, a place at the other: never plainly a party


@pytest.mark.parametrize(
    "text",
    [
        "Kenya and Japan signed an MoU to cut their reliance on rare earths from China.",
        "Kenya and Japan signed an MoU as buyers look for supplies away from China.",
        "Kenya and Japan signed an MoU to loosen China's grip on rare earth refining.",
    ],
)
def test_an_actor_the_agreement_guards_against_is_not_its_party(text):
    from minegraph.loaders.relations import Out
    from minegraph.loaders.relations.candidates import agreement_candidates

    ctx = document_context(_doc(text))
    cands = {c.source: c for c in agreement_candidates(ctx, agreement_frames(ctx), Out()) if c.group == "party"}
    assert cands["country:cn"].veto and not cands["country:ke"].veto and not cands["country:jp"].veto
    assert "country:cn" not in set().union(*_parties(extract_graph(_doc(text))).values())


def test_a_stake_in_a_firm_makes_the_firm_a_party_not_a_place():
    from minegraph.loaders.relations import Out
    from minegraph.loaders.relations.candidates import agreement_candidates

    for text in (
        "Kestrel Mining Corp. bought a 20% stake in Borealis Lithium Ltd on Monday.",
        "Kestrel Mining Corp. announced an investment of US$25 million in Borealis Lithium Ltd.",
    ):
        ctx = document_context(_doc(text))
        cands = [c for c in agreement_candidates(ctx, agreement_frames(ctx), Out()) if c.group == "party"]
        [target] = [c for c in cands if "borealis" in c.source]
        assert not target.feats.get("place") and not target.veto
    ctx = document_context(_doc("Kestrel Mining Corp. signed a supply deal with a smelter in Chile."))
    cands = {c.source: c for c in agreement_candidates(ctx, agreement_frames(ctx), Out()) if c.group == "party"}
    assert cands["country:cl"].feats.get("place")


@pytest.mark.skipif(not TRAIN.is_dir(), reason="needs ../shared/eval/train")
def test_the_fitting_labels_the_parties_of_an_agreement_a_rule_named_by_its_parties(tmp_path):
    from bench.fit_relations import Gold, label, load_scorer
    from minegraph.loaders.relations import extract_relations

    gold = {
        "entities": [
            {"id": "gh", "labels": ["Country"], "name": "Ghana"},
            {"id": "pe", "labels": ["Country"], "name": "Peru"},
            {"id": "cl", "labels": ["Country"], "name": "Chile"},
            {"id": "li", "labels": ["Mineral"], "name": "lithium"},
            {"id": "gh-pe", "labels": ["Agreement"], "name": "Ghana–Peru lithium MoU", "parties": ["gh", "pe"]},
        ],
        "relations": [
            {"source": "gh", "target": "gh-pe", "type": "PARTY_TO"},
            {"source": "pe", "target": "gh-pe", "type": "PARTY_TO"},
            {"source": "gh-pe", "target": "li", "type": "COVERS"},
        ],
    }
    path = tmp_path / "t.json"
    path.write_text(json.dumps(gold))
    ctx = document_context(
        _doc("Ghana signed a memorandum of understanding with Peru on lithium on Monday, as Chile watched.")
    )
    cands: list[Candidate] = []
    extract_relations(ctx, None, cands)
    labels = label(cands, ctx, Gold(path, load_scorer(TRAIN.parent).norm))
    got = {(c.source or c.target): y for c, y in zip(cands, labels, strict=True) if c.group in ("party", "covers")}
    assert got["country:gh"] == got["country:pe"] == got["mineral:lithium"] == 1.0
    assert got["country:cl"] == 0.0


def test_minerals_of_the_next_sentence_belong_to_the_agreement_told_there():
    from minegraph.loaders.relations import Out
    from minegraph.loaders.relations.candidates import agreement_candidates

    ctx = document_context(
        _doc(
            "Kenya and Japan signed a memorandum of understanding on Monday.\n"
            "Separately, Chile is preparing to sign a joint project with Peru on lithium."
        )
    )
    frames = agreement_frames(ctx)
    first = next(i for i, f in enumerate(frames) if f.anchors[0].sent == 0)
    cands = agreement_candidates(ctx, frames, Out())
    [mine] = [c for c in cands if c.group == "covers" and c.frame_index == first]
    assert mine.target == "mineral:lithium" and mine.veto
    ctx = document_context(_doc("Kenya and Japan signed a memorandum of understanding on Monday.\nIt covers lithium."))
    [mine] = [c for c in agreement_candidates(ctx, agreement_frames(ctx), Out()) if c.group == "covers"]
    assert not mine.veto


@pytest.mark.skipif(not TRAIN.is_dir(), reason="needs ../shared/eval for its score.py")
def test_the_fitting_report_counts_recall_and_precision_per_relation_type(tmp_path):
    from bench.fit_relations import load_scorer, per_type, type_lines

    gold = {
        "entities": [
            {"id": "gh", "labels": ["Country"], "name": "Ghana"},
            {"id": "pe", "labels": ["Country"], "name": "Peru"},
            {"id": "jd", "labels": ["Person"], "name": "Jane Doe"},
            {"id": "fx", "labels": ["Event"], "name": "Lithium Forum"},
        ],
        "relations": [
            {"source": "gh", "target": "fx", "type": "PARTICIPATED_IN"},
            {"source": "pe", "target": "fx", "type": "PARTICIPATED_IN"},
            {"source": "jd", "target": "fx", "type": "PARTICIPATED_IN"},
            {"source": "jd", "target": "gh", "type": "WORKS_FOR"},
        ],
    }
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "a1.json").write_text(json.dumps(gold))
    node = lambda i, label, name: {"id": i, "labels": [label], "name": name}  # noqa: E731
    graph = {
        "nodes": [
            node("1", "Country", "Ghana"),
            node("2", "Country", "Peru"),
            node("3", "Person", "Jane Doe"),
            node("4", "Event", "Lithium Forum"),
            node("5", "Company", "Nowhere Ltd"),
        ],
        "edges": [
            {"source": "1", "target": "4", "type": "PARTICIPATED_IN"},
            # the pair is linked under another type: the gold link is found, the predicted one right
            {"source": "3", "target": "4", "type": "LEADS"},
            {"source": "2", "target": "3", "type": "PARTICIPATED_IN"},  # a pair the gold does not link
            {"source": "5", "target": "4", "type": "PARTICIPATED_IN"},  # an end the gold does not have
        ],
    }
    path = tmp_path / "g.json"
    path.write_text(json.dumps(graph))
    got = per_type(load_scorer(TRAIN.parent), path, tmp_path / "gold", {"a1"})
    assert got["PARTICIPATED_IN"]["gold"] == 3 and got["PARTICIPATED_IN"]["recall"] == round(2 / 3, 3)
    assert got["PARTICIPATED_IN"]["predicted"] == 3 and got["PARTICIPATED_IN"]["precision"] == round(1 / 3, 3)
    assert got["LEADS"]["precision"] == 1.0 and got["LEADS"]["gold"] == 0
    assert got["WORKS_FOR"]["recall"] == 0.0 and got["WORKS_FOR"]["predicted"] == 0
    lines = type_lines(got)
    assert lines[0].split()[0] == "PARTICIPATED_IN" and lines[1].split()[0] == "PARTY_TO"
    assert "recall=0.0" in lines[1] and "gold 0" in lines[1]


@pytest.mark.parametrize(
    "text",
    [
        "Kestrel Mining Corp. has agreed to pay $80 million for a 25 per cent slice of Borealis Lithium Ltd's project.",
        "Kestrel Mining Corp. bought a 5% holding in Borealis Lithium Ltd on Monday.",
    ],
)
def test_a_share_of_a_firm_under_another_word_is_a_stake_of_both_firms(text):
    graph = extract_graph(_doc(text))
    [(key, parties)] = _parties(graph).items()
    assert graph.nodes[key].props["kind"] == "stake"
    assert len(parties) == 2 and all("kestrel" in p or "borealis" in p for p in parties)


def test_a_signer_brings_the_body_their_title_ties_them_to_as_a_party():
    from minegraph.loaders.relations import Out
    from minegraph.loaders.relations.candidates import agreement_candidates

    text = (
        "Peru's Minister of Mines, Jane Doe, opened the talks in Nairobi.\n"
        "On Friday, Jane Doe signed a memorandum of understanding with Kenya on lithium.\n"
        "Jane Doe praised the MoU."
    )
    ctx = document_context(_doc(text))
    [person] = [k for k, e in ctx.registry.entities.items() if e.label == "Person"]
    out = Out()
    out.add(person, "WORKS_FOR", "country:pe", 0.8, text)
    cands = {c.source: c for c in agreement_candidates(ctx, agreement_frames(ctx), out) if c.group == "party"}
    assert cands["country:pe"].feats.get("signer_employer")  # the signer's country, not named in that sentence
    assert not cands["country:ke"].feats.get("signer_employer")
    # without the employment the rules read, nothing ties the signer to anyone
    plain = {c.source: c for c in agreement_candidates(ctx, agreement_frames(ctx), Out()) if c.group == "party"}
    assert not any(c.feats.get("signer_employer") for c in plain.values())


def test_the_members_listed_after_an_agreement_are_its_parties():
    graph = extract_graph(
        _doc(
            "Kenya launched the Lithium Supply Partnership in Nairobi on Monday.\n"
            "Its founding partners include Peru, Chile, Ghana and the European Union.\n"
            "Trade with Japan rose last year."
        )
    )
    [(key, parties)] = _parties(graph).items()
    assert graph.nodes[key].name == "Lithium Supply Partnership"
    assert {"country:pe", "country:cl", "country:gh"} <= parties
    assert "country:jp" not in parties  # named after the list, in a sentence of its own


def test_every_item_of_a_list_cut_by_a_serial_comma_is_in_the_agreement_s_clause():
    # ", and" ends a clause, but in "A, B, and C signed" it is the comma before the last item
    from minegraph.loaders.relations import Out
    from minegraph.loaders.relations.candidates import agreement_candidates

    for text in (
        "Officials from Japan, South Korea, and India have signed a memorandum on lithium recycling.",
        "Kenya signed a memorandum on graphite with Japan, South Korea, and India.",
    ):
        ctx = document_context(_doc(text))
        cands = {c.source: c for c in agreement_candidates(ctx, agreement_frames(ctx), Out()) if c.group == "party"}
        assert all(cands[k].feats.get("same_clause") for k in ("country:jp", "country:kr", "country:in")), text
    ctx = document_context(_doc("Kenya signed a memorandum with Japan, and India opened a graphite mine."))
    cands = {c.source: c for c in agreement_candidates(ctx, agreement_frames(ctx), Out()) if c.group == "party"}
    assert not cands["country:in"].feats.get("same_clause")


def test_parties_read_at_a_later_mention_are_those_of_the_agreement_told_before():
    # the first sentence tells the agreement and what it covers, the second who signed it
    text = (
        "A memorandum of understanding on lithium was signed in Lima on Monday. "
        "The memorandum was signed by Peru and Canada."
    )
    g = extract_graph(_doc(text))
    [(key, parties)] = _parties(g).items()
    assert parties == {"country:pe", "country:ca"}
    assert {(r.source, r.target) for r in g.edges("COVERS")} == {(key, "mineral:lithium")}


def test_a_definite_agreement_between_other_parties_is_a_new_one():
    text = (
        "Canberra is also negotiating a critical minerals deal with New Delhi.\n"
        "Officials expect the talks to end soon.\n"
        "The deal between Seoul and Jakarta covers nickel."
    )
    frames = agreement_frames(document_context(_doc(text)))
    assert len(frames) == 2 and [a.definite for f in frames for a in f.anchors] == [False, False]
    # the Australia-India deal does not take in the parties of the new one (whose own parties, named
    # by no rule here, are left to the scored candidates)
    parties = _parties(extract_graph(_doc(text)))
    assert {"country:au", "country:in"} in parties.values()
    assert all(not {"country:id", "country:kr"} & p for p in parties.values() if "country:au" in p)


def test_a_definite_agreement_with_its_own_parties_refers_back():
    for later in ("The deal with India covers lithium.", "The MoU between Australia and India covers lithium."):
        ctx = document_context(_doc("Australia signed a critical minerals deal with India on Monday.\n" + later))
        [frame] = agreement_frames(ctx)
        assert [a.definite for a in frame.anchors] == [False, True], later


def test_a_definite_agreement_naming_parties_the_first_mention_left_unnamed_refers_back():
    ctx = document_context(
        _doc(
            "Kestrel Mining signed an initial agreement with two cathode makers on Friday.\n"
            "The memorandum was signed with Borealis Cells Inc. and Nordic Anodes Ltd. in Oslo."
        )
    )
    [frame] = agreement_frames(ctx)
    assert [a.sent for a in frame.anchors] == [0, 1]


def test_an_actor_or_mineral_of_another_event_in_the_next_sentence_is_filtered_out():
    from minegraph.loaders.relations import extract_relations

    ctx = document_context(
        _doc("Peru and Canada signed a deal on copper on Monday. It comes weeks after Chile banned lithium exports.")
    )
    got: list[Candidate] = []
    extract_relations(ctx, None, got)
    vetoed = {(c.group, c.source or c.target): c.veto for c in got if c.group in ("party", "covers")}
    assert vetoed == {
        ("party", "country:pe"): False,
        ("party", "country:ca"): False,
        ("party", "country:cl"): True,
        ("covers", "mineral:copper"): False,
        ("covers", "mineral:lithium"): True,
    }


def _frames_after_rules(text: str):
    """The agreement frames, given the parties the rules read (as the extractor gives them)."""
    from minegraph.loaders.relations import extract_relations

    ctx = document_context(_doc(text))
    parties: dict[str, set[str]] = {}
    for r in extract_relations(ctx):
        if r.type == "PARTY_TO":
            parties.setdefault(r.target, set()).add(r.source)
    return agreement_frames(ctx, parties)


def test_a_verbless_line_naming_the_counterpart_is_the_agreement_a_rule_read():
    frames = _frames_after_rules(
        "Acme Metals signed a binding offtake agreement with Borealis Mining on Monday.\n"
        "Binding ten-year offtake agreement with Borealis Mining\n"
    )
    [offtake] = [f for f in frames if f.kind == "offtake"]
    assert offtake.key is not None
    assert sorted({a.sent for a in offtake.anchors}) == [0, 1]


def test_one_agreement_of_a_batch_told_again_by_its_counterpart_covers_its_own_minerals():
    g = extract_graph(
        _doc(
            "Kenya signed cooperation agreements with Peru and Chile on Monday.\n"
            "The memorandum with Peru covers tin.\n"
            "A separate memorandum with Chile, which covers cobalt and nickel, was signed by its mines minister."
        )
    )
    parties = _parties(g)
    covers: dict[str, set[str]] = {}
    for r in g.edges("COVERS"):
        covers.setdefault(r.source, set()).add(r.target)
    [chile] = [k for k, ps in parties.items() if "country:cl" in ps]
    [peru] = [k for k, ps in parties.items() if "country:pe" in ps]
    assert covers.get(chile) == {"mineral:cobalt", "mineral:nickel"}
    assert covers.get(peru) == {"mineral:tin"}


@pytest.mark.parametrize("other", ["the state company Borduria Atom", "a state company"])
def test_a_venture_between_one_party_and_another_firm_is_not_the_agreement_told_before(other):
    # named or not, the other side makes it another deal ("between" with one side read tells too little)
    frames = _frames_after_rules(
        "Kestrel Uranium Group signed an agreement with Mongolia on Monday.\n"
        f"The mine is run by a joint venture between Kestrel Uranium Group and {other}.\n"
    )
    [venture] = [f for f in frames if f.kind == "joint_venture"]
    assert venture.key is None and [a.sent for a in venture.anchors] == [1]


def test_the_fitting_script_refuses_two_corpora_that_name_an_article_alike(tmp_path):
    # the probes are fitted on beside the training corpus (--also): an article named alike in
    # both would be read from one corpus and labelled from the other's gold, so the script stops
    # before fitting anything, with one Error: line, and writes no weights
    (tmp_path / "score.py").symlink_to(ROOT.parent / "shared" / "eval" / "score.py")
    for corpus in ("train", "extra"):
        for part in ("docs", "gold"):
            (tmp_path / corpus / part).mkdir(parents=True)
        (tmp_path / corpus / "docs" / "x01.txt").write_text("Ghana signed a memorandum with Peru on lithium.\n")
        gold = {"doc": "x01.txt", "entities": [], "relations": []}
        (tmp_path / corpus / "gold" / "x01.json").write_text(json.dumps(gold))
    (tmp_path / "train" / "splits.json").write_text(json.dumps({"set_aside": [], "folds": [["x01"], []]}))
    out = tmp_path / "model.json"
    run = subprocess.run(
        [sys.executable, "-m", "bench.fit_relations", str(tmp_path / "train"), "--also", str(tmp_path / "extra"),
         "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert run.stderr.strip() == "Error: two corpora name an article alike; their article names must differ"
    assert not out.exists()


def test_the_element_a_covered_product_is_named_after_is_weighed_as_covered_too():
    from minegraph.loaders.relations import Out
    from minegraph.loaders.relations.candidates import agreement_candidates

    ctx = document_context(
        _doc(
            "Codelco signed a supply agreement with Umicore for copper cathode on Monday.\n"
            "Chile mines more copper than any other country."
        )
    )
    cands = {c.target: c for c in agreement_candidates(ctx, agreement_frames(ctx), Out()) if c.group == "covers"}
    product, base = cands["mineral:copper-cathode"], cands["mineral:copper"]
    assert base.feats.get("via_product") and base.feats.get("same_sent")
    assert base.feats["dist"] == product.feats["dist"]
    # a product whose element the article never names brings in no element
    ctx = document_context(_doc("Codelco signed a supply agreement with Umicore for copper cathode on Monday."))
    got = {c.target for c in agreement_candidates(ctx, agreement_frames(ctx), Out()) if c.group == "covers"}
    assert got == {"mineral:copper-cathode"}


def _covers_feats_of(text: str) -> dict[str, dict[str, float]]:
    """The features of each mineral candidate of the article's first agreement frame."""
    from minegraph.loaders.relations import Out
    from minegraph.loaders.relations.candidates import agreement_candidates

    ctx = document_context(_doc(text))
    cands = agreement_candidates(ctx, agreement_frames(ctx), Out())
    return {c.target: c.feats for c in cands if c.group == "covers" and c.frame_index == 0}


@pytest.mark.parametrize(
    "after",
    [
        "It covers tin and tungsten, and provides for joint geological surveys.",
        "Minister Rosa Quispe said the cooperation would extend to the processing of tin and tungsten.",
    ],
)
def test_a_sentence_speaking_of_the_agreement_without_naming_it_is_read_as_naming_it(after):
    lead = "Peru and Canada signed a memorandum of understanding on Monday in Lima.\n"
    feats = _covers_feats_of(lead + after)
    for mineral in ("mineral:tin", "mineral:tungsten"):
        f = feats[mineral]
        # the mineral is weighed against the reference ("It", "the cooperation") as against an anchor
        assert f.get("refers_back") and f.get("next_sent")
        assert f.get("same_clause") and f.get("after_kw_clause") and f.get("anchor_definite") and "dist" in f
        assert not f.get("same_sent")  # still not the agreement's own sentence
    # a sentence after it that does not speak of it: only how far away it is
    plain = _covers_feats_of(lead + "Tin and tungsten prices rose on the London Metal Exchange on Monday.")
    assert plain["mineral:tin"].get("next_sent")
    assert not any(plain["mineral:tin"].get(k) for k in ("refers_back", "same_clause", "dist"))
    # nor a sentence before it, or one that tells another agreement
    before = _covers_feats_of("It is the biggest producer of tin.\n" + lead)
    assert not before["mineral:tin"].get("refers_back")
    other = _covers_feats_of(lead + "They also signed a loan agreement with Acme Bank for a tin smelter.")
    assert other["mineral:tin"].get("_other_frame_sent") and not other["mineral:tin"].get("refers_back")


def test_a_sentence_speaking_of_an_agreement_speaks_of_the_one_the_sentence_before_names_first():
    from minegraph.loaders.relations import Out
    from minegraph.loaders.relations.candidates import agreement_candidates

    ctx = document_context(
        _doc(
            "Peru and Canada began talks on Monday on an agreement to develop tin processing in Peru.\n"
            "The planned agreement would build on a strategic partnership that Lima and Ottawa signed in 2020.\n"
            "It would cover tin and tungsten and could include financing from Canadian banks."
        )
    )
    frames = agreement_frames(ctx)
    kinds = {fr.kind: fi for fi, fr in enumerate(frames)}
    cands = [c for c in agreement_candidates(ctx, frames, Out()) if c.target == "mineral:tungsten"]
    read = {c.frame_index for c in cands if c.feats.get("refers_back")}
    assert read == {kinds["agreement"]} and kinds["partnership"] in {c.frame_index for c in cands}


def test_a_relative_clause_that_tells_the_agreement_keeps_its_counterpart_a_party():
    # the relative clause is the agreement's own: its counterpart is a party
    cands = _candidates("Peru, which signed a minerals partnership with Japan in 2021, was cited as a model.")
    party = {c.source: c for c in cands if c.group == "party"}
    assert not party["country:jp"].feats.get("relative") and not party["country:jp"].veto
    # ... and the name the clause is about, right before it, is its signer
    assert party["country:pe"].feats.get("subject") and party["country:pe"].feats.get("same_clause")
    # a relative clause that only describes a name before the agreement: its actor stays vetoed
    cands = _candidates("Peru, which buys most of its cobalt from Japan, signed a lithium agreement with Chile.")
    party = {c.source: c for c in cands if c.group == "party"}
    assert party["country:jp"].feats.get("relative") and party["country:jp"].veto
    # in the agreement's own relative clause, an actor before the agreement word is no signer (the
    # clause's subject is the name before it)
    cands = _candidates(
        "Andes Copper, which the Chilean regulator cleared for a merger with Quillota Metals, will list."
    )
    party = {c.source: c for c in cands if c.group == "party"}
    assert party["country:cl"].feats.get("relative") and party["country:cl"].veto
    assert not party["Company:quillota-metals"].feats.get("relative")


@pytest.mark.parametrize(
    "text",
    [
        "Kenya signed an offtake agreement with Japan and a strategic partnership with Chile on Tuesday.",
        "Kenya signed an offtake agreement with Japan, a strategic partnership with Chile and an MoU with Peru.",
    ],
)
def test_a_second_agreement_word_the_same_verb_takes_is_signed_by_its_subject(text):
    # "A signed X with B and Y with C": A signs Y with C; B is X's counterpart, not Y's signer
    got = {frozenset(p) for p in _parties(extract_graph(_doc(text))).values()}
    assert frozenset({"country:ke", "country:cl"}) in got
    assert frozenset({"country:ke", "country:jp"}) in got
    assert not any({"country:jp", "country:cl"} <= p for p in got)


def test_a_counterpart_who_signs_the_next_agreement_itself_is_its_signer():
    text = "Kenya signed a deal with Japan, which signed a partnership with Chile in 2020."
    got = {frozenset(p) for p in _parties(extract_graph(_doc(text))).values()}
    assert frozenset({"country:jp", "country:cl"}) in got


def test_a_relative_clause_that_tells_the_signing_of_the_agreement_before_it_names_a_party():
    # ", which we signed with B", ", which B had hoped to conclude": who signs the agreement just named
    text = (
        "The memorandum with Japan on a copper smelter, which Peru signed in 2024 with the Japan Mining"
        " Agency, is the most advanced."
    )
    party = {c.source: c for c in _candidates(text) if c.group == "party"}
    assert not party["Agency:japan-mining-agency"].veto
    assert party["Agency:japan-mining-agency"].feats.get("same_clause")
    text = (
        "Officials of Chile held talks in May on a strategic partnership on copper, which Brussels had hoped"
        " to conclude this year."
    )
    party = {c.source: c for c in _candidates(text) if c.group == "party"}
    assert not party["Agency:european-union"].veto
    # a relative clause that only describes the actor before it stays a describer's
    text = "Peru signed a copper agreement with Acme Mining, which sold its stake to Chile in 2020."
    party = {c.source: c for c in _candidates(text) if c.group == "party"}
    assert party["country:cl"].veto
    # ... but not where or when it is signed
    text = (
        "The ministries discussed a memorandum on geology between Acme Mining and the Lima Survey, which is"
        " to be signed at the next meeting of the Chilean-Peruvian working group."
    )
    party = {c.source: c for c in _candidates(text) if c.group == "party"}
    assert party["country:cl"].veto


@pytest.mark.parametrize(
    "text",
    [
        "Kenya and Japan signed a memorandum of understanding on a strategic partnership on lithium on Tuesday.",
        "The European Union and Kenya signed a Memorandum of Understanding (MoU) for a partnership on raw materials.",
    ],
)
def test_an_mou_on_a_partnership_is_one_agreement(text):
    # the MoU and the partnership it is on are one agreement: one frame, not a second with the same parties
    frames = agreement_frames(document_context(_doc(text)))
    assert not any(f.kind == "partnership" for f in frames)
    assert len(_parties(extract_graph(_doc(text)))) == 1


def test_an_mou_and_a_partnership_signed_apart_stay_two():
    text = "Kenya signed an MoU on lithium with Japan and a strategic partnership with Chile."
    assert {f.kind for f in agreement_frames(document_context(_doc(text)))} == {"mou", "partnership"}

def test_the_two_sides_are_the_two_named_just_before_across_paragraphs():
    # wire copy sets each sentence as its own paragraph: "the two sides" still looks back to the
    # two told in the sentence before (the EU a side), not to the article's two main countries
    from minegraph.loaders.relations.candidates import agreement_candidates
    from minegraph.loaders.relations.context import Out

    text = (
        "Kenya and Japan signed a trade pact in Nairobi on Monday.\n\n"
        "On Tuesday, the European Union and Chile held their first dialogue on raw materials in Brussels.\n\n"
        "The two sides adopted a roadmap for cooperation on lithium and copper."
    )
    ctx = document_context(_doc(text))
    frames = agreement_frames(ctx)
    [roadmap] = [f for f in frames if f.kind == "roadmap"]
    sides = {
        c.source
        for c in agreement_candidates(ctx, frames, Out())
        if c.group == "party" and c.frame is roadmap and c.feats.get("two_countries")
    }
    assert sides == {"Agency:european-union", "country:cl"}


def test_an_actor_named_only_next_to_a_read_agreement_is_not_its_party():
    # the rule read the MoU and its parties; a firm the next sentence names with nothing tying it to
    # the MoU (no agreement word, no list of members, no signer) is another matter's
    from minegraph.loaders.relations import extract_relations

    ctx = document_context(
        _doc(
            "Kenya and Japan signed a memorandum of understanding on lithium on Monday.\n"
            "Separately, Acme Mining Corp. said its quarterly copper output rose by a tenth."
        )
    )
    cands: list[Candidate] = []
    extract_relations(ctx, None, cands)
    parties = {c.source: c for c in cands if c.group == "party" and c.frame is not None and c.frame.key}
    assert parties["Company:acme-mining-corporation"].veto
    assert not parties["country:ke"].veto and not parties["country:jp"].veto
