"""Interrupted and failing runs: SIGTERM/SIGINT clean up, SIGKILL leftovers are swept, write errors are one line.

Each run is the CLI in a real process on real files. A signal is sent once the run has started
writing (we poll for its temp file or spool folder), then we look at what a user would: the exit
code, stderr, the files left behind, and whether any worker process survived.
"""
from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from harness import ROOT, SEED, cli, leftovers

PAGE = "第{n}篇报道\n\n分享到：微信 微博\n正文第一段，记者从现场获悉有关情况并进行了采访。编号{n}。\n"
MESSAGE = "cleaner: interrupted by {}; unfinished outputs removed"


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    """~40 MB of records: several seconds of work, so a run is still going when it is signalled."""
    path = tmp_path_factory.mktemp("big") / "big.jsonl"
    line = json.dumps({"text": SEED.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n"
    with open(path, "w", encoding="utf-8") as out:
        for _ in range(40_000_000 // len(line.encode())):
            out.write(line)
    return path


def start(*args: str | os.PathLike, tmpdir: Path, cwd: Path | None = None, preexec_fn=None,
          **kw) -> subprocess.Popen:
    """Start `cleaner ARGS` in its own session, with its temp folder (spool folders) at tmpdir.

    The child gets the default SIGINT and SIGTERM dispositions, as from an interactive shell: a
    suite run in the background inherits SIGINT ignored, and a CLI started so keeps ignoring it.
    """
    tmpdir.mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmpdir)}

    def prepare() -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if preexec_fn is not None:
            preexec_fn()

    return subprocess.Popen([sys.executable, "-m", "cleaner.cli.main", *map(os.fspath, args)], env=env, cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=prepare, **kw)


def wait_for(proc: subprocess.Popen, found, what: str, timeout: float = 120):
    """Poll until found() gives something; fail if the run ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        hit = found()
        if hit:
            return hit
        if proc.poll() is not None:
            pytest.fail(f"the run ended (exit {proc.returncode}) before {what}: {proc.stderr.read().decode()[-800:]}")
        time.sleep(0.002)
    proc.kill()
    pytest.fail(f"no {what} after {timeout} s")


def temp_with_data(folder: Path):
    return lambda: [p for p in folder.rglob("*.tmp") if p.exists() and p.stat().st_size > 0]


def children(pid: int) -> list[int]:
    """The child processes of pid (Linux /proc)."""
    kids: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids += [int(k) for k in (task / "children").read_text().split()]
        except OSError:
            pass
    return kids


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def finish(proc: subprocess.Popen) -> tuple[int, str]:
    _out, err = proc.communicate(timeout=120)
    return proc.returncode, err.decode("utf-8", "replace")


def gone_soon(pids: list[int]) -> list[int]:
    """The pids still alive after a moment (the parent reaps its workers before it exits)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.05)
    return [p for p in pids if alive(p)]


@pytest.mark.parametrize("sig, code, jobs", [(signal.SIGTERM, 143, "1"), (signal.SIGTERM, 143, "2"),
                                             (signal.SIGINT, 130, "2")])
def test_signal_while_writing_records_cleans_up(big, tmp_path, sig, code, jobs):
    out = tmp_path / "out" / "clean.jsonl"
    out.parent.mkdir()
    out.write_text("old complete output\n")
    proc = start("clean", "-q", big, "-o", out, "--jobs", jobs, tmpdir=tmp_path / "tmpdir")
    wait_for(proc, temp_with_data(out.parent), "a temp file with data")
    if jobs == "2":
        workers = wait_for(proc, lambda: children(proc.pid), "worker processes")
        assert leftovers(tmp_path / "tmpdir")  # the spool folder is there while the run goes
    else:
        workers = []
    proc.send_signal(sig)
    returncode, stderr = finish(proc)
    assert returncode == code, stderr
    assert stderr.strip().splitlines() == [MESSAGE.format(sig.name)]
    assert leftovers(tmp_path) == []  # no temp file beside the output, no spool folder
    assert out.read_text() == "old complete output\n"
    assert gone_soon(workers) == []


def test_sigterm_during_fix_leaves_each_file_old_or_fixed(tmp_path):
    tree = tmp_path / "tree"
    original = SEED.read_bytes()
    for n in range(600):
        (tree / f"d{n % 6}").mkdir(parents=True, exist_ok=True)
        (tree / f"d{n % 6}" / f"p{n:03d}.txt").write_bytes(original)
    probe = tmp_path / "probe" / "p.txt"
    probe.parent.mkdir()
    probe.write_bytes(original)
    assert cli("fix", "-q", probe).code == 0
    fixed = probe.read_bytes()
    proc = start("fix", "-q", tree, tmpdir=tmp_path / "tmpdir", cwd=tmp_path)
    wait_for(proc, lambda: list(tree.rglob("*.tmp")), "a temp file in the working tree")
    proc.send_signal(signal.SIGTERM)
    returncode, stderr = finish(proc)
    assert returncode == 143, stderr
    assert stderr.strip().splitlines() == [MESSAGE.format("SIGTERM")]
    assert leftovers(tmp_path) == []
    assert {p.read_bytes() for p in tree.rglob("*") if p.is_file()} <= {original, fixed}


def test_after_sigkill_a_rerun_sweeps_only_stale_temp_files_of_ours(big, tmp_path):
    from cleaner.io.tempfiles import HOST

    out = tmp_path / "out" / "clean.jsonl"
    out.parent.mkdir()
    proc = start("clean", "-q", big, "-o", out, "--jobs", "1", tmpdir=tmp_path / "tmpdir")
    (stale,) = wait_for(proc, temp_with_data(out.parent), "a temp file with data")
    proc.kill()  # SIGKILL: nothing can clean up
    proc.wait()
    assert stale.exists()
    # Not ours to remove: a user's files, and the temp file of a run that is still going.
    users = [out.parent / "notes.tmp", out.parent / ".clean.jsonl.1a2b3c4d.tmp"]
    live = out.parent / f".clean.jsonl.cleaner-{HOST}-{os.getpid()}-0123abcd.tmp"
    for path in [*users, live]:
        path.write_text("keep me")
    small = tmp_path / "small.jsonl"
    small.write_text(json.dumps({"text": PAGE.format(n=1)}, ensure_ascii=False) + "\n", encoding="utf-8")
    run = cli("clean", "-q", small, "-o", out)
    assert run.code == 0, run.stderr
    assert not stale.exists()
    assert all(p.read_text() == "keep me" for p in [*users, live])
    assert json.loads(out.read_text(encoding="utf-8"))["text"].startswith("第1篇报道")


def test_after_sigkill_a_rerun_sweeps_stale_spool_folders(big, tmp_path):
    from cleaner.io.tempfiles import HOST

    tmpdir = tmp_path / "tmpdir"
    out = tmp_path / "clean.jsonl"
    proc = start("clean", "-q", big, "-o", out, "--jobs", "2", tmpdir=tmpdir)
    (spool,) = wait_for(proc, lambda: list(tmpdir.glob("cleaner-spool-*")), "a spool folder")
    wait_for(proc, temp_with_data(tmp_path), "a temp file with data")
    os.killpg(proc.pid, signal.SIGKILL)  # the whole job, workers too (as a container stop does)
    proc.wait()
    assert spool.exists()
    live = tmpdir / f"cleaner-spool-{HOST}-{os.getpid()}-keepme"
    users = tmpdir / "cleaner-spool-mine"
    live.mkdir()
    users.mkdir()
    small = tmp_path / "small.jsonl"
    small.write_text(json.dumps({"text": PAGE.format(n=1)}, ensure_ascii=False) + "\n", encoding="utf-8")
    env = {"TMPDIR": str(tmpdir)}
    run = cli("clean", "-q", small, "-o", out, "--jobs", "2", env=env)
    assert run.code == 0, run.stderr
    assert sorted(p.name for p in tmpdir.iterdir()) == sorted([live.name, users.name])
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def limit_file_size(size: int):
    """A preexec_fn: files over size bytes cannot be written (EFBIG), as on a full disk."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return apply


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_full_disk_under_a_records_output_is_one_line(big, tmp_path, jobs):
    src = tmp_path / "in.jsonl"
    with open(big, "rb") as handle:
        src.write_bytes(handle.read(2_000_000).rsplit(b"\n", 1)[0] + b"\n")
    out = tmp_path / "x.jsonl"
    proc = start("clean", "-q", src, "-o", out, "--jobs", jobs, tmpdir=tmp_path / "tmpdir",
                 preexec_fn=limit_file_size(200_000))
    returncode, stderr = finish(proc)
    assert returncode == 1, stderr
    assert stderr.strip().splitlines() == [f"{out}: error: cannot write: File too large"]
    assert not out.exists() and leftovers(tmp_path) == []


def test_full_disk_under_a_folder_output_reports_each_file_and_goes_on(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copyfile(SEED, src / "small.txt")
    (src / "big.txt").write_text("".join(PAGE.format(n=n) for n in range(3000)), encoding="utf-8")
    out = tmp_path / "out"
    proc = start("clean", "-q", src, "-o", out, tmpdir=tmp_path / "tmpdir", preexec_fn=limit_file_size(100_000))
    returncode, stderr = finish(proc)
    assert returncode == 1, stderr
    assert stderr.strip().splitlines() == [f"{out / 'big.txt'}: error: cannot write: File too large"]
    assert (out / "small.txt").exists() and not (out / "big.txt").exists()
    assert leftovers(tmp_path) == []


def unprivileged() -> list[str]:
    """A command prefix under which permission bits apply (root ignores them), or skip."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root and setpriv is missing: no way to make a folder unwritable")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}"]


@pytest.mark.parametrize("target", ["x.jsonl", "sub"])
def test_read_only_output_location_is_one_line(tmp_path, target):
    prefix = unprivileged()
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    out = ro / target
    try:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.run([*prefix, sys.executable, "-m", "cleaner.cli.main", "clean", "-q", SEED, "-o", out,
                               *(["--format", "jsonl"] if target.endswith(".jsonl") else [])],
                              env=env, capture_output=True, timeout=120)
    finally:
        ro.chmod(0o755)
    stderr = proc.stderr.decode()
    shown = out  # the file, or the folder that cannot be made
    assert proc.returncode == 1, stderr
    assert stderr.strip().splitlines() == [f"{shown}: error: cannot write: Permission denied"]
    assert list(ro.iterdir()) == []


def test_sigterm_while_workers_write_a_folder_leaves_whole_outputs_only(tmp_path):
    src, ref, out = tmp_path / "in", tmp_path / "ref", tmp_path / "out"
    for n in range(2000):
        (src / f"d{n % 8}").mkdir(parents=True, exist_ok=True)
        (src / f"d{n % 8}" / f"p{n:04d}.txt").write_text(PAGE.format(n=n), encoding="utf-8")
    assert cli("clean", "-q", src, "-o", ref, "--jobs", "1").code == 0
    proc = start("clean", "-q", src, "-o", out, "--jobs", "2", tmpdir=tmp_path / "tmpdir")
    wait_for(proc, lambda: list(out.rglob("*.tmp")), "a temp file in the output folder")
    workers = children(proc.pid)
    proc.send_signal(signal.SIGTERM)
    returncode, stderr = finish(proc)
    assert returncode == 143, stderr
    assert stderr.strip().splitlines() == [MESSAGE.format("SIGTERM")]
    assert leftovers(tmp_path) == []
    assert all(p.read_bytes() == (ref / p.relative_to(out)).read_bytes() for p in out.rglob("*") if p.is_file())
    assert gone_soon(workers) == []


def test_full_disk_under_a_folder_of_record_files(big, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    with open(big, "rb") as handle:
        (src / "big.jsonl").write_bytes(handle.read(1_000_000).rsplit(b"\n", 1)[0] + b"\n")
    (src / "small.jsonl").write_text(json.dumps({"text": PAGE.format(n=1)}, ensure_ascii=False) + "\n")
    out = tmp_path / "out"
    proc = start("clean", "-q", src, "-o", out, tmpdir=tmp_path / "tmpdir", preexec_fn=limit_file_size(100_000))
    returncode, stderr = finish(proc)
    assert returncode == 1, stderr
    assert stderr.strip().splitlines() == [f"{out / 'big.jsonl'}: error: cannot write: File too large"]
    assert sorted(p.name for p in out.iterdir()) == [".cleaner-output", "small.jsonl"] and leftovers(tmp_path) == []
