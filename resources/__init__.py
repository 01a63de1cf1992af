"""Package data, not code: an installed Duizhao ships this folder as the package
``duizhao_resources`` (pyproject.toml maps the name; ``app/resources.py`` finds it through
its import spec). Nothing here is ever imported for its contents."""
