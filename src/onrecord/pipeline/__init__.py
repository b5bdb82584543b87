"""spaCy components: paragraphs (before the parser), then onrecord (attributions)."""
