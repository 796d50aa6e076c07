"""Hostile backups made from a genuine one: change its database, add or drop members, rewrite backup.json.

`craft(genuine, out, edit_db=..., add=..., drop=..., manifest=...)` copies the genuine zip member by member,
applying the changes and keeping backup.json's sizes and hashes consistent (unless `manifest` rewrites it), so
each hostile backup is refused for the one reason the test is about.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

DATABASE = "hpdesk.sqlite"


def _edited_database(original: bytes, edit: Callable[[sqlite3.Connection], None]) -> bytes:
    with tempfile.TemporaryDirectory() as scratch:
        db_file = Path(scratch) / DATABASE
        db_file.write_bytes(original)
        connection = sqlite3.connect(db_file)
        try:
            edit(connection)
            connection.commit()
        finally:
            connection.close()
        return db_file.read_bytes()


def craft(genuine: Path, out: Path, *, edit_db: Callable[[sqlite3.Connection], None] | None = None,
          add: dict[str, tuple[bytes, int]] | None = None, drop: Callable[[str], bool] | None = None,
          manifest: Callable[[dict], object] | None = None) -> Path:
    """`add` maps member name → (content, zipfile compression); `drop(name)` True removes a member."""
    with zipfile.ZipFile(genuine) as source:
        declared = json.loads(source.read("backup.json"))
        contents = {item.filename: source.read(item.filename) for item in source.infolist()
                    if item.filename != "backup.json"}
    if edit_db is not None:
        contents[DATABASE] = _edited_database(contents[DATABASE], edit_db)
    methods = {name: zipfile.ZIP_STORED for name in contents}
    for name, (content, method) in (add or {}).items():
        contents[name], methods[name] = content, method
    for name in [name for name in contents if drop and drop(name)]:
        del contents[name]
    declared["members"] = [{"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
                           for name, data in contents.items()]
    rewritten = manifest(declared) if manifest is not None else declared
    with zipfile.ZipFile(out, "w", allowZip64=True) as target:
        for name, data in contents.items():
            target.writestr(name, data, compress_type=methods[name])
        text = rewritten if isinstance(rewritten, (str, bytes)) else json.dumps(rewritten, ensure_ascii=False)
        target.writestr("backup.json", text)
    return out


def database_bytes(root: Path) -> bytes:
    """The workspace's database content (for 'unchanged' comparisons)."""
    return (root / DATABASE).read_bytes()
