"""``centrality --focus X --explain`` within bounds: at most 20 partners (or --top of them),
10 parts a partner and 5 carriers a part, what is left out counted on one line;
``--explain-all`` shows everything.  On a store built from sentences written for this test."""

from __future__ import annotations

import re

import pytest
from cli_helpers import run

PARTNERS = ["Japan", "Germany", "France", "Canada", "Australia", "India", "Brazil", "Mexico", "Peru", "Argentina",
            "Spain", "Italy", "Norway", "Sweden", "Finland", "Poland", "Egypt", "Kenya", "Ghana", "Morocco",
            "Vietnam", "Thailand", "Indonesia", "Malaysia", "Mongolia"]
MINERALS = ["lithium", "copper", "cobalt", "nickel", "zinc", "tin", "graphite", "manganese", "tungsten", "molybdenum",
            "antimony", "gallium", "germanium"]
AGENCIES = ["Chilean Copper Commission", "Chilean Geological Survey", "Chilean Lithium Agency",
            "Chilean Mining Institute", "Chilean Energy Agency", "Chilean Trade Agency", "Chilean Ports Authority"]


@pytest.fixture(scope="module")
def chile_db(tmp_path_factory) -> str:
    """Chile with 25 partners; Japan tied through 14 agreements and stated cooperation;
    Germany through a forum that 7 Chilean agencies attended."""
    root = tmp_path_factory.mktemp("explain")
    docs = root / "docs"
    docs.mkdir()
    for i, partner in enumerate(PARTNERS):
        (docs / f"p{i:02d}.txt").write_text(f"Chile and {partner} signed a memorandum of understanding on lithium "
                                            f"supply in Santiago on {i + 1} March 2023.\n")
    for i, mineral in enumerate(MINERALS):
        (docs / f"j{i:02d}.txt").write_text(f"Chile and Japan signed an agreement on {mineral} exploration in Tokyo "
                                            f"on {i + 1} May {2010 + i}.\n")
    (docs / "forum.txt").write_text("The Andean Lithium Forum was held in Lima in June 2024. "
                                    + ", ".join(AGENCIES) + " and Germany took part in the forum.\n")
    db = str(root / "db")
    built = run("build", str(docs), "--db", db)
    assert built.exit_code == 0, built.output
    return db


def explained(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return result.stdout.split("How each weight is made (partners of Chile):\n")[1].splitlines()


def partner_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if not line.startswith("  ")]


def block(lines: list[str], partner: str) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{partner} (Country): "))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith("  ")), len(lines))
    return lines[start + 1:end]


def test_explain_caps_partners_parts_and_carriers(chile_db):
    result = run("centrality", "--db", chile_db, "--focus", "Chile", "--top", "0", "--explain")
    lines = explained(result)
    assert len(partner_lines(lines)) == 20
    assert result.stderr.strip() == "Explained 20 of 25 partners (--explain-all explains every one)."
    japan = block(lines, "Japan")
    assert len(japan) == 11 and japan[-1] == "  ... and 5 more: 5 agreements; weight 5 (--explain-all lists them)"
    forum = next(line for line in block(lines, "Germany") if line.startswith("  Andean Lithium Forum"))
    carried = forum.split(", carried by ")[1]
    assert carried.endswith(" and 2 more") and len(carried.split(", ")) == 5
    assert all(name in AGENCIES for name in carried.removesuffix(" and 2 more").split(", "))


def test_the_weights_left_out_add_up(chile_db):
    japan = block(explained(run("centrality", "--db", chile_db, "--focus", "Chile", "--explain")), "Japan")
    head = next(line for line in explained(run("centrality", "--db", chile_db, "--focus", "Chile", "--explain"))
                if line.startswith("Japan (Country): "))
    total = float(re.match(r"Japan \(Country\): ([\d.]+) =", head)[1])
    shown = sum(float(line.rsplit(": ", 1)[1]) for line in japan[:-1])
    rest = float(re.search(r"; weight ([\d.]+) \(", japan[-1])[1])
    assert shown + rest == pytest.approx(total, abs=1e-4)


def test_explain_all_and_top_widen_it(chile_db):
    every = run("centrality", "--db", chile_db, "--focus", "Chile", "--top", "0", "--explain-all")
    lines = explained(every)
    assert len(partner_lines(lines)) == 25 and every.stderr == ""
    assert len(block(lines, "Japan")) == 15 and not any("--explain-all" in line for line in lines)
    forum = next(line for line in block(lines, "Germany") if line.startswith("  Andean Lithium Forum"))
    assert sorted(forum.split(", carried by ")[1].split(", ")) == sorted(AGENCIES)
    wider = explained(run("centrality", "--db", chile_db, "--focus", "Chile", "--top", "23", "--explain"))
    assert len(partner_lines(wider)) == 23
    assert run("centrality", "--db", chile_db, "--explain-all").exit_code == 2  # needs --focus


def test_small_focus_reads_as_before(chile_db):
    """Under every cap the lines are those of the uncapped explanation."""
    default = run("centrality", "--db", chile_db, "--focus", "Germany", "--explain")
    assert explained_of(default, "Germany") == explained_of(
        run("centrality", "--db", chile_db, "--focus", "Germany", "--explain-all"), "Germany")
    assert default.stderr == ""


def explained_of(result, focus: str) -> list[str]:
    assert result.exit_code == 0, result.output
    return result.stdout.split(f"How each weight is made (partners of {focus}):\n")[1].splitlines()

