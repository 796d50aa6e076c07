"""Qt dialogs of the desktop app."""
