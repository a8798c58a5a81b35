"""The benchmark's databases: `bench_<size>` on the PostgreSQL server BENCH_DATABASE_URL
names (default: the local one), seeded once with made-up profiles and kept."""

from __future__ import annotations

import os
import subprocess
import sys

import psycopg

from tests.gunicorn_server import ROOT

SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def seeded_database(size: int) -> str:
    """The URL of a database holding `size` made-up profiles (and what earlier runs
    added), migrated."""
    base = SERVER.rsplit("/", 1)[0]
    name = f"bench_{size}"
    url = f"{base}/{name}"
    with psycopg.connect(SERVER, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        # A run adds a few hundred profiles (the form's last step, measured): still seeded.
        if exists and size <= _profiles(url) <= size + 10_000:
            _manage(url, "migrate", "--noinput", "-v0")
            return url
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    print(f"Seeding {size:,} profiles into {name} (kept for the next run)...", flush=True)
    _manage(url, "migrate", "--noinput", "-v0")
    _manage(url, "seed_demo_profiles", str(size))
    with psycopg.connect(url, autocommit=True) as database:
        database.execute("VACUUM ANALYZE")
    return url


def _profiles(url: str) -> int:
    try:
        with psycopg.connect(url) as database:
            return database.execute("SELECT count(*) FROM profiles_profile").fetchone()[0]
    except psycopg.Error:
        return -1


def _manage(url: str, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "advisor.settings"}
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
