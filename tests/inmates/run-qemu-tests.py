#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boots each inmate on bare QEMU virt under the EL2 test shim and checks its console.

QEMU virt has flash, not RAM, at address 0, so the inmates (linked at 0)
run as EL1 guests of shim/: it maps the image at IPA 0 and a comm
region synthesized here at IPA 0x80000000, and passes the real GICv3 and
PL011 through. Output is TAP, one line per case. Every QEMU run is bounded
by a deadline and killed afterwards.

Usage: run-qemu-tests.py --build-dir BUILD/inmates --shim SHIM.elf [--qemu PATH] [-k NAME] [-v]
"""
import argparse
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tap"))
import tap  # noqa: E402  (found through the path set just above)

CELL_RAM_PA = 0x70000000          # must match shim/shim.c
COMM_PA = 0x70100000
CMDLINE_OFFSET = 0x1000
CMDLINE_SIZE = 256

CON_TYPE_NONE, CON_TYPE_PL011 = 0, 3
CON_FLAG_MMIO, CON_FLAG_REGDIST_4 = 0x1, 0x2
PUTC_PERMITTED, PUTC_ACTIVE = 0x1, 0x2


def comm_region(flags=0, console_type=CON_TYPE_PL011, signature=b"JHCOMM",
                revision=2, console_flags=CON_FLAG_MMIO | CON_FLAG_REGDIST_4):
    """The 4 KiB comm page (JHCOMM rev 2, struct cv_comm_region) for QEMU virt."""
    console = struct.pack("<QIHHIIQ", 0x09000000, 0x1000, console_type,
                          console_flags, 0, 0, 0)
    head = signature + struct.pack("<HIIII", revision, 0, 0, 0, flags)
    tail = struct.pack("<QB7xQQQI", 0, 3, 0x08000000, 0, 0x080a0000, 0)
    page = head + console + tail
    assert len(page) == 100
    return page + bytes(4096 - len(page))


def image_with_cmdline(path, cmdline):
    """A copy of the raw image with cmdline where `cellctl load -s ... -a 0x1000` puts it."""
    img = bytearray(open(path, "rb").read())
    raw = cmdline.encode() + b"\0"
    assert len(raw) <= CMDLINE_SIZE
    img[CMDLINE_OFFSET:CMDLINE_OFFSET + len(raw)] = raw
    return bytes(img)


class Qemu:
    """One QEMU run: console lines with arrival times, optional input, QMP for memory reads."""

    def __init__(self, qemu, shim, image, comm, tmp):
        self.tmp = tmp
        img_path = os.path.join(tmp, "image.bin")
        comm_path = os.path.join(tmp, "comm.bin")
        self.qmp_path = os.path.join(tmp, "qmp.sock")
        open(img_path, "wb").write(image)
        open(comm_path, "wb").write(comm)
        cmd = [qemu, "-M", "virt,gic-version=3,virtualization=on,its=off",
               "-cpu", "cortex-a53", "-smp", "1", "-m", "1G", "-nic", "none",
               "-display", "none", "-monitor", "none", "-serial", "stdio",
               "-qmp", "unix:%s,server=on,wait=off" % self.qmp_path,
               "-device", "loader,file=%s,cpu-num=0" % shim,
               "-device", "loader,file=%s,addr=0x%x,force-raw=on" % (img_path, CELL_RAM_PA),
               "-device", "loader,file=%s,addr=0x%x,force-raw=on" % (comm_path, COMM_PA)]
        self.lines = []           # (monotonic time, text)
        self.partial = ""
        self.lock = threading.Lock()
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.start = time.monotonic()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        while True:
            data = self.proc.stdout.read1(4096)
            if not data:
                return
            with self.lock:
                self.partial += data.decode("utf-8", "replace").replace("\r", "")
                while "\n" in self.partial:
                    line, self.partial = self.partial.split("\n", 1)
                    self.lines.append((time.monotonic(), line))

    def text(self):
        with self.lock:
            return "\n".join(t for _, t in self.lines) + "\n" + self.partial

    def wait_for(self, pattern, count=1, timeout=10.0):
        """Waits until pattern matched count lines (or the partial line); returns the matches."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            with self.lock:
                hits = [(t, m) for t, l in self.lines for m in [rx.search(l)] if m]
                if len(hits) < count and rx.search(self.partial):
                    hits.append((time.monotonic(), rx.search(self.partial)))
            if len(hits) >= count or time.monotonic() > deadline or self.proc.poll() is not None:
                return hits

    def send(self, text):
        # One key at a time, as a person types: QEMU's PL011 raises its RX
        # interrupt only when the FIFO level reaches the trigger, so a burst
        # written while the inmate is still draining can go unsignalled.
        for ch in text:
            self.proc.stdin.write(ch.encode())
            self.proc.stdin.flush()
            time.sleep(0.02)

    def read_u32(self, paddr):
        """Reads guest physical memory through QMP's human monitor (xp)."""
        s = socket.socket(socket.AF_UNIX)
        s.settimeout(5)
        s.connect(self.qmp_path)
        f = s.makefile("rw")
        f.readline()
        for cmd in ({"execute": "qmp_capabilities"},
                    {"execute": "human-monitor-command",
                     "arguments": {"command-line": "xp /1wx 0x%x" % paddr}}):
            f.write(__import__("json").dumps(cmd) + "\n")
            f.flush()
            reply = f.readline()
        s.close()
        m = re.search(r":\s*(0x[0-9a-f]+)", reply)
        return int(m.group(1), 16) if m else None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)
        self.reader.join(timeout=5)


# Each case: image, cmdline, comm kwargs, and a check(qemu) returning an error string or None.

def check_gic_demo(q, want=20):
    rx = r"Timer fired, jitter: +(\d+) ns, min: +(\d+) ns, max: +(\d+) ns"
    hits = q.wait_for(rx, want, timeout=20)
    if len(hits) < want:
        return "%d/%d 'Timer fired' lines" % (len(hits), want)
    for _, m in hits:
        jitter, lo, hi = (int(x) for x in m.groups())
        if not lo <= jitter <= hi:
            return "inconsistent figures: " + m.group(0)
    # 10 Hz: 19 periods are 1.9 s of guest (here: host) time.
    span = hits[want - 1][0] - hits[0][0]
    if span < 1.5:
        return "%d ticks in %.2f s: faster than 10 Hz" % (want, span)
    return None


def check_uart_demo(q):
    if not q.wait_for(r"uart-demo> ", timeout=15):
        return "no prompt"
    time.sleep(0.3)
    q.send("hello cellvisor\r")
    if not q.wait_for(r"^echo: hello cellvisor$", timeout=5):
        return "typed line not echoed"
    # Backspace editing and a second line with an LF ending.
    q.send("typx\x7fo\n")
    if not q.wait_for(r"^echo: typo$", timeout=5):
        return "second line (with backspace) not echoed"
    return None


def check_uart_demo_flood(q):
    if not q.wait_for(r"^uart-demo: 200 lines printed$", timeout=15):
        return "no end line"
    got = re.findall(r"^Hello (\d+) from cell!$", q.text(), re.M)
    if [int(n) for n in got] != list(range(1, 201)):
        return "lines 1..200 not each once, in order: %d lines" % len(got)
    return None


def check_contained_fault(name, ipa):
    def check(q):
        if not q.wait_for(r"^%s: " % name, timeout=15):
            return "no announcement line"
        if not q.wait_for(r"\[shim\] cell fault: data abort, IPA 0x0*%x " % ipa, timeout=5):
            return "access did not fault at stage 2"
        time.sleep(1.5)
        if re.search(r"NOT contained|alive", q.text()):
            return "the inmate kept running after the fault"
        return None
    return check


def check_survives(result_rx):
    def check(q):
        if not q.wait_for(result_rx, timeout=15):
            return "no result line matching %r" % result_rx
        if len(q.wait_for(r"^alive \d+$", 2, timeout=5)) < 2:
            return "no heartbeat after the attempt"
        return None
    return check


def check_comm_mismatch(q):
    time.sleep(2.5)
    state = q.read_u32(COMM_PA + 8)
    if state != 4:
        return "cell_state is %r, want 4 (comm ABI mismatch)" % state
    if "gic-demo" in q.text():
        return "the inmate ran despite the bad signature"
    return None


CASES = [
    ("gic-demo: 20 ticks at 10 Hz, PL011 console, EL1 MMU on",
     "gic-demo", "", {}, check_gic_demo),
    ("gic-demo: MMU off (mmu=0), console only through the putc hypercall",
     "gic-demo", "mmu=0",
     {"flags": PUTC_PERMITTED | PUTC_ACTIVE, "console_type": CON_TYPE_NONE},
     check_gic_demo),
    ("gic-demo: comm region with a bad signature -> cell_state 4, halted",
     "gic-demo", "", {"signature": b"JHCOMX"}, check_comm_mismatch),
    ("uart-demo: polled RX echoes a typed line",
     "uart-demo", "", {}, check_uart_demo),
    ("uart-demo: interrupt RX (uart-irq=33) echoes a typed line",
     "uart-demo", "uart-irq=33", {}, check_uart_demo),
    ("uart-demo: 8-bit register access (console flags MMIO without REGDIST_4)",
     "uart-demo", "uart-irq=33", {"console_flags": CON_FLAG_MMIO}, check_uart_demo),
    ("uart-demo: flood=1 lines=200 prints Hello 1..200",
     "uart-demo", "flood=1 lines=200", {}, check_uart_demo_flood),
    ("fault-read-root-ram: faults at IPA 0x40000000 and stops",
     "fault-read-root-ram", "", {},
     check_contained_fault("fault-read-root-ram", 0x40000000)),
    ("fault-write-hv: faults at IPA 0x7fc00000 and stops",
     "fault-write-hv", "", {}, check_contained_fault("fault-write-hv", 0x7fc00000)),
    ("fault-gicd-foreign-irq: prints the read-back value, keeps running",
     "fault-gicd-foreign-irq", "", {},
     check_survives(r"GICD_ISENABLER1 reads 0x[0-9a-f]{8}: INTID 33 ")),
    ("fault-sgi-root: prints done, keeps running",
     "fault-sgi-root", "", {}, check_survives(r"^fault-sgi-root: done$")),
    ("fault-psci-cpu-on: prints the PSCI return code, keeps running",
     "fault-psci-cpu-on", "", {},
     check_survives(r"CPU_ON returned -\d+ \(\w+\)")),
    ("fault-unknown-hvc: gets -38 (ENOSYS), keeps running",
     "fault-unknown-hvc", "", {}, check_survives(r"returned -38 \(ENOSYS\)")),
]


def run_case(args, name, inmate, cmdline, comm_kwargs, check):
    image = image_with_cmdline(os.path.join(args.build_dir, inmate + ".bin"), cmdline)
    shim = args.shim
    with tempfile.TemporaryDirectory(prefix="inmate-test-") as tmp:
        q = Qemu(args.qemu, shim, image, comm_region(**comm_kwargs), tmp)
        try:
            err = check(q)
        except Exception as e:  # a harness problem is a failed case, not a crash
            err = "harness error: %r" % e
        finally:
            q.stop()
        return err, q.text()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build-dir", required=True, help="build dir holding the inmates' .bin files")
    ap.add_argument("--shim", required=True, help="the EL2 test shim (inmate-test-shim.elf)")
    ap.add_argument("--qemu", default="qemu-system-aarch64")
    ap.add_argument("-k", dest="only", help="run only cases whose name contains this")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each console")
    args = ap.parse_args()

    cases = [c for c in CASES if not args.only or args.only in c[0]]
    t = tap.Tap()
    for name, *rest in cases:
        t0 = time.monotonic()
        err, console = run_case(args, name, *rest)
        t.ok(err is None, "%s (%.1f s)%s" % (name, time.monotonic() - t0,
                                          "" if err is None else ": " + err))
        if err is not None or args.verbose:
            t.diag(console)
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
