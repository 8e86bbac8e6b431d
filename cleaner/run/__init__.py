"""A corpus run: sources, tasks, local and Ray runners, sinks (txt/json/jsonl), summary."""
