"""Load the reference data in refdata/ into GovernmentBody rows. Idempotent."""

import csv
from pathlib import Path

REFDATA_DIR = Path(__file__).resolve().parent / "refdata"


def _rows(name):
    with open(REFDATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_government_bodies(body_model):
    """Create or update all provinces, municipalities and water boards; return the counts.

    Takes the model as an argument so that the data migration can pass its historical model.
    """
    provinces = {}
    for row in _rows("provincies.csv"):
        province, _ = body_model.objects.update_or_create(
            kind="province", code=row["province_pv_code"], defaults={"name": row["name"]}
        )
        provinces[row["province_pv_code"]] = province
    municipalities = 0
    for row in _rows("gemeenten_2025.csv"):
        body_model.objects.update_or_create(
            kind="municipality",
            code=row["gm_code"],
            defaults={"name": row["name"], "province": provinces[row["province_pv_code"]]},
        )
        municipalities += 1
    water_boards = 0
    for row in _rows("waterschappen.csv"):
        body_model.objects.update_or_create(
            kind="water_board",
            code=f"WS{int(row['kiesraad_nr']):02d}",
            defaults={"name": row["name"]},
        )
        water_boards += 1
    return {
        "provinces": len(provinces),
        "municipalities": municipalities,
        "water_boards": water_boards,
    }
