"""Where the events live: `--db`, `--database-url` and their environment variables.

Maps the user's choice of store to the eventsourcing library's settings.
Options on the command line win over the environment; at the same level a
database URL wins over a file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from tracker.errors import BadInput, Refused

APP_NAME = "diplomatic-tracker"


@dataclass(frozen=True)
class Location:
    """A SQLite file or a PostgreSQL database (and schema)."""

    path: Path | None = None
    url: str | None = None

    @property
    def is_postgres(self) -> bool:
        return self.url is not None

    def describe(self) -> str:
        if self.url is not None:
            parts = urlsplit(self.url)
            host = parts.hostname or "localhost"
            schema = parse_qs(parts.query).get("schema")
            where = f"?schema={schema[0]}" if schema else ""
            return f"postgresql://{host}:{parts.port or 5432}{parts.path}{where}"
        return str(self.path)

    def exists(self) -> bool:
        """Whether a store is there to read (PostgreSQL: checked on first read)."""
        return self.url is not None or (self.path is not None and self.path.is_file())

    def env(self, *, create: bool = True) -> dict[str, str]:
        """The eventsourcing settings for this store."""
        if self.url is not None:
            return postgres_env(self.url) | {"CREATE_TABLE": "y" if create else "n"}
        assert self.path is not None
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(self.path),
            "SQLITE_LOCK_TIMEOUT": "30",
            "CREATE_TABLE": "y" if create else "n",
        }


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME) / "tracker.db"


def locate(db: str | None = None, database_url: str | None = None) -> Location:
    """The store the user asked for, by DESIGN.md's order of precedence."""
    if database_url:
        return Location(url=_check_url(database_url, "--database-url"))
    if db:
        return Location(path=_check_path(db, "--db"))
    env_url = os.environ.get("TRACKER_DATABASE_URL")
    if env_url:
        return Location(url=_check_url(env_url, "TRACKER_DATABASE_URL"))
    env_db = os.environ.get("TRACKER_DB")
    if env_db:
        return Location(path=_check_path(env_db, "TRACKER_DB"))
    return Location(path=default_path())


def _check_path(text: str, where: str) -> Path:
    path = Path(text).expanduser()
    if path.is_dir():
        raise BadInput(f"{where}: {text} is a directory, not a database file")
    return path


def _check_url(url: str, where: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        raise BadInput(f"{where}: {url!r} is not a postgresql:// URL")
    if not parts.path.strip("/"):
        raise BadInput(f"{where}: the URL names no database (postgresql://host/DBNAME)")
    return url


def postgres_env(url: str) -> dict[str, str]:
    """eventsourcing's PostgreSQL settings from a postgresql:// URL."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": unquote(parts.path.lstrip("/")),
        "POSTGRES_HOST": parts.hostname or "localhost",
        "POSTGRES_PORT": str(parts.port or 5432),
        "POSTGRES_USER": unquote(parts.username or "") or os.environ.get("USER", "postgres"),
        "POSTGRES_PASSWORD": unquote(parts.password or ""),
        "POSTGRES_POOL_SIZE": "2",
        "POSTGRES_MAX_OVERFLOW": "2",
        "POSTGRES_CONNECT_TIMEOUT": "10",
        "POSTGRES_LOCK_TIMEOUT": "30",
        "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT": "60",
    }
    if "schema" in query:
        env["POSTGRES_SCHEMA"] = query["schema"][0]
    return env


def reach_postgres(location: Location, *, create: bool) -> None:
    """Connect once before the library's pool does: a server that turns us away says
    why at once (the pool would wait out its timeout, then say only that it waited),
    and a store about to be created gets its schema."""
    assert location.url is not None
    try:
        import psycopg
        from psycopg import sql
    except ImportError:
        raise Refused(
            "a PostgreSQL store needs psycopg: pip install 'diplomatic-tracker[postgres]'"
        ) from None
    env = postgres_env(location.url)
    schema = env.get("POSTGRES_SCHEMA")
    try:
        with psycopg.connect(
            host=env["POSTGRES_HOST"],
            port=env["POSTGRES_PORT"],
            dbname=env["POSTGRES_DBNAME"],
            user=env["POSTGRES_USER"],
            password=env["POSTGRES_PASSWORD"],
            connect_timeout=int(env["POSTGRES_CONNECT_TIMEOUT"]),
            autocommit=True,
        ) as conn:
            if create and schema:
                found = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,))
                if found.fetchone() is None:
                    create_schema = sql.SQL("CREATE SCHEMA IF NOT EXISTS {}")
                    conn.execute(create_schema.format(sql.Identifier(schema)))
    except psycopg.errors.UniqueViolation:
        pass  # another process created the schema at the same moment
    except psycopg.Error as err:
        raise Refused(f"cannot open the store at {location.describe()}: {_reason(err)}") from None


def _reason(err: Exception) -> str:
    """The server's own words, without libpq's preamble: 'Connection refused',
    'role "x" does not exist'."""
    text = str(err).strip()
    if not text:
        return type(err).__name__
    first = text.splitlines()[0].rsplit(" failed: ", 1)[-1]
    return first.removeprefix("FATAL:").strip()
