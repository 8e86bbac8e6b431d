"""The pure page pipeline: a page (scraped text or HTML) and its rules in, a Result out. No I/O."""
