"""The garbage collector paused for a one-shot command's main work.

Opening the library, importing an exporter and rendering a PDF create ~10^5 long-lived objects
(font tables, glyph runs, the material) and no cycles worth freeing; the collector would rescan
them ≈ 120 times (≈ 20 ms of the seed's PDF export). The process ends soon after, so nothing
is lost by not collecting meanwhile.
"""

from __future__ import annotations

import gc


class PausedCollector:
    """``with PausedCollector() as collector:`` — collection off inside, back on afterwards
    (only if it was on), or earlier with ``collector.resume()``."""

    def __enter__(self) -> PausedCollector:
        self._was_on = gc.isenabled()
        gc.disable()
        return self

    def resume(self) -> None:
        if self._was_on:
            gc.enable()

    def __exit__(self, *exc_info) -> None:
        self.resume()
