"""Typed records for form.yaml and draft files: shape checks that collect every problem.

Why not pydantic: importing it and building our models took about 150 ms of the
window's start-up (the issue asks for 1.5× a bare Qt window, about 250 ms), for
a dozen small record types. This covers exactly what the form and draft need —
str, int, bool, Decimal, Literal, X | None, list[X], dict[str, X], Any and
nested records — with pydantic's lax conversions (" 5 " → 5, 26.9 → Decimal
"26.9", "yes" → True) and its error shape (type, loc, ctx), so core/errors.py
turns every problem into Chinese, all of them in one pass.

A record declares its fields as annotated class attributes, like a dataclass:

    class Grade(Record):
        name: str
        min: Decimal

Class settings (all optional): _constraints {field: {"ge"|"le"|"pattern": …}},
_before {field: callable(raw) → raw, may raise ValueError with a Chinese reason},
_extra_allowed (unknown keys kept in model_extra instead of refused),
_exclude (fields never dumped), and a _after(self) hook run once the fields are
valid (may raise ValueError; its .loc, when set, names the field at fault).
"""

from __future__ import annotations

import copy
import functools
import re
import sys
import types
import typing
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

_MISSING = object()
_TRUE = {"1", "on", "t", "true", "y", "yes"}
_FALSE = {"0", "off", "f", "false", "n", "no"}
_INT_TEXT = r"\s*[+-]?\d+(\.0*)?\s*"  # compiled by re on first use, not at start-up


class Factory:
    """A default made fresh for each record (a list of grades, today's date)."""

    def __init__(self, make):
        self.make = make


class ValidationError(ValueError):
    """Every problem in one record, each as {"type", "loc", "ctx"} (see core/errors.py)."""

    def __init__(self, title: str, errors: list[dict]):
        self.title, self._errors = title, errors
        super().__init__(f"{len(errors)} problem(s) in {title}: " +
                         "; ".join(f"{e['loc']} {e['type']}" for e in errors[:5]))

    def errors(self) -> list[dict]:
        return list(self._errors)


# -- converters: one per annotation, built once per record class -----------------

def _str(value, loc, errors):
    if isinstance(value, str):
        return value
    errors.append({"type": "string_type", "loc": loc})
    return _MISSING


def _int(value, loc, errors):
    if isinstance(value, int):
        return int(value)
    if isinstance(value, (float, Decimal)):
        if value != value or value in (float("inf"), float("-inf")):
            errors.append({"type": "finite_number", "loc": loc})
        elif value == int(value):
            return int(value)
        else:
            errors.append({"type": "int_from_float", "loc": loc})
        return _MISSING
    if isinstance(value, str):
        if re.fullmatch(_INT_TEXT, value):  # "2021", " 7 ", "7.0"; not "1e3"
            return int(Decimal(value.strip()))
        errors.append({"type": "int_parsing", "loc": loc})
        return _MISSING
    errors.append({"type": "int_type", "loc": loc})
    return _MISSING


def _decimal(value, loc, errors):
    if isinstance(value, bool):
        errors.append({"type": "decimal_type", "loc": loc})
        return _MISSING
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, (float, str)):
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            errors.append({"type": "decimal_parsing", "loc": loc})
            return _MISSING
    else:
        errors.append({"type": "decimal_type", "loc": loc})
        return _MISSING
    if not number.is_finite():
        errors.append({"type": "finite_number", "loc": loc})
        return _MISSING
    # a weight or bound of 1e309 or 1e999999999 is no figure a form holds, and would
    # overflow the rounding later: refused where it is read
    if number and (number.adjusted() > MAX_MAGNITUDE or len(number.as_tuple().digits) > MAX_DIGITS):
        errors.append({"type": "decimal_max_digits", "loc": loc})
        return _MISSING
    return number


MAX_MAGNITUDE = 15   # up to 10^16: far beyond any amount in 万元 or any weight
MAX_DIGITS = 30


def _bool(value, loc, errors):
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, Decimal)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    errors.append({"type": "bool_parsing" if isinstance(value, (str, int, float, Decimal)) else "bool_type", "loc": loc})
    return _MISSING


def _any(value, loc, errors):
    return value


def _literal(choices):
    expected = ", ".join(repr(c) for c in choices[:-1]) + (" or " if len(choices) > 1 else "") + repr(choices[-1])

    def convert(value, loc, errors):
        for choice in choices:
            if type(value) is type(choice) and value == choice:
                return choice
        errors.append({"type": "literal_error", "loc": loc, "ctx": {"expected": expected}})
        return _MISSING
    return convert


def _optional(inner):
    def convert(value, loc, errors):
        return None if value is None else inner(value, loc, errors)
    return convert


def _list(inner):
    def convert(value, loc, errors):
        if not isinstance(value, (list, tuple)):
            errors.append({"type": "list_type", "loc": loc})
            return _MISSING
        out, bad = [], False
        for i, item in enumerate(value):
            item = inner(item, (*loc, i), errors)
            bad |= item is _MISSING
            out.append(item)
        return _MISSING if bad else out
    return convert


def _dict(inner):
    def convert(value, loc, errors):
        if not isinstance(value, dict):
            errors.append({"type": "dict_type", "loc": loc})
            return _MISSING
        out, bad = {}, False
        for key, item in value.items():
            if not isinstance(key, str):
                errors.append({"type": "string_type", "loc": (*loc, str(key), "[key]")})
                bad = True
                continue
            item = inner(item, (*loc, key), errors)
            bad |= item is _MISSING
            out[key] = item
        return _MISSING if bad else out
    return convert


def _record(cls):
    def convert(value, loc, errors):
        if isinstance(value, cls):
            return value
        if not isinstance(value, dict):
            errors.append({"type": "model_type", "loc": loc})
            return _MISSING
        return cls._build(value, loc, errors)
    return convert


_SIMPLE = {str: _str, int: _int, bool: _bool, Decimal: _decimal, Any: _any}


def _converter(hint):
    if hint in _SIMPLE:
        return _SIMPLE[hint]
    if isinstance(hint, type) and issubclass(hint, Record):
        return _record(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Literal:
        return _literal(list(args))
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1 and len(args) == 2:
            return _optional(_converter(rest[0]))
    if origin is list:
        return _list(_converter(args[0]))
    if origin is dict and args[0] is str:
        return _dict(_converter(args[1]))
    raise TypeError(f"core.schema does not handle the annotation {hint!r}")


def _hints(cls) -> dict:
    """The record's annotations evaluated, as typing.get_type_hints gives them, at a quarter
    of its cost: it compiles every annotation text again for each record (~3 ms of the
    window's start-up for the template's and the draft's). A name in quotes inside an
    annotation (list["Node"]) is left to typing."""
    module, local = vars(sys.modules[cls.__module__]), {cls.__name__: cls}   # local: self-reference
    hints = {}
    for klass in reversed(cls.__mro__):
        for name, hint in klass.__dict__.get("__annotations__", {}).items():
            hints[name] = eval(_annotation_code(hint), module, local) if isinstance(hint, str) else hint
    if any(_quoted(hint) for hint in hints.values()):
        return typing.get_type_hints(cls, module, local)
    return hints


@functools.cache
def _annotation_code(annotation: str):
    return compile(annotation, "<annotation>", "eval")


def _quoted(hint) -> bool:
    if isinstance(hint, (str, typing.ForwardRef)):
        return True
    return typing.get_origin(hint) is not Literal and any(_quoted(arg) for arg in typing.get_args(hint))


def _check(value, rules: dict, loc, errors) -> bool:
    for name, bound in rules.items():
        if name == "pattern":  # the whole text must match
            if not re.fullmatch(bound, value):
                errors.append({"type": "string_pattern_mismatch", "loc": loc, "ctx": {"pattern": bound}})
                return False
        elif value is not None and ((name == "ge" and value < bound) or (name == "le" and value > bound)):
            kind = {"ge": "greater_than_equal", "le": "less_than_equal"}[name]
            errors.append({"type": kind, "loc": loc, "ctx": {name: bound}})
            return False
    return True


class _Field:
    __slots__ = ("convert", "default", "before", "rules")

    def __init__(self, convert, default, before, rules):
        self.convert, self.default, self.before, self.rules = convert, default, before, rules

    def make_default(self):
        d = self.default
        if isinstance(d, Factory):
            return d.make()
        return d if isinstance(d, (str, int, Decimal, type(None))) else copy.deepcopy(d)


class Record:
    """A typed record: built from a dict (model_validate) or keywords, both checked."""

    _constraints: dict = {}
    _before: dict = {}
    _extra_allowed = False
    _exclude: frozenset = frozenset()

    def __init__(self, **data):
        errors: list[dict] = []
        if not self._fill(data, (), errors):
            raise ValidationError(type(self).__name__, errors)

    def _after(self) -> None:
        """Checks over the whole record once its fields are valid (raise ValueError)."""

    # -- building ------------------------------------------------------------------
    @classmethod
    def _fields(cls) -> dict[str, _Field]:
        found = cls.__dict__.get("_compiled")
        if found is None:
            hints = _hints(cls)
            found = {}
            for name, hint in hints.items():
                if name.startswith("_") or typing.get_origin(hint) is typing.ClassVar:
                    continue
                default = getattr(cls, name, _MISSING)
                if isinstance(default, property) or callable(default) and not isinstance(default, Factory):
                    default = _MISSING
                found[name] = _Field(_converter(hint), default, cls._before.get(name),
                                     cls._constraints.get(name, {}))
            cls._compiled = found
        return found

    @classmethod
    def model_validate(cls, data):
        if isinstance(data, cls):
            return data
        errors: list[dict] = []
        try:
            record = _record(cls)(data, (), errors)
        except RecursionError:
            raise ValidationError(cls.__name__, [{"type": "recursion_loop", "loc": ()}]) from None
        if errors:
            raise ValidationError(cls.__name__, errors)
        return record

    @classmethod
    def _build(cls, data: dict, loc: tuple, errors: list):
        record = cls.__new__(cls)
        return record if record._fill(data, loc, errors) else _MISSING

    def _fill(self, data: dict, loc: tuple, errors: list) -> bool:
        """Check `data` into this record's fields; False, with the problems added to
        `errors`, when it is not valid."""
        spec = self._fields()
        out: dict = {}
        before = len(errors)
        for name, f in spec.items():
            raw = data.get(name, _MISSING)
            if raw is _MISSING:
                if f.default is _MISSING:
                    errors.append({"type": "missing", "loc": (*loc, name)})
                else:
                    out[name] = f.make_default()
                continue
            if f.before is not None:
                try:
                    raw = f.before(raw)
                except ValueError as exc:
                    errors.append({"type": "value_error", "loc": (*loc, name), "ctx": {"error": str(exc)}})
                    continue
            value = f.convert(raw, (*loc, name), errors)
            if value is not _MISSING and (not f.rules or _check(value, f.rules, (*loc, name), errors)):
                out[name] = value
        extra = {}
        for key in data:  # after the fields' own problems, as pydantic lists them
            if key not in spec:
                if self._extra_allowed and isinstance(key, str):
                    extra[key] = data[key]
                else:
                    errors.append({"type": "extra_forbidden", "loc": (*loc, key)})
        if len(errors) > before:
            return False
        out["model_extra"] = extra if self._extra_allowed else None
        self.__dict__.update(out)
        try:
            self._after()
        except ValueError as exc:  # exc.loc, when set, names the field under this record
            errors.append({"type": "value_error", "loc": (*loc, *getattr(exc, "loc", ())), "ctx": {"error": str(exc)}})
            return False
        return True

    # -- copying, comparing, writing out ---------------------------------------------
    def model_copy(self, update: dict | None = None, deep: bool = False):
        """A copy with some fields replaced (not re-checked: the caller's values are typed)."""
        clone = type(self).__new__(type(self))
        state = {k: v for k, v in self.__dict__.items() if not k.startswith("_")}  # caches are rebuilt
        clone.__dict__.update(copy.deepcopy(state) if deep else state)
        if update:
            clone.__dict__.update(update)
        return clone

    def _values(self) -> dict:
        return {name: self.__dict__.get(name) for name in self._fields()}

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values() and self.model_extra == other.model_extra

    __hash__ = None  # mutable, like a dict

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self._values().items())
        return f"{type(self).__name__}({shown})"

    def model_dump(self, mode: str = "python", exclude=(), exclude_defaults: bool = False,
                   exclude_none: bool = False) -> dict:
        """Plain data: in mode "json", Decimals become their text, as the files hold them."""
        out = {}
        for name, f in self._fields().items():
            if name in exclude or name in self._exclude:
                continue
            value = self.__dict__.get(name)
            if exclude_none and value is None:
                continue
            if exclude_defaults and f.default is not _MISSING and not isinstance(f.default, Factory) \
                    and value == f.default:
                continue
            out[name] = _dump(value, mode, exclude_defaults, exclude_none)
        for key, value in (self.model_extra or {}).items():
            out[key] = _dump(value, mode, exclude_defaults, exclude_none)
        return out


def _dump(value, mode, exclude_defaults, exclude_none):
    if isinstance(value, Record):
        return value.model_dump(mode, (), exclude_defaults, exclude_none)
    if isinstance(value, list):
        return [_dump(v, mode, exclude_defaults, exclude_none) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v, mode, exclude_defaults, exclude_none) for k, v in value.items()}
    if mode == "json" and isinstance(value, Decimal):
        return str(value)
    return value
