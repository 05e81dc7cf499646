"""inspect-cli: a terminal toolkit for rule-of-law government construction supervision."""

__version__ = "0.1.0"
