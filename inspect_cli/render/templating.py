"""Jinja2 templates for records and notices; users' own templates are rendered in Jinja2's sandbox."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from inspect_cli.domain.limits import in_force
from inspect_cli.exceptions import InputError
from inspect_cli.i18n import N_, _
from inspect_cli.render.table import md_escape

TEMPLATE_DIR = Path(__file__).parent / "templates"


def cn_date(value) -> str:
    """2017-03-10 → 2017年3月10日."""
    if not isinstance(value, date):
        return "" if value is None else str(value)
    return f"{value.year}年{value.month}月{value.day}日"


# A user's template may take at most [limits] template_steps steps (calls, attribute and item lookups, range
# elements, characters joined or repeated) and write at most [limits] template_output characters
# (domain/limits.py); a record of 1,000 findings takes far fewer.
_FORMAT_WIDTH = re.compile(r"%[-#0 +]*(\*|[0-9]*)(?:\.(\*|[0-9]*))?")


def _budgeted_sandbox():
    """The immutable sandbox with a step budget, so a user's template cannot loop without end nor build a string
    larger than its budget: every operation that makes text pays for its length before it is made."""
    from jinja2.compiler import CodeGenerator
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BudgetedCode(CodeGenerator):
        def visit_Concat(self, node, frame):  # `a ~ b` joins through the budget
            self.write("environment.join_budgeted((")
            for argument in node.nodes:
                self.visit(argument, frame)
                self.write(", ")
            self.write("))")

    class BudgetedSandbox(ImmutableSandboxedEnvironment):
        steps = 0
        budget = 0
        intercepted_binops = frozenset(["*", "**", "+", "%"])
        code_generator_class = BudgetedCode

        def spend(self, count: int = 1) -> None:
            self.steps += count
            if self.steps > self.budget:
                raise _TooManySteps()

        def join_budgeted(self, parts) -> str:
            texts = [str(part) for part in parts]
            self.spend(sum(map(len, texts)))
            return "".join(texts)

        def spend_format(self, pattern, arguments=()) -> None:
            """Pay for `%` formatting's widths before the text is made; a `*` width is refused."""
            if not isinstance(pattern, str):
                return
            for width, precision in _FORMAT_WIDTH.findall(pattern):
                if "*" in (width, precision):
                    raise _TooManySteps()
                self.spend(int(width or 0) + int(precision or 0))

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
            if operator == "%":
                self.spend_format(left)
            if operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
                self.spend(len(left) + len(right))  # before the joined text is built
            if operator == "*" and {type(left), type(right)} & {int} and {type(left), type(right)} & {str, list, tuple}:
                count, sequence = (left, right) if isinstance(left, int) else (right, left)
                self.spend(max(0, count) * len(sequence))  # before the repeated text is built
                return super().call_binop(context, operator, left, right)
            result = super().call_binop(context, operator, left, right)
            self.spend(len(result) if isinstance(result, (str, list, tuple)) else 1)
            return result

    return BudgetedSandbox


class _TooManySteps(Exception):
    """A user's template went past its step budget."""


def _environment(sandboxed: bool):
    from jinja2 import Environment, StrictUndefined

    # The sandbox checks every attribute access (it makes a 1,000-finding record 2.5x slower to render);
    # templates shipped inside the package are our own code, so only users' templates need it.
    kind = _budgeted_sandbox() if sandboxed else Environment
    environment: Any = kind(  # a budgeted sandbox's class is made at run time
        undefined=StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, autoescape=False
    )
    environment.filters.update(md=md_escape, cn_date=cn_date, method_en=_method_en)
    if sandboxed:
        environment.budget = in_force().template_steps
        _budget_globals_and_filters(environment)
    return environment


def _budget_globals_and_filters(environment) -> None:
    """range, center, indent, format and replace pay for what they make; lipsum (unbounded filler text) is gone."""
    limit = environment.globals["range"]
    del environment.globals["lipsum"]

    def counted_range(*args):
        numbers = limit(*args)
        environment.spend(len(numbers))
        return numbers

    environment.globals["range"] = counted_range
    filters = environment.filters

    def priced(name, price):
        original = filters[name]
        passed = getattr(original, "jinja_pass_arg", None)  # join and replace are handed the context first

        def budgeted(*args, **kwargs):
            environment.spend(price(*args[1 if passed else 0 :], **kwargs))
            return original(*args, **kwargs)

        if passed is not None:
            budgeted.__dict__["jinja_pass_arg"] = passed  # the marker jinja reads off a filter
        filters[name] = budgeted

    def _number(value) -> int:
        return value if isinstance(value, int) and not isinstance(value, bool) else 0

    priced("center", lambda value, width=80: _number(width))
    priced(
        "indent",
        lambda value, width=4, *rest, **options: len(str(value)) + _number(width) * (str(value).count("\n") + 1),
    )
    priced(
        "replace",
        lambda value, old, new, *rest: len(str(value)) * (len(str(new)) + 1) if str(old) == "" else len(str(value)),
    )

    priced(
        "join",
        lambda value, *rest, **options: (
            sum(len(str(item)) for item in value) if isinstance(value, (list, tuple, str)) else 0
        ),
    )

    def format_price(value, *args, **kwargs):
        environment.spend_format(value)
        return len(str(value))

    priced("format", format_price)


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
        from inspect_cli.formats.limits import too_big

        parts, size, most = [], 0, in_force().template_output
        for part in template.generate(**context):
            size += len(part)
            if size > most:
                raise too_big(path, N_("characters the template writes"), size, most, "template_output")
            parts.append(part)
        return "".join(parts)
    except _TooManySteps:
        raise InputError(
            _(
                "{path}: the template takes more than {value:,} steps; check its loops (a record template needs one "
                "pass over the findings); raise [limits] template_steps in inspect.toml if it is right"
            ).format(path=path, value=environment.budget)
        ) from None
    except OverflowError as exc:  # the sandbox's range() refuses more than 100,000 numbers this way
        raise InputError(
            _("{path}:{detail}: template error: {detail2}").format(path=path, detail=_line(exc), detail2=exc)
        ) from None
    except (ArithmeticError, ValueError, TypeError, LookupError, AttributeError) as exc:
        # an expression that fails on the values it is given (1/0, int("x"), a key that is missing)
        raise InputError(
            _("{path}:{detail}: template error: {detail2}").format(
                path=path, detail=_line(exc), detail2=f"{type(exc).__name__}: {exc}"
            )
        ) from None
    except RecursionError:
        raise InputError(
            _("{path}: the template calls itself without end; check its macros").format(path=path)
        ) from None
    except TemplateSyntaxError as exc:
        raise InputError(
            _("{path}:{lineno}: template syntax error: {message}").format(
                path=path, lineno=exc.lineno, message=exc.message
            )
        ) from None
    except SecurityError as exc:
        raise InputError(
            _("{path}:{detail}: refused by the template sandbox: {detail2}").format(
                path=path, detail=_line(exc), detail2=exc
            )
        ) from None
    except UndefinedError as exc:
        raise InputError(
            _("{path}:{detail}: template error: {message}").format(path=path, detail=_line(exc), message=exc.message)
        ) from None
    except TemplateError as exc:
        raise InputError(
            _("{path}:{detail}: template error: {detail2}").format(path=path, detail=_line(exc), detail2=exc)
        ) from None


def _refuse_other_files(environment, source: str, path: Path) -> None:
    """InputError for include, import, from … import and extends: a user's template is one file."""
    from jinja2 import nodes

    for node in environment.parse(source).find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
        tag = {
            nodes.Include: "include",
            nodes.Import: "import",
            nodes.FromImport: "from … import",
            nodes.Extends: "extends",
        }[type(node)]
        raise InputError(
            _(
                "{path}:{lineno}: {{% {tag} %}} is not allowed: a template is read alone, with no other template "
                "files; put everything in this one"
            ).format(path=path, lineno=node.lineno, tag=tag)
        )


def _line(exc: BaseException) -> str:
    """The template line an error was raised from, read off the traceback Jinja2 rewrites for templates."""
    traceback = exc.__traceback__
    line = "?"
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == "<template>":
            line = str(traceback.tb_lineno)
        traceback = traceback.tb_next
    return line


def _method_en(value: str) -> str:
    """A recorded evidence method in English, for the English record."""
    from inspect_cli.domain.models import EvidenceMethod

    return EvidenceMethod.in_language(value, "en")
