"""Lenient JSON reading and the minimal schema check."""

from __future__ import annotations

import pytest

from memstack.llm.jsonout import OutputProblem, check, parse_json
from tests.llm.samples import SCHEMA


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1}',
        '  {"a": 1}\n',
        '```json\n{"a": 1}\n```',
        '```\n{"a": 1}\n```',
        'Here is the JSON you asked for:\n{"a": 1}',
        'Sure! {"a": 1} Let me know if you need more.',
        'Notes [draft]: {"a": 1}',
        'First ```text\nnot json\n``` then ```json\n{"a": 1}\n```',
    ],
)
def test_json_is_found_in_common_wrappings(text):
    assert parse_json(text) == {"a": 1}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "the reply was empty"),
        ("   \n", "the reply was empty"),
        ("I cannot help with that.", "the reply contains no JSON object"),
        ('{"a": [1, 2', "invalid JSON at line 1 column 12: Expecting ',' delimiter"),
        ('{"a": 1,}', "invalid JSON at line 1 column 9: Expecting property name enclosed in"),
    ],
)
def test_unusable_replies_get_a_reason(text, reason):
    with pytest.raises(OutputProblem) as caught:
        parse_json(text)
    assert caught.value.reason.startswith(reason)


def test_a_truncated_object_never_yields_a_nested_one():
    text = '{"facts": [{"text": "a", "kind": "fact"}, {"text": "b", "ki'
    with pytest.raises(OutputProblem):
        parse_json(text)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ({"facts": []}, None),
        ({"facts": [{"text": "x", "kind": "rule"}]}, None),
        ({}, "$: missing required key 'facts'"),
        ([], "$: expected object, got array"),
        ({"facts": "x"}, "$.facts: expected array, got string"),
        ({"facts": [{"text": 1, "kind": "fact"}]}, "$.facts[0].text: expected string, got integer"),
        ({"facts": [{"text": "x"}]}, "$.facts[0]: missing required key 'kind'"),
        ({"facts": [], "extra": 1}, "$: unexpected key 'extra'"),
    ],
)
def test_schema_check(value, problem):
    assert check(value, SCHEMA) == problem


def test_schema_check_types_and_combinators():
    assert check(3.0, {"type": "integer"}) is None
    assert check(True, {"type": "integer"}) == "$: expected integer, got boolean"
    assert check(None, {"type": ["string", "null"]}) is None
    assert check("x", {"const": "y"}) == "$: expected 'y', got 'x'"
    assert check(1, {"anyOf": [{"type": "string"}, {"type": "integer"}]}) is None
    assert check(1.5, {"anyOf": [{"type": "string"}, {"type": "integer"}]}) == (
        "$: matches none of the allowed shapes"
    )
    assert check({"a": 1}, {"$ref": "#/$defs/thing"}) is None  # unsupported: not guessed at
