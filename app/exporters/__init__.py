"""Exporters: a Material → a file format. ``text`` (txt, md) and ``files`` (atomic writing) are
light; PDF and DOCX exporters import ReportLab / python-docx, so import them only when used."""
