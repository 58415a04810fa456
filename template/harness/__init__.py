# Owned by Harness: change it upstream, or expect copier update to merge your edits.
"""The project's CI, runnable on a laptop: one entry point per CI job.

``uv run -m harness ci`` runs every job that works offline, in parallel, and prints a summary;
``uv run -m harness <job>`` runs one job exactly as the GitHub workflow does.
"""
