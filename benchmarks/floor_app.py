"""The typer floor: a minimal typer app with a few no-op commands, the baseline for every benchmark."""

import typer

app = typer.Typer(no_args_is_help=True)


@app.command()
def noop() -> None:
    """Do nothing."""


@app.command()
def other(name: str = "x") -> None:
    """Do nothing else."""


@app.command()
def third(count: int = 1) -> None:
    """Do nothing a third time."""


if __name__ == "__main__":
    app()
