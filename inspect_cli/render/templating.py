"""Jinja2 templates for records and notices; users' own templates are rendered in Jinja2's sandbox."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from inspect_cli.exceptions import InputError
from inspect_cli.render.table import md_escape
from inspect_cli.i18n import N_, _

TEMPLATE_DIR = Path(__file__).parent / "templates"


def cn_date(value) -> str:
    """2017-03-10 → 2017年3月10日."""
    if not isinstance(value, date):
        return "" if value is None else str(value)
    return f"{value.year}年{value.month}月{value.day}日"


# A user's template may take at most this many steps (calls, attribute and item lookups, range elements)
# and write at most this many characters; a record of 1,000 findings takes far fewer.
TEMPLATE_STEPS = 2_000_000
TEMPLATE_OUTPUT = 16 * 1024 * 1024


def _budgeted_sandbox():
    """The immutable sandbox with a step budget, so a user's template cannot loop without end."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BudgetedSandbox(ImmutableSandboxedEnvironment):
        steps = 0
        intercepted_binops = frozenset(["*", "**"])

        def spend(self, count: int = 1) -> None:
            self.steps += count
            if self.steps > TEMPLATE_STEPS:
                raise _TooManySteps()

        def call(self, __context, __obj, *args, **kwargs):
            self.spend()
            return super().call(__context, __obj, *args, **kwargs)

        def getattr(self, obj, attribute):
            self.spend()
            return super().getattr(obj, attribute)

        def getitem(self, obj, argument):
            self.spend()
            return super().getitem(obj, argument)

        def call_binop(self, context, operator, left, right):
            if operator == "*" and {type(left), type(right)} & {int} and {type(left), type(right)} & {str, list, tuple}:
                count, sequence = (left, right) if isinstance(left, int) else (right, left)
                self.spend(max(0, count) * len(sequence))  # before the repeated text is built
                return super().call_binop(context, operator, left, right)
            result = super().call_binop(context, operator, left, right)
            self.spend(len(result) if isinstance(result, (str, list, tuple)) else 1)
            return result

    return BudgetedSandbox


class _TooManySteps(Exception):
    """A user's template went past TEMPLATE_STEPS."""


def _environment(sandboxed: bool):
    from jinja2 import Environment, StrictUndefined

    # The sandbox checks every attribute access (it makes a 1,000-finding record 2.5x slower to render);
    # templates shipped inside the package are our own code, so only users' templates need it.
    kind = _budgeted_sandbox() if sandboxed else Environment
    environment = kind(undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                       autoescape=False)
    environment.filters.update(md=md_escape, cn_date=cn_date)
    if sandboxed:
        limit = environment.globals["range"]

        def counted_range(*args):
            numbers = limit(*args)
            environment.spend(len(numbers))
            return numbers

        environment.globals["range"] = counted_range
    return environment


def shipped_template(kind: str, lang: str) -> Path:
    """The template shipped for `record` or `notice` in `zh` or `en`."""
    if lang not in ("zh", "en"):
        raise InputError(_("--lang {lang!r}: use zh or en").format(lang=lang))
    return TEMPLATE_DIR / f"{kind}.{lang}.md.j2"


def render_template(path: Path, **context) -> str:
    """Render a template file (a user's in the sandbox); any template error is an InputError naming file and line."""
    from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    from inspect_cli.formats.fileio import read_utf8

    path = Path(path)
    source = read_utf8(path, N_("check the --template path"), N_("a Jinja2 template (.md.j2)"))
    environment = _environment(sandboxed=Path(path).parent.resolve() != TEMPLATE_DIR.resolve())
    try:
        if environment.sandboxed:
            _refuse_other_files(environment, source, path)
        template = environment.from_string(source)
        if not environment.sandboxed:
            return template.render(**context)
        parts, size = [], 0
        for part in template.generate(**context):
            size += len(part)
            if size > TEMPLATE_OUTPUT:
                raise InputError(_("{path}: the template writes more than {value:,} characters; check its loops").format(path=path, value=TEMPLATE_OUTPUT))
            parts.append(part)
        return "".join(parts)
    except _TooManySteps:
        raise InputError(_("{path}: the template takes more than {value:,} steps; check its loops (a record template needs one pass over the findings)").format(path=path, value=TEMPLATE_STEPS)) from None
    except RecursionError:
        raise InputError(_("{path}: the template calls itself without end; check its macros").format(path=path)) from None
    except TemplateSyntaxError as exc:
        raise InputError(_("{path}:{lineno}: template syntax error: {message}").format(path=path, lineno=exc.lineno, message=exc.message)) from None
    except SecurityError as exc:
        raise InputError(_("{path}:{detail}: refused by the template sandbox: {detail2}").format(path=path, detail=_line(exc), detail2=exc)) from None
    except UndefinedError as exc:
        raise InputError(_("{path}:{detail}: template error: {message}").format(path=path, detail=_line(exc), message=exc.message)) from None
    except TemplateError as exc:
        raise InputError(_("{path}:{detail}: template error: {detail2}").format(path=path, detail=_line(exc), detail2=exc)) from None


def _refuse_other_files(environment, source: str, path: Path) -> None:
    """InputError for include, import, from … import and extends: a user's template is one file."""
    from jinja2 import nodes

    for node in environment.parse(source).find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        tag = {nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from … import",
               nodes.Extends: "extends"}[type(node)]
        raise InputError(_("{path}:{lineno}: {{% {tag} %}} is not allowed: a template is read alone, with no other template files; put everything in this one").format(path=path, lineno=node.lineno, tag=tag))


def _line(exc: BaseException) -> str:
    """The template line an error was raised from, read off the traceback Jinja2 rewrites for templates."""
    traceback = exc.__traceback__
    line = "?"
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == "<template>":
            line = str(traceback.tb_lineno)
        traceback = traceback.tb_next
    return line
