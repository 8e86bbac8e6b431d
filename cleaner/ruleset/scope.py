"""Decide which rule file claims a page: by URL host, URL pattern, or content fingerprints."""
from __future__ import annotations

from urllib.parse import urlsplit

from cleaner.ruleset.model import RuleFile


def host_of(url: str | None) -> str | None:
    """The URL's host name, lower-case, without a leading www."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def host_score(rule_host: str, host: str) -> int:
    """How specifically rule_host names host: higher is more specific, -1 is no match."""
    if rule_host.startswith("*."):
        domain = rule_host[2:]
        return len(domain) if host.endswith("." + domain) else -1
    return 1000 + len(rule_host) if host == rule_host else -1


def url_score(rule_file: RuleFile, url: str) -> int:
    """How well rule_file's match section claims url (-1: not at all)."""
    match = rule_file.match
    if match is None:
        return -1
    host = host_of(url)
    best = max((host_score(h, host) for h in match.hosts), default=-1) if host else -1
    if best < 0 and any(p.search(url) for p in match.urls):
        best = 0
    return best
