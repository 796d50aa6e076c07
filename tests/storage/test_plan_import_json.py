"""The import's bulk INSERT writes JSON columns through a fast path for lists of strings; what it stores must be
exactly what SQLAlchemy's own JSON processor (json.dumps) would have stored, so reading, hashing and comparing rows
cannot tell which path wrote them."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.dialects import sqlite

from hpdesk.storage.plan_import_store import _fast_json
from hpdesk.storage.records import TaskRecord

# Runs once, not on both back ends: no workspace (a column type's bind processor; the import itself runs on both in
# test_plan_import).


@pytest.mark.parametrize("value", [
    [], ["A5", "B5"], ["市卫生健康委", "市教育局"], ['含"引号"与\\反斜杠', "tab\there", "换行\n", "emoji 😀"],
    None, {"a": 1}, [1, 2], ["A5", None], "plain", (), ("市卫生健康委", "市教育局"), ("A5", None), (1, 2),
])
def test_the_fast_json_path_stores_exactly_what_sqlalchemy_would(value: object) -> None:
    processor = TaskRecord.__table__.c.lead_departments.type.bind_processor(sqlite.dialect())
    fast = _fast_json(processor)
    assert fast(value) == processor(value) == json.dumps(value)
    assert fast(value) == processor(value)  # a remembered answer too
