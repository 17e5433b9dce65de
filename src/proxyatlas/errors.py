"""Errors that reach the user as one clear line: what went wrong, where, and how to fix it."""

from __future__ import annotations

from pathlib import Path


class ProxyatlasError(Exception):
    """Base class: the message is shown to the user as it is."""


class NotFoundError(ProxyatlasError):
    """What was named (an entity, a relation, a correction) is not in the store."""


class InputError(ProxyatlasError):
    """A document cannot be read: names the file and the problem."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class DataError(ProxyatlasError):
    """A data file (registry, cue lexicon, sidecar) is malformed: names file, entry and problem."""

    def __init__(self, path: str | Path, problem: str, entry: str | None = None) -> None:
        self.path = str(path)
        self.entry = entry
        self.problem = problem
        where = f"{self.path}: entry {entry!r}" if entry else self.path
        super().__init__(f"{where}: {problem}")


class ProxyatlasWarning(UserWarning):
    """Something the user should know that does not stop the work (the CLI prints it on stderr)."""
