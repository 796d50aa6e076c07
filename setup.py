"""setuptools hook: a wheel carries what hpdesk reads at run time besides its code, so every install speaks Chinese.

`build_py` copies resources/ (fonts, icons, samples) and migrations/ into hpdesk/_data/ of the build and compiles
resources/i18n/*.ts into hpdesk/_data/resources/i18n/*.qm with the lrelease of PySide6-Essentials (a build
requirement in pyproject.toml). `pip install .`, `pip wheel .` and a build from the sdist all go through it;
hpdesk/paths.py looks in hpdesk/_data/ first. In an editable install (`pip install -e .`, scripts/setup.sh) nothing
is copied and the .qm is compiled in place into resources/i18n/, where paths.py finds it from the checkout.
Everything else about the project is declared in pyproject.toml.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA_DIR = ("hpdesk", "_data")  # keep in step with hpdesk/paths.py
# Build output and translation sources stay out: the .qm are compiled fresh from the .ts below.
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.ts", "*.qm")


def _release_translations(out_dir: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT / "installer"))
    try:
        import build_translations
    finally:
        sys.path.pop(0)
    return build_translations.release(out_dir)


class BuildWithData(build_py):
    """build_py plus hpdesk/_data/{resources,migrations} and the compiled translations."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            _release_translations(ROOT / "resources" / "i18n")
            return
        target = Path(self.build_lib).joinpath(*DATA_DIR)
        shutil.rmtree(target, ignore_errors=True)
        for name in ("resources", "migrations"):
            shutil.copytree(ROOT / name, target / name, ignore=IGNORED)
        _release_translations(target / "resources" / "i18n")

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        target = Path(self.build_lib).joinpath(*DATA_DIR)
        extra = [str(path) for path in target.rglob("*") if path.is_file()] if target.is_dir() else []
        return [*super().get_outputs(include_bytecode), *extra]


setup(cmdclass={"build_py": BuildWithData})
