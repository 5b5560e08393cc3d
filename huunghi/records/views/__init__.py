"""Web pages of the records app (they read through selectors and write through services)."""
