#!/bin/sh
# The rig's own end-to-end check (tests/check runs it, from a copy outside
# the tree, last in one of its guest boots): one test passes, one fails, one
# planned test never runs and the script exits 3. The harness must count
# 1 passed and 2 failed, report the status and exit non-zero; tests/check
# turns that into the rig's verdict (rig_selftest there).
echo "1..3"
echo "ok 1 - ran from outside the tree, as $(id -un) under $(cat /proc/1/comm)"
echo "not ok 2 - a failing test"
exit 3
