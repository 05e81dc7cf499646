"""Desk review output: a Markdown brief for the inspector, JSON for tools, a batch summary table."""

from __future__ import annotations

from inspect_cli.render.table import Column, md_escape, plain, to_json, to_markdown_table
from inspect_cli.core.review import PART_NAMES, REQUIRED_PARTS, Review
from inspect_cli.i18n import _

PART_LABELS = {key: f"{name} ({key})" for key, name in PART_NAMES.items()}


def review_json(review: Review, with_matches: bool) -> str:
    """One JSON object with unit, year, parts, missing, figures, and with a checklist matches and unaddressed."""
    record = {
        "file": review.file, "unit": review.unit, "year": review.year,
        "parts": [plain(p) for p in review.parts], "missing": list(review.missing),
        "figures": [{"value": f.value, "measure": f.measure, "sentence": f.sentence, "line": f.line} for f in review.figures],
        "truncated": review.truncated, "structure_read": review.structure_read,
    }
    if with_matches:
        record["matches"] = [plain(m) for m in review.matches]
        record["unaddressed"] = list(review.unaddressed)
    return to_json(record)


def review_markdown(review: Review, checklist=None) -> str:
    """A Markdown brief to read before the visit."""
    title = f"{review.unit or '(单位未识别)'} {review.year or ''}年度法治政府建设报告".strip()
    out = [f"# 书面督察：{md_escape(title)}", "", f"- 报告文件：{md_escape(review.file)}",
           f"- 被督察单位：{md_escape(review.unit or '未识别')}；报告年度：{review.year or '未识别'}", ""]
    out += ["## 必备内容", ""]
    if not review.structure_read:
        out += ["**" + _("Could not read the structure of this report: no heading, numbered item or enumerated point "
                         "was found, so no part is called missing. Read the report in full.") + "**", ""]
    else:
        out.append(to_markdown_table(review.parts, [
            Column("部分", lambda p: PART_LABELS[p.part] + ("" if p.part in REQUIRED_PARTS else "（可选）")),
            Column("具备", lambda p: "是" if p.found else "否"),
            Column("标题", lambda p: p.heading or "—")]))
    if review.missing:
        names = "；".join(md_escape(PART_NAMES[k]) for k in review.missing)
        label = _("Not in the captured text:") if review.truncated else "缺少："
        out += [f"**{label}** {names}", ""]
    if review.truncated:
        out += ["**注意：** 报告文本在句中结束或停在标题、省略号处，可能不完整；未见的部分也可能只是未收录，请索取完整报告。", ""]
    out += [f"## 报告所称数据（{len(review.figures)} 项，实地核查时请查阅原始材料）", ""]
    if review.figures:
        out.append(to_markdown_table(review.figures, [
            Column("数值", lambda f: f.value), Column("单位", lambda f: f.measure), Column("行", lambda f: f.line),
            Column("原文", lambda f: f.sentence)]))
    if checklist is not None:
        tasks = {task.id: task for task in checklist.tasks}
        by_task: dict[str, list] = {}
        for match in review.matches:
            by_task.setdefault(match.task_id, []).append(match)
        out += [f"## 清单任务对照（{len(by_task)} / {review.tasks_checked} 项任务有相关内容）", ""]
        for task_id, matches in by_task.items():
            out += [f"### ({md_escape(task_id)}) {md_escape(tasks[task_id].text)}", ""]
            out += [f"- {m.score:.2f}（第 {m.line} 行）{md_escape(m.passage)}" for m in matches]
            out.append("")
        out += [f"## 报告未涉及的任务（{len(review.unaddressed)} 项）", "",
                "、".join(f"({md_escape(t)})" for t in review.unaddressed) or "无", ""]
    return "\n".join(out).rstrip() + "\n"


def summary_record(review: Review) -> dict:
    """One report of a batch as data: what is missing, how many figures, how many tasks it addresses."""
    return {"file": review.file, "unit": review.unit, "year": review.year, "missing": list(review.missing),
            "figures": len(review.figures), "tasks_addressed": review.tasks_addressed,
            "tasks_checked": review.tasks_checked, "truncated": review.truncated, "structure_read": review.structure_read}
