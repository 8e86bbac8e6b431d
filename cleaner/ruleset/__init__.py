"""Rule files as data: YAML with line numbers, validation, loading, packs, and which file claims a page."""
