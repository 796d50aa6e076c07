"""The desktop app: the only package that imports PySide6. Talks to services, never to storage."""
