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


class HostIndex:
    """The site files a URL may name, found from its host instead of asking every file.

    With a thousand site files, scoring each against every page's URL cost more than cleaning
    the page; url_score still decides among the few found (files with URL patterns are always
    among them).
    """

    def __init__(self, files: list[RuleFile]) -> None:
        self.exact: dict[str, list[RuleFile]] = {}
        self.wildcard: dict[str, list[RuleFile]] = {}  # "*.cri.cn" under "cri.cn"
        self.by_pattern = [f for f in files if f.match is not None and f.match.urls]
        for f in files:
            for host in f.match.hosts if f.match is not None else ():
                if host.startswith("*."):
                    self.wildcard.setdefault(host[2:], []).append(f)
                else:
                    self.exact.setdefault(host, []).append(f)

    def candidates(self, url: str) -> list[RuleFile]:
        """Every file whose url_score for url can be 0 or more (some others, scored -1, maybe)."""
        found = list(self.by_pattern)
        host = host_of(url)
        if host:
            found += self.exact.get(host, ())
            parts = host.split(".")
            for i in range(1, len(parts)):  # each domain the host lies under
                found += self.wildcard.get(".".join(parts[i:]), ())
        return found
