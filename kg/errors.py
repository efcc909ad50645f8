"""Every error kg reports to a user: what went wrong, where, and what to do.

The CLI turns a `KgError` into one message on stderr and the exit code of its kind (documented
in the README); library code raises, never exits.
"""

from __future__ import annotations

#: exit code of each kind of failure, as documented in the README.
EXIT_CODES: dict[str, int] = {
    "usage": 2,  # bad options or arguments (click uses 2 as well)
    "input": 3,  # a document or data file could not be read; other documents went on
    "data": 4,  # a data file in data/ or ontology/ is malformed
    "query": 5,  # a query is unknown, malformed or got a bad parameter
    "store": 6,  # the store cannot be opened, is busy, or a write failed
    "invalid": 7,  # kg validate found violations
}


class KgError(Exception):
    """A failure the user can act on.

    `where` names the file (and line) or the object concerned; `hint` says what to do.
    """

    def __init__(self, kind: str, message: str, *, where: str | None = None, hint: str | None = None):
        super().__init__(message)
        if kind not in EXIT_CODES:
            raise ValueError(f"unknown error kind {kind!r}")
        self.kind = kind
        self.message = message
        self.where = where
        self.hint = hint

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.kind]

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


def input_error(path: object, message: str, hint: str | None = None) -> KgError:
    return KgError("input", message, where=str(path), hint=hint)


def data_error(path: object, problems: list[str]) -> KgError:
    """One error listing every bad line of a data file, so a curator fixes them in one go."""
    listing = "\n".join(f"  {p}" for p in problems)
    return KgError(
        "data",
        f"{len(problems)} problem(s) in data file:\n{listing}",
        where=str(path),
        hint="fix the lines listed above; each data file documents its columns in its header",
    )


def query_error(message: str, where: str | None = None, hint: str | None = None) -> KgError:
    return KgError("query", message, where=where, hint=hint)


def store_error(message: str, where: str | None = None, hint: str | None = None) -> KgError:
    return KgError("store", message, where=where, hint=hint)
