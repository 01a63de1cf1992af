"""Duizhao (对照) core: model, library storage, templates, import/export, checks, CLI. No Qt
here."""

__version__ = "0.1.0"
