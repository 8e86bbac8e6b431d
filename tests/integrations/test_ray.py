"""Ray Data: a real local cluster, started here; the library call and `--engine ray`."""
from __future__ import annotations

import gzip
import json
import os
import signal
import sys

import pytest
from click.testing import CliRunner
from conftest import SEEDS

from cleaner.cli.main import main

# Ray binds a local cluster to the machine's network address unless told that it may not
# cluster: then everything stays on 127.0.0.1. Read when ray is first imported.
os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
_NO_RAY = f"Ray is not installed (no wheel for Python {sys.version_info.major}.{sys.version_info.minor}?): pip install 'cleaner[ray]'"
pytestmark = pytest.mark.ray
ray = pytest.importorskip("ray", reason=_NO_RAY)
pytest.importorskip("ray.data", reason=_NO_RAY)

from cleaner.integrations import ray as cleaner_ray  # noqa: E402  (needs ray)

ZH = "第{n}篇报道\n\n分享到：微信 微博\n正文第一段，记者从现场获悉有关情况并进行了采访。编号{n}。\n"


def test_engine_ray_reads_stdin_and_stderr_holds_only_our_lines(tmp_path):
    # First in the module: this process starts (and ends) its own cluster before the fixture's.
    import re
    import subprocess

    records = "".join(json.dumps({"id": n, "text": ZH.format(n=n)}, ensure_ascii=False) + "\n" for n in range(30))
    env = {**os.environ, "PYTHONPATH": str(SEEDS.parent)}
    base = [sys.executable, "-m", "cleaner.cli.main", "clean", "-", "--input-format", "jsonl"]
    on_ray = subprocess.run([*base, "--engine", "ray", "--jobs", "2"], input=records.encode(), capture_output=True,
                            env=env, timeout=600)
    local = subprocess.run(base, input=records.encode(), capture_output=True, env=env, timeout=600)
    assert on_ray.returncode == local.returncode == 0, on_ray.stderr.decode()
    assert on_ray.stdout == local.stdout and len(on_ray.stdout.splitlines()) == 30
    lines = on_ray.stderr.decode().splitlines()
    # Ray's token-authentication warning, its Data progress lines and its C++ "E" lines are not ours.
    assert lines[0].startswith("cleaned 30 records (") and lines[1] == "removals by rule:", lines
    assert all(re.match(r"^ +\d+  \S+$", line) for line in lines[2:]), lines


@pytest.fixture(scope="module")
def cluster():
    """A local Ray cluster of two CPUs, loopback only, no dashboard."""
    ray.init(num_cpus=2, include_dashboard=False, configure_logging=False, log_to_driver=False)
    assert ray.cluster_resources()["CPU"] == 2
    assert {node["NodeManagerAddress"] for node in ray.nodes()} == {"127.0.0.1"}
    # Workers cannot import this test module: ship its classes (the probe) by value.
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    yield
    ray.shutdown()  # how long a cluster takes to start is measured in bench/time_bounds.py


@pytest.fixture(autouse=True)
def deadline():
    """A Ray job that waits for resources waits for ever: fail the test instead of hanging.

    Not a speed bound: ten minutes is far beyond any test here on a loaded machine.
    """
    def expire(_signum, _frame):
        raise TimeoutError("Ray test hung (no result in 10 minutes)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(600)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def records(tmp_path):
    path = tmp_path / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for n in range(1200):
            out.write("not json\n" if n == 700 else json.dumps({"id": n, "text": ZH.format(n=n)}, ensure_ascii=False) + "\n")
    return path


def test_clean_dataset(cluster):
    ds = ray.data.from_items([{"id": n, "content": ZH.format(n=n), "url": None} for n in range(50)])
    rows = cleaner_ray.clean_dataset(ds, concurrency=2, batch_size=8, text_column="content").take_all()
    rows.sort(key=lambda r: r["id"])
    assert len(rows) == 50 and "text" not in rows[3] and rows[3]["cleaner_site"] == ""
    assert rows[3]["content"] == "第3篇报道\n\n正文第一段，记者从现场获悉有关情况并进行了采访。编号3。\n"
    assert json.loads(rows[3]["cleaner_metadata"]) == {"title": "第3篇报道", "page_type": "article"}
    assert json.loads(rows[3]["cleaner_removed"]) == {"zh-news/share-bar": 1}


def test_clean_dataset_keeps_comments_on_request(cluster):
    page = (SEEDS / "006_constructed_en_blog_comments.html").read_text(encoding="utf-8")
    ds = ray.data.from_items([{"id": 0, "html": page, "text": None, "url": None}])
    rows = cleaner_ray.clean_dataset(ds, concurrency=1, batch_size=8, comments=True).take_all()
    assert rows[0]["text"].count("\n\n[comment]\n\n") == 3
    assert len(json.loads(rows[0]["cleaner_metadata"])["comments"]) == 3


def test_rules_are_loaded_once_per_worker(cluster):
    # from_items: no read tasks, which would wait for the CPUs the two actors hold.
    ds = ray.data.from_items([{"id": n} for n in range(40)], override_num_blocks=8)
    pids_and_rules = ds.map_batches(_Probe, batch_size=5, compute=ray.data.ActorPoolStrategy(size=2)).take_all()
    per_worker = {}
    for row in pids_and_rules:
        per_worker.setdefault(row["pid"], set()).add(row["rules"])
    assert 1 <= len(per_worker) <= 2 and all(len(ids) == 1 for ids in per_worker.values())


class _Probe(cleaner_ray.BatchCleaner):
    """The batch cleaner, telling which process ran a batch and which RuleSet object it used."""

    def __call__(self, batch):
        n = len(batch["id"])
        return {"pid": [os.getpid()] * n, "rules": [id(self.rules)] * n}


def test_engine_ray_gives_the_local_output(cluster, records, tmp_path, monkeypatch):
    page = tmp_path / "page.txt"
    page.write_bytes((SEEDS / "000_a376c9bc92ac9e28.txt").read_bytes())
    packed = tmp_path / "packed.jsonl.gz"
    packed.write_bytes(gzip.compress(records.read_bytes()))
    from cleaner.run import ray as ray_runner
    from cleaner.run.tasks import split

    monkeypatch.setattr(ray_runner, "SPLIT_BYTES", 20_000)  # several ranges of the plain file
    assert len(list(split(_sources(records), 1 << 20, range_bytes=20_000, streams_here=False))) > 3
    args = [str(page), str(records), str(packed), "--format", "jsonl"]
    local = CliRunner().invoke(main, ["clean", "--jobs", "1", *args, "-o", str(tmp_path / "local.jsonl")])
    on_ray = CliRunner().invoke(main, ["clean", "--engine", "ray", "--jobs", "2", *args, "-o", str(tmp_path / "ray.jsonl")])
    assert local.exit_code == on_ray.exit_code == 1
    assert (tmp_path / "ray.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert f"{records}:701: error: invalid JSON" in on_ray.stderr and f"{packed}:701: error: invalid JSON" in on_ray.stderr
    assert "cleaned 1 file and 2398 records" in on_ray.stderr
    assert "warning: --engine ray on " in on_ray.stderr and "faster below about" in on_ray.stderr  # a small input


def _sources(path):
    from pathlib import PurePosixPath

    from cleaner.run.sources import Source

    return [Source(path, PurePosixPath(path.name), True)]
