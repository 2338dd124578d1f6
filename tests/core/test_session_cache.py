"""The Session keeps row results between keystrokes; whatever the clerk does,
its result must equal a fresh evaluation of the same draft."""

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.evaluate import evaluate
from core.session import Session
from core.template import IndicatorDef

ADDRESSES = [
    "indicators.t2_cases.score", "indicators.t2_cases.note", "indicators.t3_failure.score",
    "indicators.budget_diff.actual", "indicators.asset_use.actual", "indicators.goal_setting.score",
    "indicators.goal_setting.band", "indicators.asset_use.override.score", "indicators.asset_use.override.reason",
    "indicators.t1_emergency.target", "grids.spending.wages.actual", "grids.spending.project.budget",
    "fields.unit_name", "sections.s_overview",
]
VALUES = st.sampled_from(["", "0", "4.5", "5", "8", "10.6%", "12", "99%", "abc", "95,9", "部分达成", "达成", "说明"])
STEPS = st.lists(st.one_of(
    st.tuples(st.sampled_from(ADDRESSES), VALUES),
    st.tuples(st.just("checked"), st.booleans()),
    st.tuples(st.just("add"), st.integers(1, 9)),
    st.tuples(st.just("remove"), st.just(None)),
), max_size=25)


def _snapshot(result):
    s = result.scores
    return (s.total, s.grade, s.complete, [(g.id, g.score, g.weight) for g in s.groups],
            {k: (n.score, n.weight, n.complete) for k, n in s.nodes.items()},
            [(f.code, f.severity, f.field, f.message) for f in result.findings])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_cached_session_equals_fresh_evaluation(gd_template, sample_draft, steps):
    session = Session(gd_template, copy.deepcopy(sample_draft))
    history = []  # (rows, values of the row removed) — the window's add/remove/undo path
    for kind, value in steps:
        rows = list(session.draft.extra_indicators["duty"])
        if kind == "checked":
            session.set("indicators.disclosure.checked.final_public", value)
        elif kind == "add":
            node = IndicatorDef(id=f"new{len(history)}", name="新增", weight=value)
            quality = rows[2].model_copy(update={"children": [*rows[2].children, node]})
            history.append(rows)
            session.replace_extra("duty", [*rows[:2], quality])
            session.set(f"indicators.{node.id}.score", str(value))
        elif kind == "remove":
            if history:
                gone = rows[2].children[-1].id
                entry = session.draft.indicators.get(gone)
                session.replace_extra("duty", history.pop(), drop=[gone])
                if entry is not None and history:  # undo the removal, then remove again
                    session.replace_extra("duty", rows, restore={gone: entry})
                    session.replace_extra("duty", [*rows[:2], rows[2].model_copy(
                        update={"children": rows[2].children[:-1]})], drop=[gone])
        else:
            session.set(kind, value)
        fresh = evaluate(gd_template, copy.deepcopy(session.draft))
        assert _snapshot(session.result) == _snapshot(fresh)
