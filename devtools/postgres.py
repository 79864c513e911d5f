"""PostgreSQL for the bench and the load test: is it there, and make their databases."""

from collections.abc import Mapping
from typing import Any

import psycopg2
from psycopg2 import sql

LOCAL = "postgres://postgres@127.0.0.1:5432"


def _server(params: Mapping[str, Any]) -> dict:
    return {
        "host": params.get("HOST") or "127.0.0.1",
        "port": params.get("PORT") or 5432,
        "user": params.get("USER") or "postgres",
        "password": params.get("PASSWORD") or None,
        "connect_timeout": 3,
    }


def answers(params: Mapping[str, Any]) -> bool:
    """Return whether the PostgreSQL server of these Django database settings accepts us."""
    try:
        psycopg2.connect(dbname="postgres", **_server(params)).close()
    except psycopg2.OperationalError:
        return False
    return True


def ensure_database(params: Mapping[str, Any]) -> None:
    """Create the database of these Django database settings when it does not exist yet."""
    server = _server(params)
    try:
        psycopg2.connect(dbname=params["NAME"], **server).close()
    except psycopg2.OperationalError:
        admin = psycopg2.connect(dbname="postgres", **server)
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(params["NAME"])))
        admin.close()
