"""Run one command and report its own wall time, CPU time and peak memory: `_launch.py RESULT_FILE ARGV...`.

A process's peak memory as the kernel counts it starts from its parent's at fork, so a benchmark that has built
large ledgers would inflate every figure; this small process forks the command instead and writes what wait4 says
to RESULT_FILE as `wall cpu peak_kb exit_code`.
"""

import os
import sys
import time

result, argv = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_pid, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(result, "w", encoding="utf-8") as stream:
    stream.write(f"{wall} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}\n")
