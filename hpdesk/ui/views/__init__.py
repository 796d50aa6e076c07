"""Qt views of the desktop app."""
