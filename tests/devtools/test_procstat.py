"""Reading a process's CPU time and peak resident memory from /proc (Linux)."""

import subprocess
import sys
import time

from devtools.procstat import children, cpu_seconds, peak_resident_bytes


def test_a_busy_child_shows_its_cpu_time_and_is_listed_as_a_child():
    busy = "import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass\n"
    child = subprocess.Popen([sys.executable, "-c", busy + "time.sleep(5)"])
    try:
        deadline = time.monotonic() + 10
        while cpu_seconds(child.pid) < 0.3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert 0.3 <= cpu_seconds(child.pid) < 2
        import os

        assert child.pid in children(os.getpid())
    finally:
        child.kill()
        child.wait()


def test_peak_resident_memory_is_the_high_water_mark_not_the_current_size():
    # 80 MB written (so resident), then freed: the high-water mark keeps it.
    script = "b = bytearray(80_000_000)\nb[::4096] = b'x' * len(b[::4096])\ndel b\n"
    script += "import time; time.sleep(5)"
    child = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 10
        while peak_resident_bytes(child.pid) < 80e6 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert peak_resident_bytes(child.pid) >= 80e6
    finally:
        child.kill()
        child.wait()


def test_a_process_that_is_gone_reads_as_nothing():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert cpu_seconds(child.pid) == 0 and peak_resident_bytes(child.pid) == 0
    assert children(child.pid) == []


def test_the_machine_busy_time_grows_while_this_process_works():
    from devtools.procstat import machine_busy_seconds

    before = machine_busy_seconds()
    end = time.process_time() + 0.2
    while time.process_time() < end:
        pass
    assert machine_busy_seconds() - before >= 0.15
