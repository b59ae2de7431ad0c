"""A small, strict checker of AT Protocol requests against the recorded lexicons.

It checks what the app sends (procedure inputs, query parameters, records) for
required fields, types, string formats and limits (bytes, graphemes), follows
`ref`s and `union`s across lexicon files, and — stricter than a server — reports
fields the lexicon does not define, so "exactly the fields needed" is checked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import regex

FORMATS = {
    "datetime": re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"),
    "at-uri": re.compile(r"^at://[^/\s]+(/[a-zA-Z0-9.-]+(/[A-Za-z0-9._:~-]+)?)?$"),
    "cid": re.compile(r"^[a-zA-Z0-9+=]{8,256}$"),
    "did": re.compile(r"^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$"),
    "handle": re.compile(r"^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]"
                         r"([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$"),
    "nsid": re.compile(r"^[a-zA-Z]([a-zA-Z0-9-]*)(\.[a-zA-Z0-9-]+)+(\.[a-zA-Z][a-zA-Z0-9]*)$"),
    "record-key": re.compile(r"^(?!\.{1,2}$)[A-Za-z0-9._:~-]{1,512}$"),
    "tid": re.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$"),
    "uri": re.compile(r"^[a-z][a-z.+-]*:\S+$"),
    "language": re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)*$"),
}


class Lexicons:
    def __init__(self, folder: Path):
        self.docs: dict[str, dict[str, Any]] = {}
        for path in folder.glob("*.json"):
            doc = json.loads(path.read_text(encoding="utf-8"))
            self.docs[doc["id"]] = doc

    def _resolve(self, ref: str, context: str) -> tuple[str, dict[str, Any]]:
        nsid, _, name = ref.partition("#")
        nsid = nsid or context
        return nsid, self.docs[nsid]["defs"][name or "main"]

    # What the app sends

    def input_errors(self, nsid: str, value: Any) -> list[str]:
        schema = self.docs[nsid]["defs"]["main"]["input"]["schema"]
        return self._check(schema, value, nsid, "input")

    def record_errors(self, nsid: str, value: Any) -> list[str]:
        definition = self.docs[nsid]["defs"]["main"]
        errors = self._check(definition["record"], value, nsid, nsid)
        if value.get("$type") != nsid:
            errors.append(f"{nsid}: $type is {value.get('$type')!r}")
        return errors

    def params_errors(self, nsid: str, query: dict[str, list[str]]) -> list[str]:
        """Query parameters as the server received them (every value a list of strings)."""
        params = self.docs[nsid]["defs"]["main"].get("parameters", {})
        properties = params.get("properties", {})
        errors = [f"{nsid}: missing parameter {name}" for name in params.get("required", [])
                  if name not in query]
        for name, values in query.items():
            spec = properties.get(name)
            if spec is None:
                errors.append(f"{nsid}: unknown parameter {name}")
                continue
            if spec["type"] != "array" and len(values) != 1:
                errors.append(f"{nsid}: {name} given {len(values)} times")
            item_spec = spec["items"] if spec["type"] == "array" else spec
            for raw in values:
                errors.extend(self._check(item_spec, _typed(item_spec, raw), nsid, name))
        return errors

    # The checks

    def _check(self, schema: dict[str, Any], value: Any, nsid: str, path: str) -> list[str]:
        kind = schema["type"]
        if kind == "ref":
            target_nsid, target = self._resolve(schema["ref"], nsid)
            return self._check(target, value, target_nsid, path)
        if kind == "union":
            if not isinstance(value, dict) or "$type" not in value:
                return [f"{path}: a union member needs $type"]
            wanted = {_full(r, nsid) for r in schema["refs"]}
            if _full(value["$type"], nsid) not in wanted:
                return [f"{path}: $type {value['$type']} is not one of {sorted(wanted)}"]
            target_nsid, target = self._resolve(_full(value["$type"], nsid), nsid)
            return self._check(target, value, target_nsid, path)
        if kind == "unknown":
            if not isinstance(value, dict):
                return [f"{path}: expected an object"]
            record_type = value.get("$type")
            if record_type in self.docs and "record" in self.docs[record_type]["defs"]["main"]:
                return self.record_errors(record_type, value)
            return []
        if kind == "object":
            return self._object(schema, value, nsid, path)
        if kind == "string":
            return _string(schema, value, path)
        if kind == "integer":
            if not isinstance(value, int) or isinstance(value, bool):
                return [f"{path}: expected an integer, got {value!r}"]
            if "minimum" in schema and value < schema["minimum"] or \
                    "maximum" in schema and value > schema["maximum"]:
                return [f"{path}: {value} is out of range"]
            return []
        if kind == "boolean":
            return [] if isinstance(value, bool) else [f"{path}: expected a boolean"]
        if kind == "array":
            if not isinstance(value, list):
                return [f"{path}: expected an array"]
            errors = []
            if "maxLength" in schema and len(value) > schema["maxLength"]:
                errors.append(f"{path}: more than {schema['maxLength']} items")
            for index, item in enumerate(value):
                errors.extend(self._check(schema["items"], item, nsid, f"{path}[{index}]"))
            return errors
        return [f"{path}: the checker does not know type {kind}"]

    def _object(self, schema, value, nsid, path) -> list[str]:
        if not isinstance(value, dict):
            return [f"{path}: expected an object, got {type(value).__name__}"]
        properties = schema.get("properties", {})
        errors = [f"{path}: missing {name}" for name in schema.get("required", [])
                  if name not in value]
        for name, item in value.items():
            if name == "$type":
                continue
            if name not in properties:
                errors.append(f"{path}: {name} is not defined by the lexicon")
                continue
            errors.extend(self._check(properties[name], item, nsid, f"{path}.{name}"))
        return errors


def _full(ref: str, context: str) -> str:
    nsid, _, name = ref.partition("#")
    nsid = nsid or context
    return nsid if name in ("", "main") else f"{nsid}#{name}"


def _typed(spec: dict[str, Any], raw: str) -> Any:
    if spec["type"] == "integer":
        return int(raw) if re.fullmatch(r"-?\d+", raw) else raw
    if spec["type"] == "boolean":
        return {"true": True, "false": False}.get(raw, raw)
    return raw


def _string(schema, value, path) -> list[str]:
    if not isinstance(value, str):
        return [f"{path}: expected a string, got {value!r}"]
    errors = []
    if "maxLength" in schema and len(value.encode("utf-8")) > schema["maxLength"]:
        errors.append(f"{path}: longer than {schema['maxLength']} bytes")
    if "maxGraphemes" in schema and len(regex.findall(r"\X", value)) > schema["maxGraphemes"]:
        errors.append(f"{path}: more than {schema['maxGraphemes']} graphemes")
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: must be {schema['const']!r}")
    fmt = schema.get("format")
    if fmt == "at-identifier":
        ok = FORMATS["did"].match(value) or FORMATS["handle"].match(value)
    elif fmt:
        ok = FORMATS[fmt].match(value) if fmt in FORMATS else True
    else:
        ok = True
    if not ok:
        errors.append(f"{path}: {value!r} is not a valid {fmt}")
    return errors
