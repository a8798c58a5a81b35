"""The suite runs on the database DATABASE_URL names (CI runs it on SQLite and PostgreSQL)."""

import os

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_runs_on_the_configured_database():
    url = os.environ.get("DATABASE_URL", "sqlite://")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_connections_are_set_up_for_several_servers():
    settings_dict = connection.settings_dict
    # health checks only where a connection can go stale: a database server
    assert settings_dict["CONN_HEALTH_CHECKS"] is (connection.vendor != "sqlite")
    if connection.vendor == "sqlite":
        options = settings_dict["OPTIONS"]
        assert options["transaction_mode"] == "IMMEDIATE"
        assert options["timeout"] >= 5
        assert "journal_mode=WAL" in options["init_command"]
