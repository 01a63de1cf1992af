"""Dialogs of the library side: new from template, import, next year's draft, trash, search."""
