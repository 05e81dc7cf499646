"""Build hook: compile the message catalogs (.po → .mo) whenever the package is built or installed, editable too."""

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithCatalogs(build_py):
    """build_py that first compiles inspect_cli/locale/*/LC_MESSAGES/*.po with Babel."""

    def run(self):
        import sys
        from pathlib import Path

        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from tools.catalogs import compile_all

        compile_all()
        super().run()


setup(cmdclass={"build_py": BuildWithCatalogs})
