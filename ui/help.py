"""帮助 → 填报说明 and 快捷键: built in, offline (the intranet PC has no web)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

GUIDE = """
<h2>填报说明</h2>
<h3>一、怎样填</h3>
<ol>
<li><b>新建</b>：“文件 → 新建”（或开始页的“新建自评”），选择与本单位要求一致的模板和年度。
可勾选“以上年草稿为底稿”，带入单位信息、指标和指标值。</li>
<li><b>按左侧目录逐页填写</b>：基本信息、收支表（万元）、绩效指标、自评报告、签章信息。
白色格子填写；浅蓝色斜体的合计、执行率由程序计算，不能直接填写。合计在各行未填齐时显示已填各行之和，标“（未齐）”。</li>
<li><b>像表格软件一样录入</b>：选中格子直接键入即改写；回车到下一行，Tab 到下一格；
可从 Excel、WPS 复制一块数据（Ctrl+C），选中起始格后粘贴（Ctrl+V），一次粘贴可一次撤销；Delete 清除所选格子。
数字可写千位分隔符（1,234.56）和全角数字。</li>
<li><b>绩效指标</b>：填完成值和得分；得分低于分值时须写偏差原因。定性指标在“评价档次”格按 1 达成、2 部分达成、
3 未达成，得分自动填为该档最高分，可在档内改低。灰色斜体的得分是程序按评分规则算出的，确需改动用“调整得分”并写明理由。
指标值、完成值、偏差原因的编辑框可换行：Shift+回车换行，回车或 Ctrl+回车完成。</li>
<li><b>自评报告</b>：各节可“插入标准表述”，程序按已填数据生成一段文字，再按实际情况修改。</li>
<li><b>审核</b>（F7）：改正右侧“审核”列表中的错误（红色），逐条看过提醒（橙色）；双击一条即跳到相应位置。</li>
<li><b>保存、打印、导出</b>：Ctrl+S 保存草稿；Ctrl+P 打印预览；“文件”菜单导出 Word、Excel、PDF。</li>
</ol>
<h3>二、审核查什么</h3>
<ul>
<li>必填项是否填写，数字、日期、选项是否写对；建议填写的项目（如签章信息）尚未填写时提醒。</li>
<li>收支表：各格是否为数字，合计行是否等于各分项之和，支出是否大于收入。</li>
<li>绩效指标：各级分值之和是否相符；得分是否超出 0 至分值；得分低于分值是否写了偏差原因；
定性指标的得分是否在所选档次内；自动计分所需的完成值是否已填；调整得分是否写了理由；完成值是否明显超出指标值。</li>
<li>自评报告：各节是否为空；文中写的总分、金额是否与表中一致；是否混入了看不见的控制字符。</li>
</ul>
<h3>三、文件放在哪里</h3>
<ul>
<li><b>草稿</b>：保存在您选择的位置（.json 文件），可复制到其他电脑继续填写。</li>
<li><b>自动保存</b>：每次修改都随即记入本机的自动保存目录：<br><code>{journal}</code><br>
程序意外关闭后再次打开时，会提示恢复。</li>
<li><b>设置</b>（最近打开的草稿、列宽、大字号）：<code>{settings}</code></li>
</ul>
<p>本程序不连接网络。</p>
"""

SHORTCUTS = [
    ("Ctrl+N", "新建草稿"), ("Ctrl+O", "打开草稿"), ("Ctrl+Shift+O", "打开文件夹（列出其中的全部草稿）"), ("Ctrl+S", "保存"), ("Ctrl+Shift+S", "另存为"),
    ("Ctrl+P", "打印预览"), ("Ctrl+Z", "撤销"), ("Ctrl+Y / Ctrl+Shift+Z", "重做"),
    ("Ctrl+C", "复制所选格子（制表符分隔，可粘贴到 Excel、WPS）"),
    ("Ctrl+V", "粘贴：从所选格子起，按行列填入；单个值粘贴到所选的每一格"),
    ("Delete", "清除所选格子"), ("Ctrl+F", "查找"), ("F7", "运行审核"), ("F1", "填报说明"),
    ("回车", "完成本格，到下一行同一列"), ("Tab / Shift+Tab", "到下一个 / 上一个可填格子"),
    ("F2 或双击", "在格内修改（不清除原内容）"),
    ("Shift+回车 / Alt+回车", "在指标值、完成值、偏差原因中换行"), ("Ctrl+回车", "完成多行文字的修改"),
    ("1 / 2 / 3 / 0", "在“评价档次”格：达成 / 部分达成 / 未达成 / 清除"),
    ("空格", "勾选或取消评分项"),
]


def guide_html() -> str:
    from core.paths import data_dir, journal_dir
    return GUIDE.format(journal=html.escape(str(journal_dir())), settings=html.escape(str(data_dir())))


def shortcuts_html() -> str:
    rows = "".join(f"<tr><td style='padding:2px 16px 2px 0'><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>"
                   for k, v in SHORTCUTS)
    return f"<h2>快捷键</h2><table>{rows}</table>"


class HelpDialog(QDialog):
    def __init__(self, title: str, body: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setHtml(body)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 560)


def show_guide(window) -> HelpDialog:
    dialog = HelpDialog("填报说明", guide_html(), window)
    dialog.show()
    return dialog


def show_shortcuts(window) -> HelpDialog:
    dialog = HelpDialog("快捷键", shortcuts_html(), window)
    dialog.show()
    return dialog
