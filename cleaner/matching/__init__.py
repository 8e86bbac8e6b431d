"""What rule patterns match: the folded view of a page, RE2 patterns, and the set that finds them together."""
