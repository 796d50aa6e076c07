"""Write migrations/schema/<head>.json: the schema the migrations create at the head revision, which `check` and
`restore` compare a database with instead of running every migration again (hpdesk/storage/schema_check.py).

    PYTHONPATH=. .venv/bin/python scripts/schema_snapshot.py

Run it after adding or editing a revision file (or upgrading SQLAlchemy or Alembic). Until then the snapshot is
stale, and hpdesk runs the migrations as it did before snapshots (correct, about a second slower per process).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hpdesk import paths  # noqa: E402
from hpdesk.storage.migrate import head_revision  # noqa: E402
from hpdesk.storage.schema_check import write_snapshot  # noqa: E402


def main() -> int:
    migrations = paths.migrations_dir()
    head = head_revision(migrations)
    for stale in (migrations / "schema").glob("*.json"):
        if stale.stem != head:
            stale.unlink()  # only the head's is kept: an older revision's database is compared by migrating
    print(write_snapshot(migrations, head))
    return 0


if __name__ == "__main__":
    sys.exit(main())
