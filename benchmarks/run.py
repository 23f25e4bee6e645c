"""Run the benchmark: generate a plan repository, time operations and references, print one table.

    python benchmarks/run.py [--quick] [--keep DIR] [--runs N] [--markdown]

Each operation and each reference is a separate process, timed from start to exit (wall clock) as
the median of ``--runs`` runs. The runs are interleaved (one round runs every command once, every
other round in the opposite order), after one warm-up round that is not counted, so that a change in
the machine's load touches all alike.
``fardplan`` is run through the installed entry point next to this Python (else
``python -m fardplan_cli``); the output says which. A command that the installed fardplan does not
have yet (exit 2, "No such command") is shown as ``not available``.

The default size is 300 cores x 50 initiatives (15,000) with 1,000 commits; ``--quick`` is a smoke
run at a tiny size (its figures mean nothing). A second repository holds two cores of 4,500
initiatives each (~4.8 MB a file in format 2, near the 5 MB a plan file may hold), for an edit's cost against
validate's on one large file.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import FIRST_TAG, LAST_TAG, ONE_CORE_TAG, Generated, generate

NOT_AVAILABLE = "not available"
FULL_SIZE = {"cores": 300, "initiatives": 50, "commits": 1000, "runs": 5}
QUICK_SIZE = {"cores": 6, "initiatives": 8, "commits": 30, "runs": 1}
# A second plan repository with one large core (and one more of the same size): an edit's cost
# against validate's on a file near the 5 MB a plan file may hold.
LARGE_CORE_INITIATIVES = {"full": 4500, "quick": 8}

# Parse each distinct blob of one file once with ruamel's C safe loader, read through one
# `git cat-file --batch`: the least that `fardplan log` has to do (argv: the file of blob ids).
FLOOR_SCRIPT = """\
import subprocess, sys
from ruamel.yaml import YAML
yaml = YAML(typ="safe", pure=False)
assert "CParser" in yaml.Parser.__name__, "the C parser (ruamel.yaml.clib) is not installed"
with open(sys.argv[1], encoding="ascii") as handle:
    blobs = handle.read().split()
git = subprocess.Popen(["git", "cat-file", "--batch"],
                       stdin=subprocess.PIPE, stdout=subprocess.PIPE)
git.stdin.write("".join(blob + "\\n" for blob in blobs).encode("ascii"))
git.stdin.close()
for _ in blobs:
    size = int(git.stdout.readline().split()[2])
    data = git.stdout.read(size + 1)[:-1]
    yaml.load(data.decode("utf-8"))
git.wait()
"""

# Peak resident memory of one command, as getrusage reports it for the helper's only child.
RSS_SCRIPT = """\
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024)
"""


@dataclass(frozen=True)
class Target:
    """``ratio``: the operation's median over its reference's; ``seconds``: an absolute median."""

    kind: str
    limit: float

    def describe(self) -> str:
        return f"<= {self.limit:g} s" if self.kind == "seconds" else f"<= {self.limit:g} x"


@dataclass(frozen=True)
class Operation:
    command: str  # keys into the commands being timed
    reference: str
    target: Target | None


@dataclass
class Timing:
    label: str
    argv: list[str]
    seconds: list[float]
    available: bool = True
    failure: str | None = None

    @property
    def median(self) -> float | None:
        if not self.available or self.failure or not self.seconds:
            return None
        return statistics.median(self.seconds)

    def status(self) -> str:
        if not self.available:
            return NOT_AVAILABLE
        if self.failure:
            return "failed"
        median = self.median
        return "—" if median is None else f"{median:.3f} s"


def script_next_to_python(name: str) -> Path | None:
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.is_file():
            return candidate
    return None


def fardplan_command() -> tuple[list[str], str]:
    script = script_next_to_python("fardplan")
    if script is not None:
        return [str(script)], f"the installed entry point {script}"
    return [sys.executable, "-m", "fardplan_cli"], f"{sys.executable} -m fardplan_cli"


def check_jsonschema_command() -> list[str] | None:
    script = script_next_to_python("check-jsonschema")
    if script is not None:
        return [str(script)]
    found = shutil.which("check-jsonschema")
    return [found] if found else None


def history_blobs(root: Path, path: str) -> list[str]:
    """The distinct blob ids that ``path`` has had in the history of HEAD."""
    out = subprocess.run(
        ["git", "log", "--format=", "--raw", "--no-abbrev", "--no-renames", "HEAD", "--", path],
        cwd=root, check=True, capture_output=True, text=True,
    ).stdout
    blobs: dict[str, None] = {}
    for line in out.splitlines():
        if line.startswith(":"):
            new_blob = line.split()[3]
            if set(new_blob) != {"0"}:
                blobs[new_blob] = None
    return list(blobs)


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("FARDPLAN_REPO", None)
    # Measure what users run: bytecode cached after the warm-up round, as Python does by default.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update({"NO_COLOR": "1", "COLUMNS": "120", "PYTHONIOENCODING": "utf-8"})
    return env


def run_once(timing: Timing, cwd: Path, env: dict[str, str]) -> None:
    start = time.perf_counter()
    completed = subprocess.run(timing.argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    stderr = completed.stderr.decode("utf-8", "replace")
    if completed.returncode == 2 and "No such command" in stderr:
        timing.available = False
    elif completed.returncode != 0:
        first = stderr.strip().splitlines()[:1]
        timing.failure = f"exit {completed.returncode}: {first[0] if first else ''}"
    else:
        timing.seconds.append(elapsed)


def measure(timings: Sequence[Timing], cwd: Path, runs: int, warm_up: bool,
            progress: Callable[[str], None]) -> None:
    for round_number in range(runs + (1 if warm_up else 0)):
        counted = round_number > 0 or not warm_up
        progress(f"round {round_number + (0 if warm_up else 1)}/{runs}"
                 + ("" if counted else " (warm-up)"))
        # Every other round runs the commands in the opposite order, so that no command always
        # follows the same one (a heavy command before a start-up one, say).
        for timing in (timings if round_number % 2 == 0 else list(reversed(timings))):
            if timing.available and not timing.failure:
                run_once(timing, cwd, environment())
                if not counted and timing.seconds:
                    timing.seconds.clear()


def peak_rss_mb(argv: list[str], cwd: Path) -> str:
    if sys.platform == "win32":
        return "n/a"
    completed = subprocess.run([sys.executable, "-c", RSS_SCRIPT, *argv], cwd=cwd,
                               env=environment(), capture_output=True, text=True, check=True)
    return f"{float(completed.stdout.strip()):.0f} MB"


PART_OF_CHAIN = 3000


def part_of_chain_repository(made: Generated, folder: Path, length: int = PART_OF_CHAIN) -> Path:
    """A plan set of the region, the actors with a ``part_of`` chain of ``length`` more actors
    (each part of the one before) and one core: its validation must cost time linear in the
    chain, well under that of the whole generated set."""
    (folder / "plans").mkdir(parents=True)
    shutil.copytree(made.root / "schemas", folder / "schemas")
    for name in ("region.yaml", f"{made.hot_core}.yaml"):
        shutil.copyfile(made.root / "plans" / name, folder / "plans" / name)
    chain = "".join(
        f"  - id: chain-{index}\n    name: Kedja {index}\n    kind: group\n"
        + (f"    part_of: chain-{index - 1}\n" if index else "")
        for index in range(length)
    )
    actors = (made.root / "plans" / "actors.yaml").read_text(encoding="utf-8")
    (folder / "plans" / "actors.yaml").write_text(actors + chain, encoding="utf-8")
    return folder


def build_timings(made: Generated, fardplan: list[str], blob_file: Path,
                  large: Generated, chain_root: Path, site_out: Path) -> dict[str, Timing]:
    check_jsonschema = check_jsonschema_command()
    cores = sorted(p.name for p in (made.root / "plans").glob("core-*.yaml"))
    python = [sys.executable]
    commands: dict[str, tuple[str, list[str] | None]] = {
        "version": ("fardplan --version", [*fardplan, "--version"]),
        "import-typer": ('python -c "import typer"', [*python, "-c", "import typer"]),
        "list": (f"fardplan list --core {made.hot_core}",
                 [*fardplan, "list", "--core", made.hot_core]),
        "import-three": ('python -c "import typer, rich.table, ruamel.yaml"',
                         [*python, "-c", "import typer, rich.table, ruamel.yaml"]),
        "validate": ("fardplan validate", [*fardplan, "validate"]),
        "check-jsonschema": (
            "check-jsonschema --schemafile schemas/core.schema.json plans/core-*.yaml",
            None if check_jsonschema is None else [
                *check_jsonschema, "--schemafile", "schemas/core.schema.json",
                *(f"plans/{name}" for name in cores)],
        ),
        "diff-one": (f"fardplan diff {LAST_TAG} {ONE_CORE_TAG}  (one core changed)",
                     [*fardplan, "diff", LAST_TAG, ONE_CORE_TAG]),
        "diff-all": (f"fardplan diff {FIRST_TAG} {LAST_TAG}  (every core changed)",
                     [*fardplan, "diff", FIRST_TAG, LAST_TAG]),
        "log": (f"fardplan log {made.log_ref}", [*fardplan, "log", made.log_ref]),
        "floor": (f"parse each distinct blob of {made.hot_file} once (C safe loader)",
                  [*python, "-c", FLOOR_SCRIPT, str(blob_file)]),
        "report": ("fardplan report responsibility", [*fardplan, "report", "responsibility"]),
        "edit-large": (
            f"fardplan set-status {large.log_ref} dropped --note ... --dry-run  (a core of "
            f"{large.initiatives:,} initiatives)",
            [*fardplan, "--repo", str(large.root), "set-status", large.log_ref, "dropped",
             "--note", "Benchmark", "--dry-run"]),
        "validate-large": (f"fardplan validate  (the same plans: 2 cores of {large.initiatives:,})",
                           [*fardplan, "--repo", str(large.root), "validate"]),
        "validate-chain": (f"fardplan validate  (a part_of chain of {PART_OF_CHAIN:,} actors)",
                           [*fardplan, "--repo", str(chain_root), "validate"]),
        "site": ("fardplan site OUT  (every page, the history of every initiative)",
                 [*fardplan, "site", str(site_out)]),
    }
    timings = {}
    for key, (label, argv) in commands.items():
        timings[key] = Timing(label, argv or [], [], available=argv is not None)
    return timings


OPERATIONS = (
    Operation("version", "import-typer", Target("ratio", 1.2)),
    Operation("list", "import-three", Target("ratio", 1.3)),
    Operation("validate", "check-jsonschema", Target("ratio", 0.5)),
    Operation("diff-one", "validate", Target("seconds", 0.3)),
    Operation("diff-all", "validate", Target("ratio", 1.0)),
    Operation("log", "floor", Target("ratio", 1.3)),
    Operation("report", "list", None),
    Operation("edit-large", "validate-large", Target("ratio", 2.5)),
    # Linear in the chain: less than the whole set (a walk quadratic in it took 87 s).
    Operation("validate-chain", "validate", Target("ratio", 1.0)),
    # The whole site: the plans at HEAD, one walk over every commit, a page per initiative.
    Operation("site", "validate", Target("ratio", 5.0)),
)


def table_rows(timings: dict[str, Timing], rss: str) -> list[list[str]]:
    rows = []
    for operation in OPERATIONS:
        mine, reference = timings[operation.command], timings[operation.reference]
        ratio = None
        if mine.median is not None and reference.median:
            ratio = mine.median / reference.median
        met = "n/a"
        target = operation.target
        if target is not None and mine.median is not None:
            value = mine.median if target.kind == "seconds" else ratio
            if value is not None:
                met = "yes" if value <= target.limit else "NO"
        rows.append([
            mine.label, mine.status(), reference.label, reference.status(),
            "—" if ratio is None else f"{ratio:.2f}",
            "—" if target is None else target.describe(), met,
        ])
    validate = timings["validate"]
    memory = rss if validate.median is not None else validate.status()
    met = "n/a"
    if memory.endswith(" MB"):
        met = "yes" if float(memory.split()[0]) < 500 else "NO"
    rows.append(["fardplan validate: peak RSS", memory, "—", "—", "—", "< 500 MB", met])
    return rows


HEADER = ["operation", "median", "reference", "reference median", "ratio", "target", "met?"]


def format_table(rows: list[list[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join("---" for _ in HEADER) + "|"]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in [HEADER, *rows]) for i in range(len(HEADER))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(width) for c, width in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(HEADER), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def site_size(folder: Path, initiatives: int) -> str:
    """The size of the site that ``fardplan site`` wrote, in all and per core-specific
    initiative (each has a page; the common ones, the cores, actors and reports add to it)."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    pages = sum(1 for p in files if p.suffix == ".html")
    size = sum(p.stat().st_size for p in files)
    return (f"fardplan site: {pages:,} pages, {len(files):,} files, {size / 1e6:.1f} MB; "
            f"{size / 1e3 / max(initiatives, 1):.1f} kB per initiative")


def machine() -> str:
    processor = platform.processor() or platform.machine()
    return (f"{platform.platform()}; {os.cpu_count()} CPUs; {processor}; "
            f"Python {platform.python_version()} ({sys.executable})")


def remove_tree(path: Path) -> None:
    def make_writable(function: Callable[..., Any], name: str, _info: Any) -> None:
        Path(name).chmod(0o700)  # git's objects are read-only on Windows
        function(name)

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=make_writable)
    else:
        shutil.rmtree(path, onerror=make_writable)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="tiny size, one run: a smoke test")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="generate into DIR and keep it")
    parser.add_argument("--cores", type=int)
    parser.add_argument("--initiatives", type=int, help="per core")
    parser.add_argument("--commits", type=int)
    parser.add_argument("--runs", type=int, help="runs per command (the median is shown)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)
    size = dict(QUICK_SIZE if args.quick else FULL_SIZE)
    for key in size:
        if getattr(args, key) is not None:
            size[key] = getattr(args, key)

    def progress(message: str) -> None:
        print(f"benchmark: {message}", file=sys.stderr, flush=True)

    workspace = Path(tempfile.mkdtemp(prefix="fardplan-bench-"))
    root = args.keep.resolve() if args.keep else workspace / "plans-repo"
    try:
        progress(f"generating {size['cores']} cores x {size['initiatives']} initiatives, "
                 f"{size['commits']} commits in {root}")
        started = time.perf_counter()
        made = generate(root, size["cores"], size["initiatives"], size["commits"])
        large_size = LARGE_CORE_INITIATIVES["quick" if args.quick else "full"]
        large = generate(workspace / "large-core", 2, large_size, 4)
        progress(f"generated in {time.perf_counter() - started:.1f} s")
        blob_file = workspace / "blobs.txt"
        blob_file.write_text("\n".join(history_blobs(root, made.hot_file)) + "\n", encoding="ascii")
        fardplan, how = fardplan_command()
        chain_root = part_of_chain_repository(made, workspace / "part-of-chain")
        site_out = workspace / "site"
        timings = build_timings(made, fardplan, blob_file, large, chain_root, site_out)
        measure(list(timings.values()), root, size["runs"], warm_up=not args.quick,
                progress=progress)
        rss = peak_rss_mb(timings["validate"].argv, root) if timings["validate"].median else "—"
        for timing in timings.values():
            if timing.failure:
                print(f"benchmark: {timing.label} failed: {timing.failure}", file=sys.stderr)
        blobs = len(blob_file.read_text(encoding="ascii").split())
        print(f"fardplan benchmark: {made.cores} cores x {made.initiatives} initiatives = "
              f"{made.cores * made.initiatives:,} core-specific initiatives, "
              f"{made.commits} commits ({blobs} versions of {made.hot_file}); "
              f"median of {size['runs']} run(s) each")
        print(f"machine: {machine()}")
        print(f"fardplan run as: {how}")
        print()
        print(format_table(table_rows(timings, rss), args.markdown))
        if site_out.is_dir():
            print()
            print(site_size(site_out, made.cores * made.initiatives))
    finally:
        remove_tree(workspace)
    return 0


if __name__ == "__main__":
    sys.exit(main())
