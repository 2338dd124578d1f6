"""The one catalogue of codes: every 审核 finding a draft can get and every problem a
template can have, each with its severity, a Chinese title and how to fix it
(as pyxform keeps its errors in one file). Code is written nowhere else: a check
makes a finding with `finding(code, …)`, which takes the severity from here, and a
test reads the source for codes that are not in the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dc_field


@dataclass(frozen=True)
class Code:
    severity: str   # "error" | "warning" for a draft's finding; "problem" for a template's
    title: str      # what is wrong, in a few words
    fix: str        # what the clerk (or template author) does about it


def _e(title, fix):
    return Code("error", title, fix)


def _w(title, fix):
    return Code("warning", title, fix)


def _p(title, fix=""):
    return Code("problem", title, fix)


# -- 审核: findings on a draft ---------------------------------------------------------
FINDINGS: dict[str, Code] = {
    # header fields
    "field.required": _e("必填项未填写", "填写该项"),
    "field.recommended": _w("建议填写的项目未填", "打印签章前补上"),
    "field.number": _e("应为数字", "只填阿拉伯数字和小数点；“—”“/”表示无"),
    "field.choice": _e("不是可选项", "从下拉列表中选择"),
    "field.length": _w("超过建议字数", "精简文字"),
    "field.date": _e("不是有效日期", "写成 2022-03-01 或 2022年3月1日"),
    "field.integer": _e("应为整数", "去掉小数"),
    # money grids
    "grid.number": _e("金额不是数字", "只填数字，单位万元"),
    "grid.sum": _e("分项相加不等于合计（散总不符）", "核对合计或各分项"),
    # weights and totals
    "indicator.weights": _e("下级指标分值合计与上级分值不符", "调整下级指标的分值"),
    "indicator.no_rows": _e("指标组下没有三级指标", "添加指标"),
    "marks.sum": _e("各指标分值合计不等于满分", "调整指标分值，使合计等于满分"),
    # scores
    "score.missing": _w("尚有指标未评分", "逐项评分"),
    "indicator.rule_unknown": _e("评分规则本程序没有", "删除该指标后重新添加，选择评分方式"),
    "score.number": _e("得分不是数字", "填写数字"),
    "score.range": _e("得分超出分值", "得分不能高于分值（扣分项不能低于负分值）；合计只按分值计"),
    "score.note": _e("得分低于分值但未写偏差原因", "在偏差原因中写明未完成的原因和改进措施"),
    "score.full_not_met": _w("完成值未达到指标值，却给了满分", "按完成比例打分，或说明理由"),
    "score.met_not_full": _w("完成值已达到指标值，得分却低于分值", "给满分，或在偏差原因中说明扣分理由"),
    "score.band": _e("得分不在所选档次的范围内", "在档次范围内打分，或改选档次"),
    "score.override_reason": _e("调整了自动得分但未写理由", "填写调整理由"),
    "score.override_departs": _w("手工得分与按规则算出的得分不同", "核对调整理由；不需要调整时恢复自动得分"),
    # targets and actuals
    "indicator.actual_missing": _e("有指标值但完成值未填", "填写实际完成值"),
    "indicator.over_target": _w("完成值远超指标值", "核实指标值是否偏低，并在偏差原因中说明"),
    "indicator.actual_copied": _w("完成值与指标值一字不差", "填写实际达到的数值，而不是照抄指标值"),
    "indicator.actual_text": _w("指标值是数字，完成值却只有文字", "填写实际完成的数值"),
    "indicator.actual_number": _e("完成值中的数字无法读出", "只写数字和单位，例如 266米"),
    "indicator.unit_mismatch": _w("完成值与指标值的单位不一致", "统一计量单位；“已完成100%”之类的进度请改为实际完成的数量"),
    "indicator.actual_progress": _w("完成值只写了完成进度（如“已完成100%”）", "写明实际达到的情况"),
    "indicator.satisfaction_basis": _w("满意度没有写明调查依据", "在偏差原因中写明调查方式和样本；没有调查的不填满意度数值"),
    "indicator.yuan": _w("以“元”填写，而本表金额以“万元”计", "换算为万元，或核对单位"),
    "indicator.sign": _w("比较符号与指标的性质不符", "数量、比率类指标一般用“≥”，成本类用“≤”"),
    "indicator.target_in_name": _w("指标值写在了指标名称里", "把数值移到“指标值”栏"),
    # goals and text
    "goal.only_number": _w("年度总体目标只有一个数字", "用文字写明要完成的任务和达到的效果"),
    "goal.repeats_project": _w("年度总体目标只是重复项目名称", "写明要完成的任务和达到的效果"),
    "text.instruction": _w("模板中的填写说明未删除", "删去说明文字，写入实际内容"),
    "text.control": _w("有不可见的控制字符", "导出时将删除；如是粘贴带入，可重新输入"),
    "text.breakdown": _w("文字中“其中”各项之和与合计不符", "核对文字中的金额"),
    "text.stale_total": _w("报告中的得分与当前总分不一致", "修改正文或重新插入标准表述"),
    "section.empty": _w("报告章节尚未填写", "填写该章节"),
}

# -- template problems (validate-template) ------------------------------------------------
PROBLEMS: dict[str, Code] = {
    "schema.top": _p("文件顶层格式不对", "参照 templates/gd-dept-overall/form.yaml"),
    "schema.field": _p("栏目写法不对"),
    "yaml.syntax": _p("YAML 语法错误"),
    "yaml.depth": _p("嵌套层次过深"),
    "yaml.number": _p("数字写法不对"),
    "file.missing": _p("缺少文件"),
    "file.size": _p("文件过大"),
    "file.encoding": _p("文件不是 UTF-8 编码"),
    "file.link": _p("模板中的文件是链接", "把真正的文件复制进模板文件夹"),
    "file.not_regular": _p("不是普通文件"),
    "file.unreadable": _p("文件读不了"),
    "file.outside": _p("文件不在模板文件夹内"),
    "file.image_kind": _p("图片格式不支持"),
    "file.zip": _p("Word/Excel 文件已损坏"),
    "file.zip_members": _p("Word/Excel 文件内部件过多"),
    "file.zip_size": _p("Word/Excel 文件解压后过大"),
    "file.xml": _p("文件内的 XML 读不了"),
    "file.xml_entity": _p("文件内的 XML 带有实体声明"),
    "form.text": _p("form.yaml 读不出文字"),
    "id.duplicate": _p("编号重复", "每个编号在模板内只能用一次"),
    "field.options": _p("选择题没有选项", "用 options 列出可选项"),
    "field.role": _p("字段角色重复", "每个 role 在模板内只能用一次"),
    "grid.fill": _p("fill 缺少 check 公式"),
    "marks.full": _p("满分与一级指标分值之和不等"),
    "grades.floor": _p("等级划分没有覆盖 0 分"),
    "signature.field": _p("签章栏引用的字段不存在"),
    "weight.missing": _p("指标没有分值"),
    "weight.children": _p("下级指标分值之和与上级不等"),
    "rule.unknown": _p("评分规则不存在"),
    "rule.params": _p("评分规则参数不对"),
    "rule.on_group": _p("评分规则只能写在三级指标上"),
    "indicator.in_grid": _p("in_grid 指向的资金表不存在"),
    "formula.syntax": _p("公式写法不对"),
    "formula.name": _p("公式中的名称不存在"),
    "formula.cycle": _p("公式循环引用"),
    "check.unless_filled": _p("审核规则的 unless_filled 指向的文字不存在"),
    "report.title": _p("报告标题模板写法不对"),
    "layout.docx": _p("Word 版式有问题"),
    "layout.xlsx": _p("Excel 版式有问题"),
    "layout.print": _p("打印版式有问题"),
    "layout.external": _p("版式引用了外部资源"),
    "layout.leave_out": _p("leave_out 写法不对"),
    "layout.xmlss": _p("一体化系统导入格式的行布局（xmlss.yaml）有问题"),
    "xlsx.marker": _p("Excel 版式中的标记不认识"),
    "xlsx.row": _p("Excel 版式中的行标记不对"),
}

TEMPLATE_CHECK_PREFIX = "template."   # a template's own checks: template.<check id>, severity from form.yaml


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str      # "error" | "warning"
    field: str         # an address (core/address.py); never shown to the clerk
    message: str       # Chinese, naming the place by the label the clerk sees
    numbers: dict = dc_field(default_factory=dict, compare=False, hash=False)

    def as_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, "field": self.field, "message": self.message}


def finding(code: str, field: str, message: str, numbers: dict | None = None) -> Finding:
    """A finding with its severity from the catalogue (KeyError for an unknown code)."""
    return Finding(code, FINDINGS[code].severity, field, message, numbers or {})

