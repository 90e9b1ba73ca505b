"""Ingest and enrichment as jobs that any number of ``newsbrief worker`` processes share.

The engine is procrastinate (jobs live in the PostgreSQL database newsbrief already uses).
``engine`` builds the procrastinate app and its schema, ``tasks`` holds the jobs, ``hosts``
the per-host politeness every worker shares, ``stories`` the locked story assignment and
``commands`` the glue behind ``newsbrief worker``, ``ingest --enqueue`` and ``jobs``.
With SQLite nothing here runs: ingest stays in-process.
"""
