"""The Ondersteuningsteam on location: deployment records on a case, and preparation support
before a tense public meeting (docs/incidents.md, "Inzet en voorbereiding").

Kept apart from the case code in its own modules: models, actions (every write), selectors
(every read with a permission), forms, views, urls (mounted at /inzet/).
"""
