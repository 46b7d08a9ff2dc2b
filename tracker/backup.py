"""Back up the database and the photo store together, and restore both into an empty place.

A backup is a folder:

    manifest.json    format, when, database vendor, row counts per model, SHA-256 of SHA256SUMS
    database.jsonl   every row, one JSON object a line (Django's serializer, natural foreign keys)
    files/photos/…   every file a photo row names, byte for byte
    SHA256SUMS       SHA-256 of database.jsonl and of every file (`sha256sum -c SHA256SUMS` works)

Why Django's own dump rather than the SQLite backup API or pg_dump: one format for both
databases, restorable into either (SQLite to PostgreSQL included); no dependency on a pg_dump whose
version must match the server; read in one REPEATABLE READ transaction (a consistent snapshot);
written and loaded a line at a time (memory does not grow with the record); and loaddata resets
PostgreSQL's sequences. Files are copied after the snapshot, only those its rows name, so a backup
holds no orphans; a photo deleted while the backup ran makes it fail loudly (run it again).

``restore`` checks every SHA-256 before touching anything, refuses a database that has accounts or
a store that has photos, copies the files (reading each back to check its SHA-256), then loads the
rows in one transaction. If anything fails, what it wrote is removed again.
"""

import hashlib
import json
from collections import Counter
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from tracker.models import Photo, User
from tracker.storage import iter_names, read_chunks

FORMAT = 1
# Rebuilt by `migrate` (content types, permissions) or worthless after a restore (sessions).
EXCLUDE = ["contenttypes", "auth.permission", "sessions"]
BLOCK = 64 * 1024


class BackupError(Exception):
    pass


def backup(directory, *, storage=None) -> dict:
    storage = storage or default_storage
    folder = Path(directory)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: choose a new folder for each backup.")
    (folder / "files").mkdir(parents=True, exist_ok=True)
    dump = folder / "database.jsonl"
    _dump_database(dump)
    counts = Counter()
    with (folder / "SHA256SUMS").open("w") as sums:
        sums.write(f"{_hash_file(dump)}  database.jsonl\n")
        for model, fields in _rows(dump):
            counts[model] += 1
            if model == "tracker.photo":
                for key in ("master_name", "screen_name", "thumbnail_name"):
                    name = fields[key]
                    sums.write(
                        f"{_copy_out(storage, name, folder / 'files' / name)}  files/{name}\n"
                    )
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database_vendor": connection.vendor,
        "counts": dict(sorted(counts.items())),
        "sha256sums": _hash_file(folder / "SHA256SUMS"),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def verify(directory) -> dict:
    """Check the manifest and every SHA-256 of a backup folder; return the manifest."""
    folder = Path(directory)
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder} has no readable manifest.json ({error}).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    if _hash_file(folder / "SHA256SUMS") != manifest["sha256sums"]:
        raise BackupError("SHA256SUMS does not match the manifest: the backup was changed.")
    for digest, name in _sums(folder):
        path = folder / name
        if not path.is_file() or _hash_file(path) != digest:
            raise BackupError(f"{name} is missing or changed: this backup cannot be trusted.")
    return manifest


def restore(directory, *, storage=None) -> dict:
    storage = storage or default_storage
    folder = Path(directory)
    manifest = verify(folder)
    if User.objects.exists() or Photo.objects.exists():
        raise BackupError("The database is not empty. Restore only into a new, migrated database.")
    if next(iter_names(storage), None) is not None:
        raise BackupError("The photo store is not empty. Restore only into an empty store.")
    try:
        for digest, name in _sums(folder):
            if name.startswith("files/"):
                _copy_in(storage, folder / name, name.removeprefix("files/"), digest)
        with transaction.atomic():
            call_command("loaddata", str(folder / "database.jsonl"), verbosity=0)
            _check_counts(manifest["counts"])
    except BaseException:
        for _digest, name in _sums(folder):
            if name.startswith("files/"):
                storage.delete(name.removeprefix("files/"))
        raise
    return manifest


# --- internals -----------------------------------------------------------------------------


def _dump_database(path):
    with path.open("w") as out, transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # a consistent snapshot of every table
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        call_command(
            "dumpdata",
            format="jsonl",
            exclude=EXCLUDE,
            use_natural_foreign_keys=True,
            stdout=out,
            verbosity=0,
        )


def _rows(dump):
    with dump.open() as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                yield row["model"], row["fields"]


def _sums(folder):
    with (folder / "SHA256SUMS").open() as lines:
        for line in lines:
            digest, name = line.rstrip("\n").split("  ", 1)
            if ".." in Path(name).parts or name.startswith("/"):
                raise BackupError(f"Unsafe name in SHA256SUMS: {name}")
            yield digest, name


def _hash_file(path):
    digest = hashlib.sha256()
    with path.open("rb") as data:
        while chunk := data.read(BLOCK):
            digest.update(chunk)
    return digest.hexdigest()


def _copy_out(storage, name, target):
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    try:
        with target.open("wb") as out:
            for chunk in read_chunks(storage, name):
                digest.update(chunk)
                out.write(chunk)
    except FileNotFoundError:
        raise BackupError(
            f"{name} is named by a photo row but not in the store (deleted while the backup ran, "
            "or lost: see `manage.py check_photos`). Run the backup again."
        ) from None
    return digest.hexdigest()


def _copy_in(storage, source, name, digest):
    with source.open("rb") as data:
        stored = storage.save(name, File(data, name=name))
    if stored != name:
        raise BackupError(f"The store renamed {name} to {stored}: it was not empty.")
    check = hashlib.sha256()
    for chunk in read_chunks(storage, name):
        check.update(chunk)
    if check.hexdigest() != digest:
        raise BackupError(f"{name} reads back differently from the backup.")


def _check_counts(expected):
    from django.apps import apps

    for label, count in expected.items():
        found = apps.get_model(label)._base_manager.count()
        if found != count:
            raise BackupError(f"{label}: {found} rows restored, {count} in the backup.")
