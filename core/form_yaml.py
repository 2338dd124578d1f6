"""Reading a form.yaml: safe YAML, refused before anything is built from a hostile file.

Imported only when a template has no up-to-date parsed copy (core/registry.py).
"""

from __future__ import annotations

import yaml

from .errors import Problem, TemplateError

# libyaml when present: parsing form.yaml is 3 ms instead of 40 ms.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 64  # a real form nests about 10 deep
_OPEN = (yaml.BlockSequenceStartToken, yaml.BlockMappingStartToken,
         yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
_CLOSE = (yaml.BlockEndToken, yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)


def parse(text: str):
    """Safe YAML, its tokens scanned first so nothing is built from a hostile file:
    anchors/aliases (how a 'billion laughs' file blows up) are refused, and so is
    nesting deeper than MAX_DEPTH (libyaml composes recursively in C: a deep file
    would crash the process instead of raising)."""
    depth = 0
    for token in yaml.scan(text, Loader=_FAST_LOADER):
        if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
            raise yaml.MarkedYAMLError(None, None, "不支持 YAML 锚点和别名（&xxx / *xxx）", token.start_mark)
        if isinstance(token, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                raise yaml.MarkedYAMLError(None, None, f"嵌套超过 {MAX_DEPTH} 层，不像是表单定义", token.start_mark)
        elif isinstance(token, _CLOSE):
            depth -= 1
    return yaml.load(text, Loader=_FAST_LOADER)


def read_form(raw: bytes, where: str):
    """The parsed form.yaml, or TemplateError saying in Chinese what is wrong with the file."""
    try:
        return parse(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise TemplateError(where, [Problem("file.encoding", where, "不是 UTF-8 编码", "用 UTF-8 编码保存")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else "文件中"
        problem = getattr(exc, "problem", None) or str(exc)
        raise TemplateError(where, [Problem("yaml.syntax", f"form.yaml {line}", f"YAML 格式错误：{problem}",
                                            "检查缩进（只能用空格）、冒号后的空格和引号")]) from None
    except RecursionError:
        raise TemplateError(where, [Problem("yaml.depth", where, "嵌套层次过深", "")]) from None
    except ValueError:  # PyYAML's int(): a number of more than 4300 digits
        raise TemplateError(where, [Problem("yaml.number", where, "有一个无法读取的数字（位数过多）",
                                            "检查 form.yaml 中的数字")]) from None


def json_exact(data) -> bool:
    """True when JSON gives back exactly this data (text keys; no dates, no inf/NaN)."""
    if data is None or isinstance(data, (bool, str)):
        return True
    if isinstance(data, (int, float)):
        return data == data and data not in (float("inf"), float("-inf"))
    if isinstance(data, list):
        return all(json_exact(x) for x in data)
    if isinstance(data, dict):
        return all(isinstance(k, str) and json_exact(v) for k, v in data.items())
    return False


def parsed_copy(raw: bytes) -> dict | None:
    """What core/registry.py reads instead of form.yaml's bytes `raw`; None when the
    form cannot be parsed or JSON would change it (it is then always parsed)."""
    from .registry import parsed_key
    data = parse(raw.decode("utf-8-sig"))
    return {"source": parsed_key(raw), "data": data} if isinstance(data, dict) and json_exact(data) else None
