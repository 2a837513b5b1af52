"""A small extraction-shaped schema and replies shared by the provider tests."""

from __future__ import annotations

import json
from typing import Any

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "facts": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "text": {"type": "string"},
                    "kind": {"type": "string", "enum": ["rule", "fact"]},
                },
                "required": ["text", "kind"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["facts"],
    "additionalProperties": False,
}
NAME = "facts"
GOOD: dict[str, Any] = {"facts": [{"text": "Alice is vegan", "kind": "fact"}]}
GOOD_TEXT = json.dumps(GOOD)
# Cut off mid-object, as a model stopped by max_tokens leaves it.
BROKEN_TEXT = '{"facts": [{"text": "Alice is vegan", "kind": "fa'
# Valid JSON, wrong shape: "note" is not an allowed kind.
WRONG_KIND = {"facts": [{"text": "Alice is vegan", "kind": "note"}]}
PROMPT = "I'm Alice. I don't eat meat or dairy."
SYSTEM = "Extract durable facts about the user."
