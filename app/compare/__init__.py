"""查重: passages a material shares with the writer's other materials and with texts the user
points at (范文). Qt-free. ``normalise`` and ``fingerprints`` are pure and also used by the
library's index (``app.library.similarity``); ``similar`` runs a comparison through the
``Library`` face and ``report`` holds its result. Nothing here speaks SQL."""
