#!/usr/bin/env python3
"""Prints the peak resident memory (MB) of process PID and all its descendants, sampled every
0.2 s until PID exits. RSS is summed, so pages shared between processes count more than once."""
import os
import sys
import time

root = int(sys.argv[1])


def tree_rss_kb():
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except OSError:
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


peak = 0
while os.path.exists(f"/proc/{root}"):
    try:
        with open(f"/proc/{root}/stat") as f:
            if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                break
    except OSError:
        break
    peak = max(peak, tree_rss_kb())
    time.sleep(0.2)
print(peak // 1024)
