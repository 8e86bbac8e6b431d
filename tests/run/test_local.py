"""--jobs: the same output as one job, in the same order; bounded work in flight."""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS

from cleaner.cli.main import main
from cleaner.io import jsonl
from cleaner.io.jsonl import read_blocks, split_block
from cleaner.run import local as parallel
from cleaner.run.local import Setup, run_ordered
from cleaner.run.tasks import PageTask, RecordTask, record_tasks

ZH = "第{n}篇报道\n\n分享到：微信 微博\n正文第一段，记者从现场获悉有关情况并进行了采访。编号{n}。\n"


def invoke(*args):
    return CliRunner().invoke(main, ["clean", *map(str, args)], catch_exceptions=False)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    """A folder of 30 page files: the seeds, copies of them, and generated pages."""
    folder = tmp_path_factory.mktemp("pages")
    seeds = sorted(SEEDS.glob("*.txt"))
    for n in range(30):
        path = folder / f"d{n % 3}" / f"p{n:02d}.txt"
        path.parent.mkdir(exist_ok=True)
        if n % 2:
            shutil.copyfile(seeds[n % len(seeds)], path)
        else:
            path.write_text(ZH.format(n=n), encoding="utf-8")
    (folder / "d1" / "bad.bin").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    return folder


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> Path:
    """2,500 records (several chunks), every 400th one broken."""
    path = tmp_path_factory.mktemp("records") / "big.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for n in range(2500):
            out.write('{"id": %d, "text": broken}\n' % n if n % 400 == 7 else json.dumps({"id": n, "text": ZH.format(n=n)}, ensure_ascii=False) + "\n")
    return path


@pytest.mark.parametrize("fmt", ["txt", "jsonl"])
def test_pages_to_stdout_same_for_any_jobs(pages, fmt):
    one, two = (invoke("-q", "--format", fmt, "--jobs", j, pages) for j in (1, 2))
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout and one.stderr == two.stderr
    assert "bad.bin: error:" in one.stderr


def test_pages_to_folder_same_for_any_jobs(pages, tmp_path):
    for j in (1, 3):
        assert invoke("-q", "--jobs", j, pages, "-o", tmp_path / f"out{j}").exit_code == 1
    files = sorted(p.relative_to(tmp_path / "out1") for p in (tmp_path / "out1").rglob("*.txt"))
    assert len(files) == 30
    assert files == sorted(p.relative_to(tmp_path / "out3") for p in (tmp_path / "out3").rglob("*.txt"))
    assert all((tmp_path / "out1" / f).read_bytes() == (tmp_path / "out3" / f).read_bytes() for f in files)


def test_records_same_for_any_jobs(records, tmp_path):
    # 8 kB blocks: the 300 kB file goes out as some 40 ranges read by the workers.
    runs = [invoke("--jobs", j, records, "-o", tmp_path / f"out{j}.jsonl") for j in (1, 2, 4)]
    outputs = [(tmp_path / f"out{j}.jsonl").read_bytes() for j in (1, 2, 4)]
    assert outputs[0] == outputs[1] == outputs[2]
    # The same report, but for the time the run took.
    reports = [re.sub(r" in [0-9.:]+ (s|min)", "", run.stderr) for run in runs]
    assert reports[0] == reports[1] == reports[2]
    ids = [json.loads(line)["id"] for line in outputs[0].decode().splitlines()]
    assert ids == [n for n in range(2500) if n % 400 != 7]  # in input order, broken ones left out
    assert f"{records}:8: error: invalid JSON" in runs[0].stderr
    assert "cleaned 2493 records" in runs[0].stderr and "7 records with errors" in runs[0].stderr


@pytest.fixture(autouse=True)
def small_blocks(monkeypatch):
    """Blocks of 8 kB, so that a small file makes many tasks."""
    monkeypatch.setattr(jsonl, "BLOCK_BYTES", 8192)


def test_records_travel_in_blocks_of_whole_lines(records):
    tasks = list(record_tasks(0, read_blocks(records)))
    assert len(tasks) > 3 and tasks[-1].last and not any(t.last for t in tasks[:-1])
    assert all(t.data.endswith(b"\n") and len(t.data) <= 2 * 8192 for t in tasks[:-1])
    numbered = [n for t in tasks for n, _line in split_block(t.first_line, t.data)]
    assert numbered == list(range(1, 2501))


def test_at_most_a_few_tasks_in_flight(records):
    pulled = []

    def tasks():
        with open(records, "rb") as handle:
            for n, line in enumerate(handle, 1):
                pulled.append(n)
                yield RecordTask(0, n, line)

    outcomes = run_ordered(tasks(), Setup(), jobs=2)
    first = next(outcomes)
    # The parent reads ahead only as far as the work in flight: memory stays flat.
    assert len(pulled) <= parallel.IN_FLIGHT_PER_JOB * 2 + 1
    rest = list(outcomes)
    assert [o.outputs[0][0] for o in [first, *rest] if o.outputs] == [n for n in range(1, 2501) if n % 400 != 8]


def test_one_job_runs_in_this_process(pages):
    outcomes = list(run_ordered([PageTask(((0, str(next(pages.rglob("*.txt")))),))], Setup(), jobs=1))
    assert len(outcomes) == 1 and outcomes[0].outputs[0][1]


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_forked_workers_use_the_parents_rules(pages):
    from cleaner import RuleSet

    # Setup() names the bundled rules; the rules handed over (none at all) are the ones used.
    bare = RuleSet.load(bundled=False)
    files = tuple((i, str(p)) for i, p in enumerate(sorted(pages.rglob("p*.txt"))))
    tasks = [PageTask(files[i:i + 4]) for i in range(0, len(files), 4)]
    two = [out for o in run_ordered(tasks, Setup(), jobs=2, rules=bare) for out in o.outputs]
    one = [out for o in run_ordered(tasks, Setup(), jobs=1, rules=bare) for out in o.outputs]
    bundled = [out for o in run_ordered(tasks, Setup(), jobs=1) for out in o.outputs]
    assert two == one != bundled


def test_closing_the_outcomes_early_ends_and_reaps_every_worker(records):
    import multiprocessing

    outcomes = run_ordered(record_tasks(0, read_blocks(records)), Setup(), jobs=2)
    next(outcomes)
    assert len(multiprocessing.active_children()) == 2
    outcomes.close()  # what the CLI does when interrupted, or when its one output fails
    assert multiprocessing.active_children() == []


def test_workers_write_page_outputs_into_temp_files_beside_their_targets(pages, tmp_path):
    from cleaner.run.local import Written, init_worker, run_task

    files = tuple((i, str(p)) for i, p in enumerate(sorted(pages.rglob("p*.txt"))[:3]))
    setup = Setup(out_dir=str(tmp_path))
    init_worker(setup)
    outcome = run_task(PageTask(files, ("a.txt", "sub/b.txt", "../c.txt")))
    written = [out for _i, out in outcome.outputs[:2]]
    assert all(isinstance(w, Written) and Path(w.tmp).parent == Path(w.target).parent for w in written)
    assert [Path(w.target).relative_to(tmp_path).as_posix() for w in written] == ["a.txt", "sub/b.txt"]
    assert all(Path(w.tmp).stat().st_size == w.size > 0 and not Path(w.target).exists() for w in written)
    assert outcome.outputs[2] == (2, None) and "outside the output folder" in outcome.errors[0][1]
    for w in written:
        os.unlink(w.tmp)


def test_a_spool_that_cannot_be_written_sends_records_back_inline(tmp_path):
    from cleaner.run.local import init_worker, run_task

    init_worker(Setup(spool_dir=str(tmp_path / "missing")))
    outcome = run_task(RecordTask(0, 1, json.dumps({"text": ZH.format(n=1)}, ensure_ascii=False).encode() + b"\n"))
    assert outcome.spool is None and len(outcome.outputs) == 1 and outcome.records == 1
