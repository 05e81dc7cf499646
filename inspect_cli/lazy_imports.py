"""What is imported inside a function rather than at the top of its module, and why: start-up time only.

A command loads only what its own work needs, so `--help` and a command that reads no document, draws no table
and opens no office ledger start fast (benchmarks/bench_import.py). Every other import is at the top of its
module: none is made inside a function to get round an import cycle, since the layers (docs/architecture.md)
have none. tests/test_lazy_imports.py fails on a function-level import of a module not named here (a library's
modules by the package named) and on one named here that a bare start-up loads anyway. The times are the CPU
milliseconds importing each took on top of the module that imports it, measured one process each with
time.process_time.
"""

# Each with what loading it costs and the only work that needs it.
LAZY_IMPORTS = frozenset(
    {
        # libraries
        "bs4",  # BeautifulSoup (~70 ms): an HTML plan only
        "charset_normalizer",  # ~12 ms: a text file that is not UTF-8 only
        "csv",  # ~0.5 ms: CSV output only, and the help loads the tables module
        "dateutil",  # ~3 ms: a deadline phrase with a period or a recurrence only
        "docx",  # python-docx with lxml (~40 ms): a .docx read or written only
        "filelock",  # ~20 ms: a draft locked in a ledger file only
        "getpass",  # ~0.4 ms with termios: a step recorded without --by only, not a plan import
        "holidays",  # ~86 ms: a year inspect.toml gives no calendar for only
        "html",  # html.parser (~3 ms): an HTML plan's nesting measured only
        "jinja2",  # ~23 ms: a Markdown document from a template only
        "lxml",  # its XML error (~8 ms): a .docx read only
        "opencc",  # ~4 ms and its dictionaries: traditional characters converted only
        "openpyxl",  # ~70 ms: a workbook's formatting read or an .xlsx written only
        "platformdirs",  # ~6 ms: a folder no option or variable names only
        "prompt_toolkit",  # ~65 ms: the interactive walk at a terminal only
        "rich",  # rich's line wrapping (~2 ms): help and usage errors only
        "rjieba",  # ~88 ms: an annual report's text segmented only
        "tabulate",  # ~35 ms: a table drawn only
        "tomli",  # tomllib's stand-in before Python 3.11 (~4 ms): a TOML file read only
        "tomllib",  # ~4 ms: a TOML file read only
        "tomli_w",  # ~0.4 ms: a value TOML has no plainer form for, not a plan import
        "typer.rich_utils",  # typer's help formatter (~58 ms): help and usage errors only
        "wcwidth",  # ~12 ms: text measured for a terminal or a sheet only
        "xlsxwriter",  # ~24 ms: a checklist written as .xlsx only
        "zipfile",  # ~4 ms with bz2 and lzma: a .docx or .xlsx opened only
        # modules of inspect_cli that are one command's own work, imported inside that command: its group's --help
        # and the group's other commands load none of it
        "inspect_cli.core.checklist_diff",
        "inspect_cli.core.compare",
        "inspect_cli.core.deadline_report",
        "inspect_cli.core.deadlines",
        "inspect_cli.core.inspections",
        "inspect_cli.core.notice_list",
        "inspect_cli.core.notices",
        "inspect_cli.core.records",
        "inspect_cli.core.review",
        "inspect_cli.core.scores",
        "inspect_cli.core.summary",
        "inspect_cli.core.sync",
        "inspect_cli.domain.checklist",
        "inspect_cli.formats.checklist_cache",
        "inspect_cli.formats.checklist_toml",
        "inspect_cli.formats.checklist_xlsx",
        "inspect_cli.formats.documents",
        "inspect_cli.formats.plan_import",
        "inspect_cli.formats.task_tables",
        "inspect_cli.render.documents",
        "inspect_cli.render.reports",
        "inspect_cli.render.review",
        "inspect_cli.render.views",
        "inspect_cli.walk.session",
        # modules of inspect_cli needed by a few functions of the modules importing them, not by the rest of
        # their commands
        "inspect_cli.core.integrity",  # hashing and checking records (~8 ms)
        "inspect_cli.core.workdays",  # working-day calendars (~3 ms)
        "inspect_cli.domain.canonical",  # the canonical form and hashlib (~3 ms)
        "inspect_cli.domain.deadline_phrases",  # reading deadline phrases (~6 ms)
        "inspect_cli.domain.models",  # the vocabularies (~8 ms)
        "inspect_cli.formats.fileio",  # reading and atomic writing (~5 ms with tempfile)
        "inspect_cli.formats.limits",  # the checks of what is read (~5 ms)
        # modules of inspect_cli that only a running command needs
        "inspect_cli.core.config",  # the config file (~6 ms): read when a command runs, never for --help
        "inspect_cli.domain.limits",  # the limits (~1 ms): put in force when a command runs, never for --help
        "inspect_cli.ledger",  # the ledger factory: opened when a command runs, never for --help
        "inspect_cli.ledger.postgresql",  # psycopg (~120 ms): an office ledger opened only
        "inspect_cli.ledger.sqlite",  # sqlite3 and the shared SQL (~36 ms): a ledger file opened only
        "inspect_cli.render.table",  # tables, JSON and line breaking (~7 ms): help and what prints a table only
    }
)
