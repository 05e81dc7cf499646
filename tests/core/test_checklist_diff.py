"""Differences between two checklists, on the Jingmen checklist changed the ways a new version or year changes it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from inspect_cli.core.checklist_diff import Change, Field, diff_checklists
from inspect_cli.domain.checklist import Task


def with_tasks(checklist, tasks):
    return replace(checklist, tasks=tuple(tasks))


def test_the_same_checklist_has_no_change(jingmen):
    assert diff_checklists(jingmen, jingmen).changes == ()


def test_numbers_shifted_by_an_inserted_task_pair_each_task_with_itself(jingmen):
    first = jingmen.tasks[0]
    inserted = Task(
        "1", "开展法治政府建设示范创建活动。", ("市司法局",), part=first.part, section=first.section, topic=first.topic
    )
    renumbered = [replace(task, id=str(index + 2)) for index, task in enumerate(jingmen.tasks)]
    result = diff_checklists(jingmen, with_tasks(jingmen, [inserted, *renumbered]))
    assert [(c.change, c.old_id, c.new_id) for c in result.changes] == [(Change.added, None, "1")]


def test_a_task_taken_to_another_section_or_place_is_moved(jingmen):
    tasks = list(jingmen.tasks)
    last_part = tasks[-1]
    tasks[3] = replace(tasks[3], part=last_part.part, section=last_part.section, topic=last_part.topic)
    tasks.insert(10, tasks.pop(20))
    result = diff_checklists(jingmen, with_tasks(jingmen, tasks))
    moved = [(c.old_id, c.new) for c in result.changes if c.change is Change.moved]
    assert len(moved) == 2 and moved[0][0] == jingmen.tasks[3].id and moved[0][1].endswith(f"{last_part.topic}.")
    assert moved[1][0] == jingmen.tasks[20].id
    assert result.count(Change.changed) == result.count(Change.added) == result.count(Change.removed) == 0


def test_each_field_changed_is_its_own_line(jingmen):
    task = jingmen.tasks[5]
    edited = replace(
        task,
        text=task.text[:-1] + "，并向社会公开。",
        responsible_units=(*task.responsible_units, "市财政局"),
        deadline="2019年底前",
        due=date(2019, 12, 31),
        review=("units: read from an unlabelled tail",),
    )
    tasks = list(jingmen.tasks)
    tasks[5] = edited
    result = diff_checklists(jingmen, with_tasks(jingmen, tasks))
    assert [(c.change, c.new_id, c.field) for c in result.changes] == [
        (Change.changed, task.id, Field.task_text),
        (Change.changed, task.id, Field.responsible_units),
        (Change.changed, task.id, Field.deadline),
        (Change.changed, task.id, Field.review),
    ]
    deadline = result.changes[2]
    assert deadline.old["phrase"] == task.deadline and deadline.new == {
        "phrase": "2019年底前",
        "due": date(2019, 12, 31),
        "recurrence": None,
        "ongoing": False,
    }
    assert result.count(Change.changed) == 1


def test_a_number_given_to_a_different_task_is_a_removal_and_an_addition(jingmen):
    tasks = list(jingmen.tasks)
    tasks[7] = replace(tasks[7], text="组织开展行政复议体制改革试点工作，整合行政复议职责。")
    result = diff_checklists(jingmen, with_tasks(jingmen, tasks))
    assert [(c.change, c.old_id, c.new_id) for c in result.changes] == [
        (Change.removed, tasks[7].id, None),
        (Change.added, None, tasks[7].id),
    ]


def test_tasks_found_again_by_their_text_under_other_numbers(jingmen):
    # next year's plan: the tasks reordered, renumbered from 1, and lightly reworded
    reworded = [
        replace(task, id=str(index + 1), text=task.text.replace("。", "；", 1))
        for index, task in enumerate(reversed(jingmen.tasks[:30]))
    ]
    result = diff_checklists(with_tasks(jingmen, jingmen.tasks[:30]), with_tasks(jingmen, reworded))
    assert result.count(Change.added) == result.count(Change.removed) == 0
    assert result.count(Change.moved) == 29
