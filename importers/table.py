"""A filled 自评表 (Excel) → a draft of the matching template, found by its header cells.

Nothing is read from a fixed address: each field is found by its label (the
value is the cell to its right, or below a column heading), each money row by
its label under the money block's column headings, each indicator row under
the 一级/二级/三级指标 headings, merged cells applying to every row they span.
Every cell with text that could not be placed is listed in the Report, and
every decision the clerk should know (a score kept as the table printed it, a
total that differs) is said there too: nothing is guessed silently.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from decimal import Decimal
from pathlib import Path

from core.draft import Draft, IndicatorEntry, Override, TemplateRef
from core.evaluate import evaluate
from core.nature import Nature, from_cells
from core.nature import read as read_nature
from core.numbers import parse_number, plain
from core.rules import band_of
from core.targets import compose_target, parse_actual, parse_target, unit_problem
from core.template import IndicatorDef, RuleSpec, Template, walk_indicators

from . import labels as lb
from .sheet import Sheet, ref

OVERRIDE_REASON = "导入 Excel 表时照录原表得分"


@dataclass
class Note:
    sheet: str
    cell: str
    text: str
    why: str

    def line(self) -> str:
        text = self.text if len(self.text) <= 40 else self.text[:40] + "…"
        return f"「{self.sheet}」{self.cell}：“{text}”——{self.why}"


@dataclass
class Report:
    template: Template
    sheet: str
    unplaced: list[Note] = field(default_factory=list)   # cells with text the reader could not place
    notes: list[str] = field(default_factory=list)       # what the clerk should check (Chinese sentences)
    counts: dict = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [f"按模板“{self.template.name}”读取了工作表「{self.sheet}」："
               f"表头栏目 {self.counts.get('fields', 0)} 项，资金数字 {self.counts.get('cells', 0)} 个，"
               f"绩效指标 {self.counts.get('indicators', 0)} 条"]
        out += [f"请核对：{n}" for n in self.notes]
        if self.unplaced:
            out.append(f"以下 {len(self.unplaced)} 个单元格没有导入（程序无法确定它们属于哪一栏）：")
            out += ["  " + n.line() for n in self.unplaced]
        else:
            out.append("表中所有文字和数字都已对应到草稿，没有未导入的单元格。")
        return out


# -- which template ----------------------------------------------------------

def layout_words(template: Template) -> set[str]:
    """The fixed texts of the template's Excel layout (headings, labels, title)."""
    path = Path(template.folder or ".") / "table.xlsx"
    try:
        st = path.stat()
    except OSError:
        return set()
    return set(_layout_words(str(path), st.st_mtime_ns, st.st_size))


@lru_cache(maxsize=16)
def _layout_words(path: str, mtime_ns: int, size: int) -> frozenset[str]:
    """Cached per file version: reading the layout costs ~0.1 s."""
    from exporters.xlsx_markers import MARKER
    words: set[str] = set()
    try:
        import io

        from openpyxl import load_workbook

        from core import template_files   # the template's own file: through the gate like every read
        wb = load_workbook(io.BytesIO(template_files.read(Path(path).parent, "table.xlsx")), read_only=True)
        for ws in wb.worksheets[:1]:
            for row in ws.iter_rows(values_only=True):
                for v in row:
                    if isinstance(v, str):
                        for part in MARKER.split(v)[::2]:   # text around the markers
                            if lb.norm(part):
                                words.add(lb.norm(part))
        wb.close()
    except Exception:   # a template without a readable layout is still matched by its labels
        pass
    return frozenset(words)


def template_words(template: Template) -> set[str]:
    words = set(layout_words(template))
    for f in template.all_fields():
        words.add(lb.norm(f.label))
    for g in template.grids:
        words |= {lb.norm(c.label) for c in g.columns} | {lb.strip_qizhong(lb.norm(r.label)) for r in g.rows}
    for _, node in walk_indicators(template.indicators):
        words.add(lb.norm(node.name))
    words.discard("")
    return words


def sheet_words(sheet: Sheet) -> set[str]:
    return {lb.strip_qizhong(lb.norm(c.text)) for c in sheet.cells.values() if c.text}


def best_match(sheets: list[Sheet], templates: list[Template]) -> tuple[Sheet, Template, float] | None:
    """The (sheet, template) pair whose fixed texts agree best, by F1 over known words."""
    vocab = {t.id: template_words(t) for t in templates}
    known = set().union(*vocab.values()) if vocab else set()
    best = None
    for sheet in sheets:
        seen = sheet_words(sheet) & known
        for t in templates:
            hit = len(seen & vocab[t.id])
            if not hit:
                continue
            f1 = 2 * hit / (len(vocab[t.id]) + len(seen))
            if best is None or f1 > best[2]:
                best = (sheet, t, f1)
    return best


# -- reading -------------------------------------------------------------------

class _Reader:
    def __init__(self, sheet: Sheet, template: Template):
        self.s, self.t = sheet, template
        self.used: set[tuple[int, int]] = set()   # top-left cells placed (labels and values)
        self.report = Report(template, sheet.name)
        self.static = template_words(template) | lb.HEADINGS | set(lb.COLUMN_OF)
        self.fields: dict[str, str | None] = {}
        self.grids: dict[str, dict[str, dict[str, str | None]]] = {}
        self.printed: dict[str, tuple[Decimal | None, Decimal | None]] = {}   # indicator id → (分值, 得分) as printed
        self.carried_notes: dict[str, str] = {}   # 偏差原因 of an indicator printed with its money block
        self.rows: list[dict] = []
        self.total: Decimal | None = None
        self.ind_header = None

    # small helpers
    def use(self, r, c):
        b = self.s.block(r, c)
        self.used.add((b[0], b[1]))

    def cells_in_order(self):
        for (r, c) in sorted(self.s.cells):
            b = self.s.block(r, c)
            if (b[0], b[1]) == (r, c):
                yield r, c, self.s.cells[(r, c)]

    def is_static(self, text: str) -> bool:
        n = lb.norm(text)
        return not n or n in self.static or lb.strip_qizhong(n) in self.static

    def unplaced(self, r, c, text, why="没有找到它所属的栏目"):
        self.report.unplaced.append(Note(self.s.name, ref(r, c), text, why))

    # -- 1. indicator header first: it bounds the money block --------------------
    def find_indicator_header(self):
        cand = {}
        for r, c, cell in self.cells_in_order():
            role = lb.COLUMN_OF.get(lb.norm(cell.text))
            if role:
                cand.setdefault(r, []).append((role, c))
        best_row = None
        for r, hits in cand.items():
            roles = {role for role, _ in hits}
            if "l3" in roles or ("l1" in roles and "l2" in roles):
                if best_row is None or len(roles) > len(set(x for x, _ in cand[best_row])):
                    best_row = r
        if best_row is None:
            return
        # a heading row may continue on the next row ("年度指标值" over "（A）", merged 一级指标)
        rows = [best_row] + [r for r in (best_row + 1,) if r in cand and not ({x for x, _ in cand[r]} & {"l1", "l2", "l3"})]
        cols: dict[str, tuple[int, int]] = {}
        end = best_row
        for r in rows:
            for role, c in cand[r]:
                b = self.s.block(r, c)
                cols.setdefault(role, (b[1], b[3]))
                self.use(r, c)
                end = max(end, b[2])
        for c in range(1, self.s.max_col + 1):   # "（A）" under a heading, merged headings above
            for r in range(best_row, end + 1):
                if not lb.norm(self.s.text(r, c)):
                    self.use(r, c)
        self.ind_header = (best_row, end, cols)

    # -- 2. money grids -----------------------------------------------------------------
    def read_grids(self):
        stop = self.ind_header[0] if self.ind_header else self.s.max_row + 1
        carried = _in_grid(self.t)
        for g in self.t.grids:
            header = None
            for r in range(1, stop):
                hits = {}
                for c in range(1, self.s.max_col + 1):
                    b = self.s.block(r, c)
                    if b[1] != c:
                        continue
                    n = lb.norm(self.s.text(r, c))
                    for col in g.columns:
                        if n and n in lb.names(col.label) and col.id not in hits:
                            hits[col.id] = (b[1], b[3], r)
                    if n in ("分值", "得分", "权重"):
                        hits.setdefault("#" + ("score" if n == "得分" else "weight"), (b[1], b[3], r))
                if len([k for k in hits if not k.startswith("#")]) >= 2 and (header is None or len(hits) > len(header[1])):
                    header = (r, hits)
            if header is None:
                continue
            hr, hits = header
            for (c1, _, r) in hits.values():
                self.use(r, c1)
            label_cols = range(1, min(c1 for c1, _, _ in hits.values()))
            values: dict[str, dict[str, str | None]] = {}
            last_row = 0
            for row in g.rows:
                found = None
                for rr in range(hr + 1, stop):
                    for c in label_cols:
                        if (rr, c) in self.used:
                            continue
                        n = lb.strip_qizhong(lb.norm(self.s.text(rr, c)))
                        if n and n in lb.names(row.label):
                            found = (rr, c)
                            break
                    if found:
                        break
                if not found:
                    continue
                rr, c = found
                last_row = max(last_row, self.s.block(rr, c)[2])
                self.use(rr, c)
                cells = {}
                for col in g.columns:
                    if col.id not in hits:
                        continue
                    vc = hits[col.id][0]
                    cell = self.s.at(rr, vc)
                    self.use(rr, vc)
                    if col.formula or row.formula:
                        continue   # computed: the program makes it again
                    if cell.text and cell.number is None:
                        n = parse_number(cell.text)
                        if n.value is None:
                            self.unplaced(rr, vc, cell.text, f"“{row.label}”的“{col.label}”应为数字")
                            continue
                        cells[col.id] = plain(n.value)
                    elif cell.number is not None:
                        cells[col.id] = plain(cell.number)
                        self.report.counts["cells"] = self.report.counts.get("cells", 0) + 1
                if cells:
                    values[row.id] = cells
                # 分值 / 得分 printed in the money block belong to the 执行率 indicator
                for key in ("#weight", "#score"):
                    if key in hits:
                        vc = hits[key][0]
                        self.use(rr, vc)
                        ind = carried.get(g.id) if row is g.rows[0] else None
                        if ind:
                            w, s = self.printed.get(ind, (None, None))
                            num = self.s.at(rr, vc).number
                            self.printed[ind] = (num, s) if key == "#weight" else (w, num)
            if values:
                self.grids[g.id] = values
            if g.id in carried and last_row:
                self._carried_note(carried[g.id], last_row + 1, stop)

    def _carried_note(self, ind: str, start: int, stop: int):
        """The money block's indicator's 偏差原因, on a row of its own under the block."""
        for r in range(start, min(stop, start + 3)):
            for c in range(1, self.s.max_col + 1):
                text = self.s.text(r, c)
                if "偏差原因" in lb.norm(text) and self.s.block(r, c)[:2] == (r, c) and (r, c) not in self.used:
                    self.use(r, c)
                    beside = self._value_beside(r, c)
                    if beside is not None:
                        self.use(beside[0], beside[1])
                        self.carried_notes[ind] = beside[2]
                    return

    # -- 3. header fields ---------------------------------------------------------------
    def read_fields(self):
        year_field = self.t.role_field("year")
        labels = {f.id: lb.names(f.label) for f in self.t.all_fields()}
        inline_labels = [(f.id, lb.norm(f.label)) for f in self.t.all_fields()]
        for f in self.t.all_fields():
            hit = self._find_label(labels[f.id])
            if hit is None:
                hit = self._find_inline(f.id, inline_labels)
                if hit is not None:
                    self.fields[f.id] = hit or None
                    self.report.counts["fields"] = self.report.counts.get("fields", 0) + 1
                continue
            r, c = hit
            self.use(r, c)
            value = self._value_beside(r, c)
            if value is not None:
                vr, vc, text = value
                self.use(vr, vc)
                self.fields[f.id] = self._field_text(f, self.s.at(vr, vc)) or None
            else:
                self.fields[f.id] = None
            self.report.counts["fields"] = self.report.counts.get("fields", 0) + 1
        if year_field and not self.fields.get(year_field.id):
            for r, c, cell in self.cells_in_order():
                m = lb.YEAR.search(lb.norm(cell.text))
                if m and (r, c) not in self.used:
                    self.fields[year_field.id] = m.group(1)
                    if lb.YEAR.sub("", lb.norm(cell.text)).strip("()") == "":
                        self.use(r, c)
                    self.report.counts["fields"] = self.report.counts.get("fields", 0) + 1
                    break

    def _field_text(self, f, cell) -> str:
        if f.type in ("money", "integer", "decimal", "percent") and cell.number is not None:
            return plain(cell.number)
        return cell.text

    def _find_label(self, wanted: set[str]):
        for r, c, cell in self.cells_in_order():
            if (r, c) not in self.used and lb.norm(cell.text) in wanted:
                return r, c
        return None

    def _find_inline(self, field_id: str, inline_labels):
        """“项目负责人：周海平”, “联系人：　联络电话：” — labels written in the value's own cell."""
        own = next(n for i, n in inline_labels if i == field_id)
        if not own:
            return None
        for r, c, cell in self.cells_in_order():
            text = unicodedata.normalize("NFKC", cell.text)
            if not re.search(re.escape(own) + r"\s*:", text):
                continue
            marks = sorted((m.start(), m.end(), i) for i, lab in inline_labels if lab
                           for m in re.finditer(re.escape(lab) + r"\s*:", text))
            for k, (start, end, fid) in enumerate(marks):
                if fid != field_id:
                    continue
                self.use(r, c)
                last = k + 1 == len(marks)
                value = text[end:marks[k + 1][0] if not last else len(text)].strip()
                if not value and last and text.rstrip().endswith(":"):   # “填报人：” | 张三
                    beside = self._value_beside(r, c)
                    if beside is not None:
                        self.use(beside[0], beside[1])
                        return beside[2]
                return value
        return None

    def _value_beside(self, r, c):
        """The value of the label at (r, c): right of it (in any row the label spans; blank
        columns skipped), else below it when the label heads a column (its right neighbour
        is another heading, or nothing)."""
        r1, c1, r2, c2 = self.s.block(r, c)
        headed = True
        for row in range(r1, r2 + 1):
            col, adjacent = c2 + 1, True
            while col <= self.s.max_col:
                b = self.s.block(row, col)
                text = self.s.text(row, col)
                if text:
                    if self.is_static(text) or (b[0], b[1]) in self.used:
                        if not adjacent:
                            return None   # blank cells, then the next label: the value is empty
                        break
                    return b[0], b[1], text
                if adjacent:
                    headed = False
                adjacent = False
                col = b[3] + 1
        if not headed:
            return None
        below = self.s.block(r2 + 1, c1)
        text = self.s.text(r2 + 1, c1)
        if text and not self.is_static(text) and (below[0], below[1]) not in self.used:
            return below[0], below[1], text
        return None

    # -- 4. indicator rows ------------------------------------------------------------
    def read_indicators(self):
        if not self.ind_header:
            return
        _, end, cols = self.ind_header
        name_cols = [cols[k][0] for k in ("l1", "l2", "l3") if k in cols]
        prev = {"l1": "", "l2": ""}
        ended = False
        continued: list[int] = []
        for r in range(end + 1, self.s.max_row + 1):
            texts = {k: self.s.text(r, cols[k][0]) if k in cols else "" for k in ("l1", "l2", "l3")}
            first = next((self.s.text(r, c) for c in range(1, (max(name_cols) if name_cols else 1) + 1)
                          if self.s.text(r, c)), "")
            nf = lb.norm(first)
            if nf and (lb.TOTAL_ROW.match(nf) or lb.SUBTOTAL_ROW.search(nf) or lb.GRADE_ROW.match(nf)):
                if lb.TOTAL_ROW.match(nf) and "score" in cols:
                    self.total = self.s.at(r, cols["score"][0]).number
                    ended = True
                for c in range(1, self.s.max_col + 1):
                    self.use(r, c)
                continue
            if ended:
                break   # the rows after the total (signatures) are header fields, read elsewhere
            if not any(texts.values()):
                continue
            # merged cells carry their text to every row they span; an unmerged empty 一级/二级
            # cell continues the one above (published tables leave them blank)
            for k in ("l1", "l2"):
                if not texts[k] and k in cols:
                    texts[k] = prev[k]
            if texts["l1"] != prev["l1"]:
                prev["l2"] = ""
                if not self.s.text(r, cols["l2"][0]) if "l2" in cols else True:
                    texts["l2"] = ""
            if any(texts[k] and not self.s.text(r, cols[k][0]) for k in ("l1", "l2") if k in cols):
                continued.append(r)   # a blank, unmerged 一级/二级 cell read as the one above: said below
            prev = {"l1": texts["l1"], "l2": texts["l2"]}
            for k in ("l1", "l2", "l3"):
                if k in cols:
                    self.use(r, cols[k][0])
            path, last = [], None
            for k in ("l1", "l2", "l3"):
                if not texts[k] or k not in cols:
                    continue
                block = self.s.block(r, cols[k][0])
                if path and block == last:
                    continue   # one cell merged across the level columns (“预算执行率”)
                path.append(texts[k])
                last = block
            row = {"r": r, "path": path}
            for key in ("nature", "target", "unit", "actual", "weight", "score", "note", "criteria", "explain"):
                if key in cols:
                    c1, c2 = cols[key]
                    cell = next((self.s.at(r, c) for c in range(c1, c2 + 1) if self.s.at(r, c).text), self.s.at(r, c1))
                    for c in range(c1, c2 + 1):
                        self.use(r, c)
                    row[key] = cell
            self.rows.append(row)
        if continued:
            rows = "、".join(str(r) for r in continued[:8]) + ("等" if len(continued) > 8 else "")
            self.report.notes.append(f"第 {rows} 行的一级/二级指标格空着（没有合并单元格），按上一行的指标读入")

    def place_indicators(self):
        extra: dict[str, list[IndicatorDef]] = {}
        entries: dict[str, IndicatorEntry] = {}
        taken = {n.id for _, n in walk_indicators(self.t.indicators)}
        counter = [0]

        def new_id():
            while True:
                counter[0] += 1
                nid = f"imp_{counter[0]}"
                if nid not in taken:
                    taken.add(nid)
                    return nid

        placed = []
        for row in self.rows:
            found = _place(self.t.indicators, row["path"])
            r = row["r"]
            weight = row.get("weight")
            score = row.get("score")
            wnum = _num(weight)
            snum = _num(score)
            nature, target = self._nature_and_target(row)
            actual = _txt(row.get("actual"))
            note = _txt(row.get("note"))
            if found is None:
                for c in range(1, self.s.max_col + 1):
                    if (r, c) in self.used or self.s.block(r, c)[:2] == (r, c):
                        text = self.s.text(r, c)
                        if text and self.s.block(r, c)[0] == r:
                            self.unplaced(r, c, text, f"“{' / '.join(row['path'])}”不是模板中的指标，也不能作为新增指标")
                continue
            node, rest = found
            if not rest:
                if node.children or node.extensible:   # a group's own row (“经济效益指标” with no rows)
                    if target or actual or note:
                        self.unplaced(r, 1, " / ".join(row["path"]), "指标分组行上有指标值、完成值或偏差原因，无处存放")
                    continue
                if wnum is not None and node.weight is not None and wnum != node.weight:
                    self.report.notes.append(f"第 {r} 行“{node.name}”原表分值 {plain(wnum)}，模板为 {plain(node.weight)}，按模板计分")
                entry = IndicatorEntry(actual=actual or None, note=note or "")
                if target and lb.norm(target) != lb.norm(node.target or ""):
                    entry.target = target
                entries[node.id] = entry
                placed.append((node.id, snum, r, node.name))
                continue
            if len(rest) > 2:
                self.unplaced(r, 1, " / ".join(row["path"]), "指标层级多于模板允许的层级")
                continue
            if wnum is None:
                self.report.notes.append(f"第 {r} 行新增指标“{rest[-1]}”没有分值，按 0 分录入")
            parent_list = extra.setdefault(node.id, [])
            if len(rest) == 2:
                group = next((g for g in parent_list if g.name == rest[0] and g.children is not None
                              and g.id.startswith("imp_")), None)
                if group is None:
                    group = IndicatorDef(id=new_id(), name=rest[0], weight=Decimal(0), children=[])
                    parent_list.append(group)
                siblings = group.children
            else:
                siblings = parent_list
            rule = nature.rule if nature is not None else _rule_for(target, actual)
            leaf = IndicatorDef(id=new_id(), name=rest[-1], weight=wnum if wnum is not None else Decimal(0),
                                target=target or None, rule=RuleSpec(type=rule),
                                criteria=_txt(row.get("criteria")))
            siblings.append(leaf)
            if len(rest) == 2:
                group.weight = sum((c.weight for c in group.children), Decimal(0))
            entries[leaf.id] = IndicatorEntry(actual=actual or None, note=note or "")
            placed.append((leaf.id, snum, r, leaf.name))
        self.report.counts["indicators"] = len(placed)
        return extra, entries, placed

    def _nature_and_target(self, row) -> tuple[Nature | None, str]:
        """指标性质 and 度量单位 cells (Sichuan, Yunnan) folded into the one 指标值 text the
        draft keeps ("=" | 100 | % → "=100%"); the nature chooses a new row's rule."""
        r = row["r"]
        target, said = _txt(row.get("target")), _txt(row.get("nature"))
        nature, _ = read_nature(said)
        if said and nature is None:
            self.report.notes.append(f"第 {r} 行指标性质“{said}”无法识别，按指标值判断计分方式")
        unit = _txt(row.get("unit"))
        if unit and (unit_problem(unit) or not compose_target("", target, unit).endswith(unit)):
            # "2次" would change the figure; a worded 指标值 ("有效减轻") has no figure to carry it
            self.unplaced(r, self.ind_header[2]["unit"][0], unit,
                          unit_problem(unit) or f"指标值“{target}”没有可带单位的数字，度量单位无处存放")
            unit = ""
        if nature is not None or unit:
            cells = from_cells(said, target, unit)
            target = cells.target
            if cells.target != cells.written:
                self.report.notes.append(f"第 {r} 行指标性质“{said}”与指标值“{cells.written}”的比较符号相反，"
                                         f"按指标性质读作“{target}”")
        return nature, target

    def build(self) -> Draft:
        self.find_indicator_header()
        self.read_grids()
        self.read_fields()
        self.read_indicators()
        extra, entries, placed = self.place_indicators()
        for ind, note in self.carried_notes.items():
            entries.setdefault(ind, IndicatorEntry()).note = note
        draft = Draft(template=TemplateRef(id=self.t.id, version=self.t.version),
                      fields={k: v for k, v in self.fields.items()}, grids=self.grids,
                      indicators=entries, extra_indicators=extra)
        self._scores(draft, placed)
        self._leftovers()
        return draft

    def _scores(self, draft: Draft, placed):
        """Each row's 得分 as the table printed it: typed where the clerk types it, computed
        where the rule computes it; a computed score that differs is kept as printed, with a reason."""
        printed = {i: s for i, s, _, _ in placed}
        rows = {i: (r, name) for i, _, r, name in placed}
        for ind, (w, s) in self.printed.items():
            if s is not None and printed.get(ind) is None:
                printed[ind] = s
        result = evaluate(self.t, draft)
        nodes = result.scores.nodes
        retry = []
        for ind, p in printed.items():
            ns = nodes.get(ind)
            if p is None or ns is None or ns.score == p:
                continue
            entry = draft.indicators.setdefault(ind, IndicatorEntry())
            if not ns.auto:
                entry.score = plain(p)
                if ns.rule == "qualitative":
                    entry.band = band_of(ns, p)
            else:
                retry.append(ind)
        for ind in retry:   # a new row scored by ratio that the table scored otherwise: typed, as printed
            node = _extra_node(draft, ind)
            if node is not None:
                node.rule = RuleSpec(type="manual")
                draft.indicators[ind].score = plain(printed[ind])
                was = plain(nodes[ind].score) if nodes[ind].score is not None else "无法计算"
                self.report.notes.append(f"第 {rows[ind][0]} 行“{node.name}”原表得分 {plain(printed[ind])}，"
                                         f"按完成值 ÷ 指标值计为 {was}；已按原表得分录入为手工打分")
        result = evaluate(self.t, draft)
        for ind, p in printed.items():
            ns = result.scores.nodes.get(ind)
            if p is None or ns is None or ns.score == p:
                continue
            entry = draft.indicators.setdefault(ind, IndicatorEntry())
            entry.override = Override(score=plain(p), reason=OVERRIDE_REASON)
            r, name = rows.get(ind, (None, ns.name))
            where = f"第 {r} 行" if r else "资金表"
            was = plain(ns.score) if ns.score is not None else "无法计算"
            self.report.notes.append(f"{where}“{name}”原表得分 {plain(p)}，按模板规则为 {was}；已照录原表得分并注明理由")
        if self.total is not None:
            total = evaluate(self.t, draft).scores.total
            if total != self.total:
                self.report.notes.append(f"原表总分 {plain(self.total)}，程序按各项得分合计为 {plain(total)}")

    def _leftovers(self):
        for r, c, cell in self.cells_in_order():
            if (r, c) in self.used or self.is_static(cell.text):
                continue
            if lb.YEAR.fullmatch(lb.norm(cell.text).strip("()")):
                continue
            self.unplaced(r, c, cell.text)


def read_table(sheet: Sheet, template: Template) -> tuple[Draft, Report]:
    reader = _Reader(sheet, template)
    draft = reader.build()
    return draft, reader.report


# -- helpers ------------------------------------------------------------------------

def _in_grid(t: Template) -> dict[str, str]:
    """grid id → the indicator the money block carries (in_grid: its 分值 and 得分 print on
    the block's first row, its 偏差原因 under the block)."""
    return {node.in_grid: node.id for _, node in walk_indicators(t.indicators) if node.in_grid}


def _place(nodes: list[IndicatorDef], path: list[str]):
    """(node, names left over) for a row's 一级/二级/三级 names; leftovers become new
    rows under an extensible node. None when the names fit nowhere."""
    if not path:
        return None
    want = lb.norm(path[0])
    for node in sorted(nodes, key=lambda n: lb.norm(n.name) != want):   # the exact name before a synonym
        if want not in lb.names(node.name):
            continue
        rest = path[1:]
        if not rest:
            return node, []
        if node.children:
            below = _place(node.children, rest)
            if below is not None:
                return below
        if node.extensible:
            return node, rest
    return None


def _rule_for(target: str, actual: str) -> str:
    """A new row's rule, from what the table shows: both numbers → by completion ratio;
    a target in words → qualitative; otherwise the printed score as typed."""
    t = parse_target(target) if target else None
    if t is None:
        return "manual"
    if t.value is None:
        return "qualitative"
    return "ratio" if parse_actual(actual) is not None else "manual"


def _extra_node(draft: Draft, ind: str) -> IndicatorDef | None:
    for rows in draft.extra_indicators.values():
        for _, node in walk_indicators(rows):
            if node.id == ind:
                return node
    return None


def _num(cell) -> Decimal | None:
    if cell is None:
        return None
    if cell.number is not None:
        return cell.number
    return parse_number(cell.text).value if cell.text else None


def _txt(cell) -> str:
    return cell.text if cell is not None else ""
