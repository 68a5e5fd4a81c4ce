"""The readable label tables agree with each other and with the datasets' own label lists."""

from __future__ import annotations

from pathlib import Path

from eventscope.evaluate.tables import label_table, normalise_country, same_country, sector_matches


def test_every_case2021_label_has_a_row(shared_dir: Path) -> None:
    listed = (shared_dir / "bench" / "case2021-task2" / "event_types.txt").read_text(encoding="utf-8")
    labels = {line.strip() for line in listed.splitlines() if line.strip().isupper() and " " not in line.strip()}
    table = label_table("case2021.tsv")
    assert labels and all(table.lookup(label) for label in labels)


def test_acled_types_cover_every_case2021_acled_sub_type() -> None:
    case = label_table("case2021.tsv")
    acled = label_table("acled_types.tsv")
    sub_types = {next(iter(accepted)) for _label, accepted, _first in case.rows if accepted}
    acled_names = {label for label, _accepted, _first in acled.rows}
    assert {s for s in sub_types if not s.isupper()} <= acled_names
    assert len(acled_names) == 25


def test_hierarchical_lookup_and_out_of_scope() -> None:
    rams = label_table("rams.tsv", hierarchical=True)
    assert rams.lookup("conflict.attack.airstrikemissilestrike") == {"ASSAULT"}
    assert rams.lookup("life.die.nonviolentdeath") == frozenset()
    assert rams.lookup("contact.discussion.meet") is None
    assert label_table("plover_gsr.tsv").lookup("fight") == {"ASSAULT"}


def test_countries_and_sectors() -> None:
    assert normalise_country("EL SALVADOR") == "SLV" and normalise_country("Côte d'Ivoire") == "CIV"
    assert same_country("IGO", "UNO") and same_country("VTN", "VNM") and not same_country("IRQ", "IRN")
    assert sector_matches(frozenset({"CVLalb"}), "CVL") and not sector_matches(frozenset({"GOV"}), None)
