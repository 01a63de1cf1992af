"""Errors the user sees. Each carries a Chinese message first and an English one after it."""


class DuizhaoError(Exception):
    """Base of errors meant for the user (the CLI prints them on one line; the UI shows them)."""

    exit_code = 1

    def __init__(self, zh: str, en: str = ""):
        self.zh = zh
        self.en = en
        super().__init__(f"{zh} / {en}" if en else zh)


class InputError(DuizhaoError):
    """Bad input from the user: a file we cannot read, a wrong id, a malformed JSON. Exit 2."""

    exit_code = 2


class LibraryError(DuizhaoError):
    """The library file cannot be used (not a library, corrupt, newer schema, locked). Exit 2."""

    exit_code = 2


class LibraryLockedError(LibraryError):
    """The library is open in another window or process (the single-writer lock is held)."""


class NotFoundError(InputError):
    """A material or node id that is not in the library."""
