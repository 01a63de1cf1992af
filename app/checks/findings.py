"""Finding — one thing a reviewer would send back, located by field path and character range."""

from __future__ import annotations

from dataclasses import asdict, dataclass

SEVERITIES = ("error", "warning", "hint")
JSON_KEYS = ("rule", "severity", "path", "start", "end", "excerpt", "message", "fix")


@dataclass(frozen=True)
class Finding:
    """``path`` names a text field (see ``app.checks.paths``); ``[start, end)`` are character
    offsets in that field and ``excerpt`` is exactly that text. ``fix`` replaces the range
    when applied, or is None when no safe fix exists. Whole-node findings (a point with no
    example, a missing section) span the field's whole text or are empty at offset 0."""

    rule: str
    severity: str
    path: str
    start: int
    end: int
    excerpt: str
    message: str
    fix: str | None = None

    @property
    def key(self) -> str:
        """Identity used to remember an ignored finding: rule + path + excerpt. A missing part
        has no text of its own, so its message (naming the part) tells one from another."""
        if self.rule.endswith("_missing"):
            return ignore_key(self.rule, self.path, f"{self.excerpt}|{self.message}")
        return ignore_key(self.rule, self.path, self.excerpt)

    def to_json(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k in JSON_KEYS}


def ignore_key(rule: str, path: str, excerpt: str) -> str:
    return f"{rule}|{path}|{excerpt}"


def finding_at(
    rule: str,
    severity: str,
    path: str,
    text: str,
    start: int,
    end: int,
    message: str,
    fix: str | None = None,
) -> Finding:
    """A finding whose excerpt is taken from the field text, so excerpt and range agree."""
    return Finding(rule, severity, path, start, end, text[start:end], message, fix)
