"""SQLAlchemy 2 over SQLite and the content-addressed attachment store. No Qt; never imports services or ui."""
