"""Batch review for the 督导组 / 组织部 (issue 18 item 5): a folder of materials from many units
imported into a scratch library, checked and compared with each other (``batch``), written as
one ranked report (``report_html``, ``report_xlsx``, ``report_pdf``; ``write_report``)."""
