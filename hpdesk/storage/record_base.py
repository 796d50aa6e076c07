"""The declarative base every record class maps onto, its naming convention, and the JSON column type.

Apart from records.py so that the city level's records (city_records.py) build on it without importing records.py,
which imports them to complete Base.metadata.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import JSON, MetaData, Table
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeEngine
from sqlalchemy.util import immutabledict

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


_POSTGRESQL = "sqlalchemy.dialects.postgresql"
_NO_VARIANT: immutabledict[str, TypeEngine[Any]] = immutabledict()
_JSONB_VARIANT: list[immutabledict[str, TypeEngine[Any]]] = []  # made once, when first asked for with PostgreSQL loaded


class _JsonDocument(JSON):
    """`JSON().with_variant(JSONB(), "postgresql")` without importing the PostgreSQL dialect into every process.

    The variant is SQLAlchemy's `_variant_mapping`, read when a column is made, when a dialect adapts the type and
    when DDL is compiled. Here it holds JSONB as soon as `sqlalchemy.dialects.postgresql` is loaded, which a
    PostgreSQL engine, dialect or DDL compiler has always done before it reads the mapping; before that it is
    empty, which is all SQLite ever reads. (Importing the dialect for JSONB alone cost every command on an SQLite
    workspace ~0.05 s of CPU: issue 13.)
    """

    cache_ok = True

    @property
    def _variant_mapping(self) -> immutabledict[str, TypeEngine[Any]]:
        postgresql = sys.modules.get(_POSTGRESQL)
        if postgresql is None:
            return _NO_VARIANT
        if not _JSONB_VARIANT:
            _JSONB_VARIANT.append(immutabledict({"postgresql": postgresql.JSONB()}))
        return _JSONB_VARIANT[0]

    @_variant_mapping.setter
    def _variant_mapping(self, value: immutabledict[str, TypeEngine[Any]]) -> None:
        """SQLAlchemy copies the mapping onto a copy of the type; here it is derived, never stored. Any other
        variant would be lost, so it is refused."""
        if set(value) - {"postgresql"}:
            raise TypeError("JsonDocument has only its JSONB variant")


# JSON documents: plain JSON on SQLite, JSONB on PostgreSQL (plain JSON there has no equality operator, so DISTINCT,
# GROUP BY and comparisons on these columns would fail; migration 0004 converts the columns of a PostgreSQL database).
JsonDocument = _JsonDocument()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    if TYPE_CHECKING:  # every record maps one Table (DeclarativeBase says any FromClause)
        __table__: ClassVar[Table]
