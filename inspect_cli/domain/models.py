"""The records kept in the ledger: inspections, their task copies, results and evidence."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from inspect_cli.i18n import LANGUAGES, N_, _, in_language


class Labelled(str, enum.Enum):
    """A word of one of the program's vocabularies: its machine name (the value: JSON, CSV, config, the ledger)
    and its label, written in English and shown in the interface language through the catalog.

    Each vocabulary is one subclass; adding a word is one member here plus its catalog entry."""

    def __new__(cls, value: str, label: str = "", *extra):
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label or value
        member._extra = extra
        return member

    def __str__(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        """The word in the interface language."""
        return _(self._label)

    def label_in(self, language: str) -> str:
        """The word in a given language (a document's, which may differ from the interface's)."""
        return in_language(self._label, language)

    @classmethod
    def name_of(cls, value) -> str:
        """The label of a machine name (or of a member); empty for none, the value itself when it is not a word of
        this vocabulary (data written by an older release)."""
        if value is None or value == "":
            return ""
        try:
            return cls(value).label
        except ValueError:
            return str(value)

    @classmethod
    def parse(cls, value: str):
        """A member from its machine name or its label in any interface language."""
        text = str(value).strip()
        for member in cls:
            if text in (member.value, member._label) or text in (member.label_in(lang) for lang in LANGUAGES):
                return member
        raise ValueError(text)


class Status(Labelled):
    """An inspector's judgement of one task for the unit visited: its label, where it stands when findings are listed
    worst first, and its grade (better is higher; none for a task not applicable or not reviewed)."""

    compliant = "compliant", N_("compliant"), 4, 3
    partial = "partial", N_("partial"), 1, 2
    noncompliant = "noncompliant", N_("noncompliant"), 0, 1
    not_applicable = "not_applicable", N_("not applicable"), 3, None
    not_reviewed = "not_reviewed", N_("not reviewed"), 2, None

    @property
    def severity(self) -> int:
        """0 for the worst result: the order findings are listed in."""
        return self._extra[0]

    @property
    def grade(self) -> int | None:
        """How good the result is, for comparing two inspections and scoring; None when it is not graded."""
        return self._extra[1]

    @property
    def needs_note(self) -> bool:
        """A graded result short of the best is a finding: the inspector says what is missing."""
        return self.grade is not None and self.grade < max(s.grade for s in Status if s.grade is not None)

    @classmethod
    def parse(cls, value: str) -> Status:
        """A status from its name, its walk key (c/p/n/x/s), its label (符合, not applicable) or an old alias."""
        text = str(value).strip()
        key = next((key for key in WalkKey if key.value == text and key.status), None)
        if key is not None:
            return key.status
        for status, aliases in STATUS_ALIASES.items():
            if text in aliases:
                return status
        try:
            return super().parse(text)
        except ValueError:
            raise ValueError(
                _("unknown status {value!r}; use one of: {names} (or c/p/n/x/s)").format(
                    value=value, names=", ".join(s.value for s in cls)
                )
            ) from None


STATUS_ALIASES = {
    Status.compliant: ("已完成",),
    Status.partial: ("部分完成",),
    Status.noncompliant: ("未完成",),
}
# Worst first: the order findings are listed in.
SEVERITY = sorted(Status, key=lambda status: status.severity)


class WalkKey(Labelled):
    """The walk's keys: the letter, its word in the one-line legend, and what it does in the help."""

    compliant = "c", N_("compliant"), N_("compliant"), Status.compliant
    partial = "p", N_("partial"), N_("partial (asks for a note)"), Status.partial
    noncompliant = "n", N_("noncompliant"), N_("noncompliant (asks for a note)"), Status.noncompliant
    not_applicable = "x", N_("not applicable"), N_("not applicable"), Status.not_applicable
    skip = "s", N_("skip"), N_("skip: not reviewed; an answer given before is kept"), Status.not_reviewed
    clear = "u", N_("clear"), N_("clear this task's answer (asks first)")
    evidence = "e", N_("evidence"), N_("add evidence to this task")
    back = "b", N_("back"), N_("back to the previous task")
    quit = "q", N_("quit"), N_("save and quit (resume later)")
    help = "?", N_("help"), N_("this help")

    @property
    def meaning(self) -> str:
        """What the key does, in the interface language (the walk's help)."""
        return _(self._extra[0])

    @property
    def status(self) -> Status | None:
        """The result the key records, if it records one."""
        return self._extra[1] if len(self._extra) > 1 else None


class InspectionState(Labelled):
    """Where an inspection stands: a draft being answered, or finalized (sealed by its content hash)."""

    draft = "draft", N_("draft")
    finalized = "finalized", N_("finalized")


class NoticeStatus(Labelled):
    """Where a notice stands on a day: open, overdue (open past its deadline in force) or closed out (销号)."""

    open = "open", N_("open")
    overdue = "overdue", N_("overdue")
    closed = "closed", N_("closed")


class NoticeStep(Labelled):
    """One kind of step in a notice's life."""

    issue = "issue", N_("issued")
    remind = "remind", N_("urged")
    extend = "extend", N_("extended")
    respond = "respond", N_("replied")
    close = "close", N_("closed out")
    escalate = "escalate", N_("escalated")


class StepDetail(Labelled):
    """What a notice's step records beside its date and actor, as its log shows it."""

    due = "due", N_("deadline")
    findings = "findings", N_("findings")
    calendar = "calendar", N_("calendar")
    reply_days = "reply_days", N_("reply period (days)")
    note = "note", N_("note")
    count = "count", N_("reminder no.")
    from_ = "from", N_("from")
    to = "to", N_("to")
    reason = "reason", N_("reason")
    text = "text", N_("reply")
    file = "file", N_("file")
    sha256 = "sha256", N_("sha256")
    evidence = "evidence", N_("evidence")
    days_late = "days_late", N_("days late")


class Escalation(Labelled):
    """How a notice is escalated, mildest first (escalation only goes up); the machine names are the Chinese terms."""

    summons = "约谈", N_("summons talk")
    listed = "挂牌督办", N_("listed supervision")
    circular = "通报", N_("circular")


class Light(Labelled):
    """A deadline's traffic light: red overdue or due very soon, then yellow, blue, green; unknown when unparsed."""

    red = "red", N_("red")
    yellow = "yellow", N_("yellow")
    unknown = "unknown", N_("unknown")
    blue = "blue", N_("blue")
    green = "green", N_("green")


class DeadlineState(Labelled):
    """Where one obligation of the deadline report stands."""

    open = "open", N_("not yet due")
    overdue = "overdue", N_("overdue")
    done = "done", N_("done")
    ongoing = "ongoing", N_("ongoing")
    unparsed = "unparsed", N_("unparsed")
    no_deadline = "no_deadline", N_("no deadline")
    closed = "closed", N_("closed")


class ObligationKind(Labelled):
    """What a row of the deadline report is: a checklist task or a notice."""

    task = "task", N_("task")
    notice = "notice", N_("notice")


class CalendarSource(Labelled):
    """Where a year's working days come from, strongest first, with what that means."""

    configured = "configured", N_("configured"), N_("typed into inspect.toml from the State Council notice")
    official = (
        "official",
        N_("official"),
        N_("the State Council schedule as published in the holidays library, make-up working days included"),
    )
    estimated = (
        "estimated",
        N_("estimated"),
        N_("nobody has published it yet: weekends off, statutory holidays on their dates, no make-up working days"),
    )

    @property
    def meaning(self) -> str:
        return _(self._extra[0])


class DayKind(Labelled):
    """A day a calendar lists: a holiday (休) or a weekend day worked (班)."""

    holiday = "holiday", N_("holiday")
    workday = "workday", N_("workday")


class Change(Labelled):
    """How a task's result changed between two inspections."""

    improved = "improved", N_("improved")
    worse = "worse", N_("worse")
    same = "same", N_("same")
    new = "new", N_("new")
    dropped = "dropped", N_("dropped")


class UnitKind(Labelled):
    """What kind of unit an office inspects (the machine names are the Chinese terms): its label counts units."""

    department = "部门", N_("departments"), N_("department")
    township = "乡镇", N_("townships"), N_("township")
    subdistrict = "街道", N_("subdistricts"), N_("subdistrict")

    def counted(self, count: int, language: str) -> str:
        """`1 department`, `3 townships`, `2个部门`: a count of units of this kind in a language."""
        return in_language(N_("{count} {kind}"), language).format(
            count=count, kind=in_language(self._extra[0] if count == 1 else self._label, language)
        )


class ReportPart(Labelled):
    """The parts an annual report on rule-of-law government must have (and `other`)."""

    measures = "measures", N_("main measures and results")
    shortcomings = "shortcomings", N_("shortcomings and their causes")
    leaders = "leaders", N_("principal leaders' duties as first responsible for the rule of law")
    plans = "plans", N_("main plans for the next year")
    other = "other", N_("other matters to report")


class EvidenceMethod(Labelled):
    """How evidence for a task was seen on site; the machine name is the Chinese word the ledger keeps."""

    document_review = "查阅资料", N_("document review")
    interview = "座谈", N_("interview")
    site_visit = "实地查看", N_("site visit")

    @classmethod
    def in_language(cls, value: str, language: str) -> str:
        """A recorded method in a document's language (the value itself when it is none of these words)."""
        try:
            return cls(value).label_in(language)
        except ValueError:
            return value


METHODS = tuple(method.value for method in EvidenceMethod)


@dataclass(frozen=True)
class Evidence:
    """What was seen for a task: method, description, and optionally a file with its sha256."""

    method: str
    description: str
    file_path: str | None = None
    file_sha256: str | None = None
    added_at: str = ""


@dataclass(frozen=True)
class Result:
    """One task's result in one inspection."""

    task_id: str
    status: Status
    note: str
    answered_at: str
    answered_by: str = ""
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class InspectionTask:
    """The copy of a checklist task an inspection keeps, so it stays readable if the checklist changes."""

    position: int
    task_id: str
    text: str
    section: str = ""
    topic: str = ""
    lead_units: tuple[str, ...] = ()
    responsible_units: tuple[str, ...] = ()
    deadline: str = ""
    due: date | None = None
    recurrence: str | None = None
    ongoing: bool = False
    verify: tuple[str, ...] = ()


@dataclass(frozen=True)
class Inspection:
    """An on-site inspection of one unit against one checklist."""

    id: int
    uid: str
    checklist_id: str
    checklist_title: str
    checklist_path: str
    checklist_sha256: str
    unit: str
    inspectors: tuple[str, ...]
    date: date
    place: str
    state: str
    revision: int
    content_hash: str | None
    created_at: str
    finalized_at: str | None
    task_count: int = 0
    answered_count: int = 0
    checklist_source: str = ""


@dataclass(frozen=True)
class Revision:
    """A reopening of a finalized inspection: why, when, by whom, and the hash it had."""

    revision: int
    reason: str
    previous_hash: str
    at: str
    actor: str


@dataclass(frozen=True)
class Event:
    """One entry of the append-only event log."""

    id: int
    at: str
    actor: str
    kind: str
    inspection_id: int | None
    subject: str
    detail: str
