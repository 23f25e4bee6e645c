"""Reading git objects through one persistent ``git cat-file --batch`` process."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from fardplan_cli.errors import GitError
from fardplan_cli.gitstore.process import GIT_CONFIG, start_failure
from fardplan_cli.i18n import t

# The bytes of requests sent at once: well inside the smallest pipe buffer of any platform (4 KB on
# Windows), so that git can always take them all in before it must write its answers.
_GROUP_BYTES = 2048


class CatFile:
    """One ``git cat-file --batch`` process, kept open for a whole command."""

    def __init__(self, cwd: Path) -> None:
        try:
            self._process = subprocess.Popen(
                ["git", *GIT_CONFIG, "cat-file", "--batch"],
                cwd=cwd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as exc:
            raise start_failure(cwd, exc) from None
        assert self._process.stdin is not None and self._process.stdout is not None
        self._in: IO[bytes] = self._process.stdin
        self._out: IO[bytes] = self._process.stdout

    def read(self, spec: str) -> tuple[str, str, bytes] | None:
        """``(object id, type, content)`` of ``spec``, or None when there is no such object.

        ``spec`` is an object id, or ``<commit>:<path>`` built from a commit id that git gave us
        and a path of ours; never a string the user typed.
        """
        return self.read_many([spec])[0]

    def read_many(self, specs: Sequence[str]) -> list[tuple[str, str, bytes] | None]:
        """``read`` of each spec, asked in groups: one round trip to the process per group rather
        than per object. A group's requests are few enough to fit in the pipe to git, so that
        git never waits for us to read while we wait for it to read."""
        requests = []
        for spec in specs:
            if "\n" in spec or "\0" in spec:
                raise ValueError(spec)
            requests.append(spec.encode("utf-8") + b"\n")
        found: list[tuple[str, str, bytes] | None] = []
        start = 0
        while start < len(requests):
            end, size = start + 1, len(requests[start])
            while end < len(requests) and size + len(requests[end]) <= _GROUP_BYTES:
                size += len(requests[end])
                end += 1
            try:
                self._in.write(b"".join(requests[start:end]))
                self._in.flush()
            except OSError:
                raise GitError(t("git cat-file stopped unexpectedly")) from None
            found += (self._answer() for _ in range(start, end))
            start = end
        return found

    def _answer(self) -> tuple[str, str, bytes] | None:
        header = self._out.readline()
        if not header:
            raise GitError(t("git cat-file stopped unexpectedly"))
        parts = header.rstrip(b"\n").split(b" ")
        if len(parts) != 3:  # "<spec> missing" / "ambiguous"
            return None
        oid, kind, size = parts[0].decode(), parts[1].decode(), int(parts[2])
        content = self._out.read(size)
        self._out.read(1)  # the newline after the content
        return oid, kind, content

    def close(self) -> None:
        if self._process.poll() is None:
            with contextlib.suppress(OSError):
                self._in.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._out.close()

    def __enter__(self) -> CatFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def tree_entries(data: bytes, id_bytes: int) -> list[tuple[bytes, str, str]]:
    """The ``(mode, name, object id)`` of each entry of a raw tree object, whose object ids are
    ``id_bytes`` long (20 for SHA-1, 32 for SHA-256)."""
    entries = []
    index = 0
    while index < len(data):
        space = data.index(b" ", index)
        nul = data.index(b"\0", space)
        mode, name = data[index:space], data[space + 1 : nul].decode("utf-8", "replace")
        oid = data[nul + 1 : nul + 1 + id_bytes].hex()
        index = nul + 1 + id_bytes
        entries.append((mode, name, oid))
    return entries
