"""News import: turn a news article about cooperation into draft records for review.

``extraction/`` is the pure-Python engine (article text, proposals). Around it:
``gazetteer`` (the system's places and units for the engine, cached per process),
``services`` (import, accept, reject), ``selectors`` and ``permissions`` (an import
belongs to the unit it was made for), ``payload`` (engine proposals as stored rows),
``drafts`` (a stored proposal as the starting values of a record or figure),
``markup`` (the highlighted article), ``review`` (the proposal cards) and the pages in
``views``/``forms``/``templates``.
"""
