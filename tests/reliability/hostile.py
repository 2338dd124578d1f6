"""Strings a clerk may paste from Word/WPS, or a hostile file may carry."""

from __future__ import annotations

from hypothesis import strategies as st

# Each must survive save → open unchanged, and reach every output cleaned only
# of control characters (core.text.clean_text).
HOSTILE_TEXTS = [
    "=SUM(A1:A9)", "+86 20 1234 5678", "-1", "@unit", "=cmd|' /C calc'!A0",
    "{{ cycler.__init__.__globals__.os }}", "{% for x in range(10) %}x{% endfor %}", "{#注释#}",
    "行一\x0b行二\x0c行三\r\n行四\x07响铃\x00零\x1f单元\x7f删除\x85",
    "< & > \" ' ＆ ＜",
    "𠀀𠀁𪚥𤭢 CJK 扩展 B", "😀👍🏽👨‍👩‍👧 表情", "\u200b零宽\u200d\ufeffBOM",
    "\u202e反向\u202c", "　全角空格　", "\t制表\t",
    ("财政拨款收入 1391.03 万元，完成 100%。" * 4000)[:100_000],  # one 100,000-character paragraph
    "",
]
LONG_PARAGRAPH = HOSTILE_TEXTS[-2]
assert len(LONG_PARAGRAPH) == 100_000

# Any text Python can hold except lone surrogates (a clerk cannot type those,
# and a file cannot carry them: see test_fuzz_draft.test_lone_surrogate_is_refused).
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=400)

prefixes = st.sampled_from(["", "=", "+", "-", "@", "{{", "{%", "\x0b", "\x00", "𠀀", "😀"])
hostile_text = st.one_of(
    any_text,
    st.builds(lambda p, t: p + t, prefixes, any_text),
    st.sampled_from(HOSTILE_TEXTS),
)


# -- mutating a real file's parsed data (drafts, forms) ---------------------------

def all_paths(node, prefix=()):
    """Every key/index path in parsed JSON/YAML data, the root excluded."""
    if prefix:
        yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from all_paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from all_paths(v, prefix + (i,))


def mutations(paths, values, keys=st.text(max_size=10)):
    """1–3 (path, action, value, new key) tuples; their repr is what hypothesis
    prints for a failing case, far shorter than the mutated file."""
    one = st.tuples(st.sampled_from(list(paths)), st.sampled_from(["replace", "delete", "add"]), values, keys)
    return st.lists(one, min_size=1, max_size=3)


def mutate(data, changes):
    """Apply mutations in place; a path an earlier change removed is skipped."""
    for path, action, value, key in changes:
        parent = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            if action == "replace":
                parent[path[-1]] = value
            elif action == "delete":
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[key] = value
        except (KeyError, IndexError, TypeError):
            continue
    return data
