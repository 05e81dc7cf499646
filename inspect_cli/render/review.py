"""Desk review output: a Markdown brief for the inspector, JSON for tools, a batch summary table."""

from __future__ import annotations

from inspect_cli.core.review import REQUIRED_PARTS, Review
from inspect_cli.domain.models import ReportPart
from inspect_cli.i18n import N_, _
from inspect_cli.render.table import Column, json_ready, md_escape, to_markdown_table


def review_record(review: Review, with_matches: bool) -> dict:
    """A review's data: unit, year, parts, missing, figures, and with a checklist matches and unaddressed."""
    record = {
        "file": review.file,
        "unit": review.unit,
        "year": review.year,
        "parts": [json_ready(p) for p in review.parts],
        "missing": list(review.missing),
        "figures": [
            {"value": f.value, "measure": f.measure, "sentence": f.sentence, "line": f.line} for f in review.figures
        ],
        "truncated": review.truncated,
        "structure_read": review.structure_read,
    }
    if with_matches:
        record["matches"] = [json_ready(m) for m in review.matches]
        record["unaddressed"] = list(review.unaddressed)
    return record


def review_markdown(review: Review, checklist=None) -> str:
    """A Markdown brief to read before the visit."""
    unknown = _("not recognised")
    title = _("{unit} annual report on building a rule-of-law government, {year}").format(
        unit=review.unit or unknown, year=review.year or unknown
    )
    out = [
        _("# Desk review: {title}").format(title=md_escape(title)),
        "",
        _("- Report file: {file}").format(file=md_escape(review.file)),
        _("- Unit inspected: {unit}; report year: {year}").format(
            unit=md_escape(review.unit or unknown), year=review.year or unknown
        ),
        "",
    ]
    yes, no, optional = _("yes"), _("no"), _(" (optional)")
    out += [_("## Required parts"), ""]
    if not review.structure_read:
        out += [
            "**"
            + _(
                "Could not read the structure of this report: no heading, numbered item or enumerated point "
                "was found, so no part is called missing. Read the report in full."
            )
            + "**",
            "",
        ]
    else:
        out.append(
            to_markdown_table(
                review.parts,
                [
                    Column(
                        N_("Part"), lambda p: ReportPart(p.part).label + ("" if p.part in REQUIRED_PARTS else optional)
                    ),
                    Column(N_("Present"), lambda p: yes if p.found else no),
                    Column(N_("Heading"), lambda p: p.heading or "—"),
                ],
            )
        )
    if review.missing:
        parts = _("; ").join(md_escape(ReportPart(k).label) for k in review.missing)
        said = _("**Not in the captured text:** {parts}") if review.truncated else _("**Missing:** {parts}")
        out += [said.format(parts=parts), ""]
    if review.truncated:
        out += [
            _(
                "**Note:** the report's text ends mid-sentence, or stops at a heading or an ellipsis, and may be "
                "incomplete; the parts not seen may only be left out of this copy: ask for the full report."
            ),
            "",
        ]
    out += [
        _("## Figures the report gives ({count}; check the source records on site)").format(count=len(review.figures)),
        "",
    ]
    if review.figures:
        out.append(
            to_markdown_table(
                review.figures,
                [
                    Column(N_("Value"), lambda f: f.value),
                    Column(N_("Measure"), lambda f: f.measure),
                    Column(N_("Line"), lambda f: f.line),
                    Column(N_("Text"), lambda f: f.sentence),
                ],
            )
        )
    if checklist is not None:
        tasks = {task.id: task for task in checklist.tasks}
        by_task: dict[str, list] = {}
        for match in review.matches:
            by_task.setdefault(match.task_id, []).append(match)
        out += [
            _("## Checklist tasks the report speaks to ({found} of {checked} tasks)").format(
                found=len(by_task), checked=review.tasks_checked
            ),
            "",
        ]
        for task_id, matches in by_task.items():
            out += [f"### ({md_escape(task_id)}) {md_escape(tasks[task_id].text)}", ""]
            out += [
                _("- {score} (line {line}) {passage}").format(
                    score=f"{m.score:.2f}", line=m.line, passage=md_escape(m.passage)
                )
                for m in matches
            ]
            out.append("")
        out += [
            _("## Tasks the report does not speak to ({count})").format(count=len(review.unaddressed)),
            "",
            _(", ").join(f"({md_escape(t)})" for t in review.unaddressed) or _("none"),
            "",
        ]
    return "\n".join(out).rstrip() + "\n"


def summary_record(review: Review) -> dict:
    """One report of a batch as data: what is missing, how many figures, how many tasks it addresses."""
    return {
        "file": review.file,
        "unit": review.unit,
        "year": review.year,
        "missing": list(review.missing),
        "figures": len(review.figures),
        "tasks_addressed": review.tasks_addressed,
        "tasks_checked": review.tasks_checked,
        "truncated": review.truncated,
        "structure_read": review.structure_read,
    }
