"""Pure rules of the domain: standard library only (no Qt, SQLAlchemy, openpyxl, reportlab, no file or network I/O)."""
