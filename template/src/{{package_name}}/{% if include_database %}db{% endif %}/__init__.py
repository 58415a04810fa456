"""The database adapter: SQLAlchemy models, the engine and the repositories behind domain ports.

Only the composition root (``main``), the migrations and the harness's migration gates import
this package; services see the ports in ``domain`` (an import-linter contract enforces it).
"""
