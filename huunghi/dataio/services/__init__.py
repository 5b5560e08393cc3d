"""Writes of the data app: imports (:mod:`.imports`) and exports (:mod:`.exports`)."""
