"""Migrated, still empty databases, made once per schema and copied wherever a test needs one.

Migrating from nothing costs about 30 s of CPU here (Wagtail's migrations are half of it), and
every test worker of each pass, and every live site, used to pay it. The first to need a schema
migrates it under a file lock, keyed on everything that shapes it; the others copy it: a file
for SQLite, a template database for PostgreSQL (`CREATE DATABASE ... TEMPLATE`).
"""

import contextlib
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
from psycopg import sql

BASE_DIR = Path(__file__).resolve().parent.parent
MANAGE = BASE_DIR / "manage.py"
SETTINGS_MODULE = "odi_site.settings.test"
CACHE = BASE_DIR / "build" / "schemas"
SCHEMA_INPUTS = ("*/migrations/*.py", "odi_site/settings/*.py", "requirements.lock")
TEMPLATE_PREFIX = "odi_schema_"


def inputs_key(patterns, *extra):
    """A digest of the files matching `patterns` (names and contents) and of `extra` strings."""
    digest = hashlib.sha256("\0".join(extra).encode())
    for pattern in patterns:
        for path in sorted(BASE_DIR.glob(pattern)):
            if ".venv" not in path.parts and "node_modules" not in path.parts:
                digest.update(str(path.relative_to(BASE_DIR)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def schema_key():
    return inputs_key(SCHEMA_INPUTS)


@contextlib.contextmanager
def locked(name):
    """One process at a time, across test workers and CI passes, for what `name` guards."""
    CACHE.mkdir(parents=True, exist_ok=True)
    with (CACHE / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def migrate(database_url):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE, "DATABASE_URL": database_url}
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, str(MANAGE), "migrate", "--noinput", "-v", "0"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"manage.py migrate failed:\n{result.stdout}\n{result.stderr}")


def sqlite_schema():
    """The cached, migrated SQLite file of this schema, made first if there is none."""
    cached = CACHE / f"{schema_key()}.sqlite3"
    with locked("sqlite"):
        if not cached.exists():
            for stale in CACHE.glob("*.sqlite3"):
                stale.unlink(missing_ok=True)
            partial = cached.with_suffix(f".{os.getpid()}.tmp")
            partial.unlink(missing_ok=True)
            migrate(f"sqlite:///{partial}")
            os.replace(partial, cached)
    return cached


def copy_sqlite_schema(destination):
    """Write a migrated, empty SQLite database to `destination`."""
    shutil.copyfile(sqlite_schema(), destination)


def server_connection(settings_dict):
    params = {
        "host": settings_dict.get("HOST") or None,
        "port": settings_dict.get("PORT") or None,
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    return psycopg.connect(**{k: v for k, v in params.items() if v is not None})


def postgres_template(settings_dict, server):
    """The name of this schema's migrated template database, made first if the server has none.
    The caller holds the "postgres" lock."""
    template = TEMPLATE_PREFIX + schema_key()
    names = {row[0] for row in server.execute("SELECT datname FROM pg_database")}
    if template not in names:
        # Migrated under another name and renamed when done, so a failed run leaves no template.
        partial = f"{template}_partial"
        for stale in names:
            if stale.startswith(TEMPLATE_PREFIX):
                server.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(stale)))
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(partial)))
        migrate(database_url(settings_dict, partial))
        server.execute(
            sql.SQL("ALTER DATABASE {} RENAME TO {}").format(sql.Identifier(partial), sql.Identifier(template))
        )
    return template


def copy_postgres_schema(settings_dict, name):
    """(Re)create the PostgreSQL database `name` on the server of `settings_dict` from the
    migrated template of this schema, made first if the server has none."""
    with locked("postgres"), server_connection(settings_dict) as server:
        template = postgres_template(settings_dict, server)
        server.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        server.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template)))


def prepare(settings_dict):
    """Make the schema `settings_dict`'s engine needs (a no-op when it is cached)."""
    if settings_dict["ENGINE"] == "django.db.backends.postgresql":
        with locked("postgres"), server_connection(settings_dict) as server:
            postgres_template(settings_dict, server)
    elif settings_dict["ENGINE"] == "django.db.backends.sqlite3":
        sqlite_schema()


def database_url(settings_dict, name):
    user = settings_dict.get("USER") or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    at = "@" if user else ""
    host = settings_dict.get("HOST") or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{user}{password}{at}{host}{port}/{name}"
