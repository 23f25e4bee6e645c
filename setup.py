"""Build step: copy the project's JSON Schemas and the Stockholm plans into the wheel.

git holds one copy of each (`schemas/`, `plans/`); an installed fardplan needs them inside its
package to validate a repository without `schemas/` and for `fardplan init`. A source checkout
(editable install, the tests) reads the folders themselves; see `fardplan_cli.resources`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
PACKAGED = {"schemas": ("schemas", "*.schema.json"), "plans": ("data/plans", "*.yaml")}


class BuildWithPlanData(build_py):
    def run(self) -> None:
        super().run()
        package = Path(self.build_lib) / "fardplan_cli"
        for source, (target, pattern) in PACKAGED.items():
            destination = package / target
            destination.mkdir(parents=True, exist_ok=True)
            for path in sorted((ROOT / source).glob(pattern)):
                shutil.copyfile(path, destination / path.name)


setup(cmdclass={"build_py": BuildWithPlanData})
