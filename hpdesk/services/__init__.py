"""Use cases: combine domain rules, storage and file formats. No Qt. Returns plain dataclasses, never ORM objects."""
