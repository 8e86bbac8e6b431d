"""The hooks of .pre-commit-hooks.yaml, run by the real pre-commit on real commits, offline.

The hooks are installed as `repo: local` copies of this checkout's manifest entries with
`language: system` and the entry pointing at this interpreter's `cleaner`: `language: python`
would make pre-commit pip-install the checkout, which needs the network.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SEEDS

SEED = SEEDS / "000_a376c9bc92ac9e28.txt"
GOLDEN = ROOT / "tests" / "test_seeds_golden" / "000_a376c9bc92ac9e28.clean.txt"
CLEANER = Path(sysconfig.get_path("scripts")) / "cleaner"

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(shutil.which("pre-commit", path=str(CLEANER.parent)) is None
                       and shutil.which("pre-commit") is None, reason="pre-commit is not installed"),
]


def local_config() -> str:
    """A .pre-commit-config.yaml running this checkout's hooks without installing anything."""
    hooks = []
    for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")):
        assert hook["language"] == "python" and hook["entry"].startswith("cleaner ")
        local = dict(hook, language="system")
        local["entry"] = shlex.quote(str(CLEANER)) + hook["entry"][len("cleaner"):]
        hooks.append(local)
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, allow_unicode=True)


@pytest.fixture
def repo(tmp_path):
    """A fresh git repository with the hooks installed, isolated from the user's git and pre-commit."""
    work = tmp_path / "repo"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(HOME=str(tmp_path), GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1",
               PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), LC_ALL="C.UTF-8")

    def sh(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(args, cwd=work, env=env, capture_output=True, text=True, timeout=300)
        if check and proc.returncode != 0:
            raise AssertionError(f"{args} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
        return proc

    sh("git", "init", "-q", "-b", "main")
    sh("git", "config", "user.name", "Test")
    sh("git", "config", "user.email", "test@example.invalid")
    sh("git", "config", "commit.gpgsign", "false")
    (work / ".pre-commit-config.yaml").write_text(local_config(), encoding="utf-8")
    pre_commit = shutil.which("pre-commit", path=str(CLEANER.parent)) or shutil.which("pre-commit")
    sh(pre_commit, "install")
    return work, sh


def test_commit_dirty_page_fails_fix_rewrites_then_commit_passes(repo):
    work, sh = repo
    # The configuration is found by walking up from each file: raw captures stay as they came.
    (work / "pyproject.toml").write_text('[tool.cleaner]\nexclude = ["raw"]\n', encoding="utf-8")
    (work / "raw").mkdir()
    shutil.copyfile(SEED, work / "raw" / "capture.txt")
    sh("git", "add", ".")
    sh("git", "commit", "-q", "-m", "hooks and a raw capture")

    (work / "articles").mkdir()
    shutil.copyfile(SEED, work / "articles" / "page.txt")
    sh("git", "add", "articles/page.txt")
    first = sh("git", "commit", "-m", "a dirty page", check=False)
    out = first.stdout + first.stderr
    assert first.returncode != 0, out
    assert "articles/page.txt:1:1: cri.cn/fororder-images" in out
    assert "articles/page.txt:5:1: zh-news/breadcrumb" in out
    assert "files were modified by this hook" in out  # cleaner-fix rewrote the page
    assert sh("git", "rev-list", "--count", "HEAD").stdout.strip() == "1"
    assert (work / "articles" / "page.txt").read_bytes() == GOLDEN.read_bytes()

    sh("git", "add", "articles/page.txt")
    second = sh("git", "commit", "-m", "the page, clean", check=False)
    out = second.stdout + second.stderr
    assert second.returncode == 0, out
    assert re.search(r"cleaner check \(site furniture\)\.+Passed", out), out
    assert re.search(r"cleaner fix \(site furniture\)\.+Passed", out), out
    assert sh("git", "rev-list", "--count", "HEAD").stdout.strip() == "2"
    committed = sh("git", "show", "HEAD:articles/page.txt").stdout
    assert committed == GOLDEN.read_text(encoding="utf-8")
    assert (work / "raw" / "capture.txt").read_bytes() == SEED.read_bytes()


def test_check_hook_alone_on_many_files(repo):
    """Many files: the one dirty page fails the hook, and nothing else is reported."""
    work, sh = repo
    sh("git", "add", ".pre-commit-config.yaml")
    sh("git", "commit", "-q", "-m", "hooks")
    pages = work / "pages"
    pages.mkdir()
    for n in range(40):
        shutil.copyfile(GOLDEN, pages / f"clean-{n:02d}.txt")
    shutil.copyfile(SEED, pages / "dirty.txt")
    sh("git", "add", "pages")
    run = sh(sys.executable, "-m", "pre_commit", "run", "cleaner-check", check=False)
    assert run.returncode == 1
    assert "pages/dirty.txt:1:1: cri.cn/fororder-images" in run.stdout
    assert "clean-" not in run.stdout
    assert (pages / "dirty.txt").read_bytes() == SEED.read_bytes()  # check never writes


def test_all_files_one_summary_per_hook(repo):
    """require_serial: one invocation sees every file (cleaner spreads them over its own workers),
    so a run with dirty pages first and last in the list prints one summary per hook."""
    work, sh = repo
    pages = work / "pages"
    pages.mkdir()
    for n in range(80):
        shutil.copyfile(SEED if n in (0, 40, 79) else GOLDEN, pages / f"page-{n:02d}.txt")
    sh("git", "add", ".")
    run = sh(sys.executable, "-m", "pre_commit", "run", "--all-files", "cleaner-check", check=False)
    assert run.returncode == 1
    assert re.findall(r"^Found .*$", run.stdout, re.M) == ["Found 45 findings in 3 files; `cleaner fix` removes them."]
    assert run.stdout.count(":1:1: cri.cn/fororder-images") == 3
    fixed = sh(sys.executable, "-m", "pre_commit", "run", "--all-files", "cleaner-fix", check=False)
    assert fixed.returncode == 1  # files changed
    assert re.findall(r"^Fixed .*$", fixed.stdout, re.M) == ["Fixed 3 files (45 removals)."]
    assert all(p.read_bytes() == GOLDEN.read_bytes() for p in pages.iterdir())
