"""Every record the extractor writes validates against the published JSON Schema."""
import json

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import SEEDS

from extractor import extract
from extractor.cli import cli


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(CliRunner().invoke(cli, ["schema"]).stdout)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_records_validate(schema, seed):
    record = extract(seed).to_dict()
    jsonschema.validate(record, schema)
    text = record["text"]
    for e in record["entities"]:
        assert text[e["start"]:e["end"]] == e["text"]
    for p in record["provisions"]:
        assert text[p["start"]:p["end"]] == p["text"]
        assert p["kind"] in ("TARGET", "QUOTA", "STAT")


def test_schema_rejects_a_record_with_an_unknown_field(schema):
    record = extract(SEEDS[0]).to_dict()
    record["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, schema)
