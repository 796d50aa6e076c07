"""The pages of the Settings dialog: office, units, calendar, signing identity, language."""
