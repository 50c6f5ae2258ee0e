"""Sources: fetch public job boards and normalise their listings."""
