"""Read JSON out of a model's reply and check it against a JSON Schema, minimally.

Models asked for JSON do not always answer with bare JSON: small local models
wrap it in a Markdown code fence or put a sentence in front of it, and any model
can be cut off by its token limit. :func:`parse_json` accepts the first two and
reports the third with a reason a model can act on, because that reason is sent
back to the model when :meth:`~memstack.llm.ChatModel.complete_json` retries.

:func:`check` is a deliberately small validator (``type``, ``required``,
``properties``, ``additionalProperties: false``, ``items``, ``enum``, ``const``,
``anyOf``) rather than a ``jsonschema`` dependency: extraction schemas are small
and flat, and unknown keywords are ignored, never guessed at. Both functions are
pure: no I/O, no clock.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

__all__ = ["OutputProblem", "check", "parse_json"]

_FENCE = re.compile(r"```[ \t]*(?:json|JSON|javascript)?[ \t]*\r?\n?(.*?)```", re.DOTALL)
_MAX_CANDIDATES = 64


class OutputProblem(ValueError):
    """A reply could not be used; ``reason`` says why in words a model understands."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def parse_json(text: str) -> Any:
    """Parse the JSON value in a model's reply.

    Accepts bare JSON, JSON in a ```` ```json ```` fence, and JSON after (or
    before) some prose. When the text holds several candidates the first complete
    one wins; a candidate that starts inside a broken earlier one is skipped, so a
    truncated object never yields one of its nested objects.

    Args:
        text: the reply as the model wrote it.

    Returns:
        The decoded value (usually a dict).

    Raises:
        OutputProblem: no JSON value could be read; ``reason`` names the first
            syntax error found.

    Example:
        >>> parse_json('Sure, here it is:\\n```json\\n{"ok": true}\\n```')
        {'ok': True}
        >>> try:
        ...     parse_json('{"a": [1, 2')
        ... except OutputProblem as problem:
        ...     print(problem.reason)
        invalid JSON at line 1 column 12: Expecting ',' delimiter
    """
    stripped = text.strip()
    if not stripped:
        raise OutputProblem("the reply was empty")
    first_error: json.JSONDecodeError | None = None
    try:
        return json.loads(stripped)
    except json.JSONDecodeError as err:
        first_error = err
    for match in _FENCE.finditer(text):
        try:
            return json.loads(match.group(1).strip())
        except json.JSONDecodeError:
            continue
    decoder = json.JSONDecoder()
    skip_until = 0
    tried = 0
    candidate_error: json.JSONDecodeError | None = None
    for index, char in enumerate(text):
        if char not in "{[" or index < skip_until:
            continue
        tried += 1
        if tried > _MAX_CANDIDATES:
            break
        try:
            value, _ = decoder.raw_decode(text, index)
            return value
        except json.JSONDecodeError as err:
            candidate_error = candidate_error or err
            # Everything up to the failure point belongs to this broken candidate.
            skip_until = max(index + 1, err.pos)
    error = candidate_error or first_error
    if candidate_error is None and not stripped.startswith(("{", "[")):
        raise OutputProblem("the reply contains no JSON object")
    assert error is not None
    raise OutputProblem(f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}")


_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
}


def _is_type(value: Any, name: str) -> bool:
    if name == "null":
        return value is None
    if name == "integer":
        if isinstance(value, bool):
            return False
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    expected = _TYPES.get(name)
    return True if expected is None else isinstance(value, expected)


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def check(value: Any, schema: Mapping[str, Any], path: str = "$") -> str | None:
    """Check ``value`` against the supported subset of JSON Schema.

    Args:
        value: a decoded JSON value.
        schema: the JSON Schema (unsupported keywords, such as ``$ref``, are ignored).
        path: where ``value`` sits, for the message.

    Returns:
        ``None`` if the value conforms, else the first problem found, with its
        JSON path.

    Example:
        >>> schema = {"type": "object", "required": ["kind"],
        ...           "properties": {"kind": {"enum": ["rule", "fact"]}}}
        >>> check({"kind": "fact"}, schema) is None
        True
        >>> check({"kind": "note"}, schema)
        "$.kind: expected one of ['rule', 'fact'], got 'note'"
    """
    if "anyOf" in schema:
        options = schema["anyOf"]
        if not any(check(value, option, path) is None for option in options):
            return f"{path}: matches none of the allowed shapes"
    declared = schema.get("type")
    if declared is not None:
        names = [declared] if isinstance(declared, str) else list(declared)
        if not any(_is_type(value, name) for name in names):
            return f"{path}: expected {' or '.join(names)}, got {_type_name(value)}"
    if "const" in schema and value != schema["const"]:
        return f"{path}: expected {schema['const']!r}, got {value!r}"
    if "enum" in schema and value not in schema["enum"]:
        return f"{path}: expected one of {list(schema['enum'])!r}, got {value!r}"
    if isinstance(value, dict):
        for key in schema.get("required", ()):
            if key not in value:
                return f"{path}: missing required key {key!r}"
        properties: Mapping[str, Any] = schema.get("properties", {})
        for key, sub in properties.items():
            if key in value:
                problem = check(value[key], sub, f"{path}.{key}")
                if problem:
                    return problem
        if schema.get("additionalProperties") is False:
            extra = sorted(set(value) - set(properties))
            if extra:
                return f"{path}: unexpected key {extra[0]!r}"
    if isinstance(value, list) and isinstance(schema.get("items"), Mapping):
        for index, item in enumerate(value):
            problem = check(item, schema["items"], f"{path}[{index}]")
            if problem:
                return problem
    return None
