"""The declarative base every record class maps onto, its naming convention, and the JSON column type.

Apart from records.py so that the city level's records (city_records.py) build on it without importing records.py,
which imports them to complete Base.metadata.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import JSON, MetaData, Table
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# JSON documents: plain JSON on SQLite, JSONB on PostgreSQL (plain JSON there has no equality operator, so DISTINCT,
# GROUP BY and comparisons on these columns would fail; migration 0002 converts the columns of a PostgreSQL database).
JsonDocument = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    if TYPE_CHECKING:  # every record maps one Table (DeclarativeBase says any FromClause)
        __table__: ClassVar[Table]
