"""core/schema.py: the record types under form.yaml and draft files."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

import pytest

from core.errors import problems_from_schema
from core.schema import Factory, Record, ValidationError


class Item(Record):
    id: str
    points: Decimal = Decimal(0)
    done: bool = False


class Form(Record):
    name: str
    year: int = 2021
    kind: Literal["normal", "bonus"] = "normal"
    note: str | None = None
    items: list[Item] = []
    marks: dict[str, Decimal] = {}
    stamp: str = Factory(lambda: "made")

    _constraints = {"year": {"ge": 2000, "le": 2100}, "name": {"pattern": r"[a-z]+"}}
    _before = {"name": lambda v: v.lower() if isinstance(v, str) else v}


def _errors(data) -> list[tuple[str, tuple]]:
    with pytest.raises(ValidationError) as exc:
        Form.model_validate(data)
    return [(e["type"], tuple(e["loc"])) for e in exc.value.errors()]


@pytest.mark.parametrize("raw, expected", [
    (" 26.9 ", Decimal("26.9")), (26.9, Decimal("26.9")), (15, Decimal(15)), ("1e3", Decimal("1E+3")),
])
def test_numbers_are_read_as_a_clerk_wrote_them(raw, expected):
    assert Form.model_validate({"name": "a", "items": [{"id": "x", "points": raw}]}).items[0].points == expected


@pytest.mark.parametrize("raw, expected", [(" 2022 ", 2022), ("2022.0", 2022), (2022.0, 2022)])
def test_integers_accept_integral_text_and_floats(raw, expected):
    assert Form.model_validate({"name": "a", "year": raw}).year == expected


@pytest.mark.parametrize("raw, kind", [("1e3", "int_parsing"), (2021.5, "int_from_float"), ([], "int_type"),
                                       (1999, "greater_than_equal"), ("2101", "less_than_equal")])
def test_integers_refuse_what_is_not_one(raw, kind):
    assert _errors({"name": "a", "year": raw}) == [(kind, ("year",))]


def test_every_problem_is_collected_with_its_place():
    errors = _errors({"name": "AB1", "kind": "extra", "items": [{"id": 5}, {"points": "五分", "colour": 1}, "x"],
                      "marks": {"a": "nan"}, "wieght": 3})
    assert errors == [
        ("string_pattern_mismatch", ("name",)),            # lower-cased first by _before, then checked
        ("literal_error", ("kind",)),
        ("string_type", ("items", 0, "id")),
        ("missing", ("items", 1, "id")),
        ("decimal_parsing", ("items", 1, "points")),
        ("extra_forbidden", ("items", 1, "colour")),
        ("model_type", ("items", 2)),
        ("finite_number", ("marks", "a")),
        ("extra_forbidden", ("wieght",)),
    ]


def test_problems_read_in_chinese_with_the_allowed_values():
    with pytest.raises(ValidationError) as exc:
        Form.model_validate({"name": "a", "kind": "extra", "items": [{"id": "x", "done": "maybe"}]})
    problems = {p.where: p for p in problems_from_schema(exc.value)}
    assert problems["kind"].what == "取值不在允许范围内" and "'normal'" in problems["kind"].fix
    assert problems["items[0].done"].what == "应为 true 或 false"


def test_mutable_defaults_are_fresh_for_each_record():
    a, b = Form(name="a"), Form(name="b")
    a.items.append(Item(id="x"))
    a.marks["m"] = Decimal(1)
    assert b.items == [] and b.marks == {} and a.stamp == b.stamp == "made"


def test_keywords_are_checked_and_converted_like_a_file():
    assert Item(id="x", points="5").points == Decimal(5)
    with pytest.raises(ValidationError):
        Item(points=5)


def test_copy_replaces_fields_without_touching_the_original():
    form = Form(name="a", items=[Item(id="x")])
    form.__dict__["_cache"] = "stale"
    shallow = form.model_copy(update={"year": 2022})
    deep = form.model_copy(deep=True)
    deep.items[0].id = "y"
    assert (form.year, shallow.year, form.items[0].id) == (2021, 2022, "x")
    assert "_cache" not in shallow.__dict__          # caches derived from the old fields are dropped
    assert shallow == Form(name="a", items=[Item(id="x")], year=2022)
    assert form != shallow


def test_dump_writes_decimals_as_text_and_can_leave_defaults_out():
    form = Form(name="a", items=[Item(id="x", points="2.50")])
    assert form.model_dump(mode="json")["items"] == [{"id": "x", "points": "2.50", "done": False}]
    assert form.model_dump()["items"][0]["points"] == Decimal("2.50")
    assert form.model_dump(mode="json", exclude_defaults=True) == {"name": "a", "items": [{"id": "x", "points": "2.50"}],
                                                                   "stamp": "made"}


def test_deep_nesting_is_a_problem_not_a_crash():
    class Node(Record):
        children: list["Node"] = []
    data: dict = {}
    for _ in range(5000):
        data = {"children": [data]}
    with pytest.raises(ValidationError) as exc:
        Node.model_validate(data)
    assert exc.value.errors()[0]["type"] == "recursion_loop"


def test_every_record_s_annotations_are_read_as_typing_reads_them():
    """core.schema evaluates annotations itself (typing.get_type_hints was ~3 ms of start-up):
    the same hints, for every record the template and the draft are made of."""
    import sys
    import typing

    from core import draft, template
    from core.schema import _hints
    records = {c for m in (template, draft) for c in vars(m).values()
               if isinstance(c, type) and issubclass(c, Record) and c is not Record}
    assert len(records) >= 15
    for cls in records:
        expected = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]), {cls.__name__: cls})
        assert _hints(cls) == expected, cls.__name__


def test_a_quoted_name_inside_an_annotation_is_still_resolved():
    class Branch(Record):
        name: str
        twigs: list["Branch"] = []
    tree = Branch.model_validate({"name": "一级", "twigs": [{"name": "二级"}]})
    assert isinstance(tree.twigs[0], Branch) and tree.twigs[0].name == "二级"
