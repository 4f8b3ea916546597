# Helpers shared by the scenarios that drive the hypervisor through raw
# ioctls (cvtool) rather than the daemon: . /usr/lib/cellvisor-test/hv.sh
CVTOOL=/usr/lib/cellvisor/tests/cvtool
CVPEEK=/usr/lib/cellvisor/tests/cvpeek.ko
CVSYS=/sys/devices/cellvisor
INM=/usr/share/cellvisor/inmates

# hv_system_blob OUT: the shipped QEMU system config, compiled.
hv_system_blob() {
	local y
	for y in /usr/share/cellvisor/configs/qemu-arm64/system.yaml \
		 /usr/share/cellvisor/system.yaml; do
		[ -f "$y" ] && { cellctl config compile "$y" -o "$1"; return; }
	done
	return 1
}

# hv_field NAME WORDS...: the value of NAME=value among the words
# (cvtool prints its results that way).
hv_field() { local n=$1 w; shift; for w in $*; do [ "${w%%=*}" = "$n" ] && echo "${w#*=}"; done; }

# Offsets in struct cv_system_config, as cvtool computes them from the ABI
# header, for tests that corrupt a compiled blob on purpose: the
# hypervisor's phys_start, platform.cpu_mpidr[2], the root cell's CPU
# mask and the size of its first memory region; and in a struct
# cv_cell_config, its IRQ bitmap.
_hv_offsets=$($CVTOOL offsets)
HV_OFF_HV_PHYS=$(hv_field hv_phys $_hv_offsets)
HV_OFF_MPIDR2=$(hv_field mpidr2 $_hv_offsets)
HV_OFF_ROOT_CPUS=$(hv_field root_cpus $_hv_offsets)
HV_OFF_REGION0_SIZE=$(hv_field region0_size $_hv_offsets)
HV_OFF_CELL_IRQS=$(hv_field cell_irqs $_hv_offsets)

# pool_used: hypervisor page-pool pages in use.
pool_used() { hv_field pool_used $($CVTOOL info); }

# hv_stat CPU NAME: one exit counter from sysfs.
hv_stat() { cat "$CVSYS/statistics/cpu$1/vmexits_$2"; }

# hv_irqs NAME: the per-CPU counts of the /proc/interrupts line matching NAME.
hv_irqs() {
	local l
	l=$(grep -m1 -- "$1" /proc/interrupts) || return 1
	set -- $l
	echo "$2 $3 $4 $5"
}

# hv_irq_total NAME: the counts of that /proc/interrupts line, summed
# (CPUs given to cells have no column).
hv_irq_total() {
	local w sum=0
	for w in $(grep -m1 -- "$1" /proc/interrupts | cut -d: -f2); do
		case $w in *[!0-9]*) break ;; esac
		sum=$((sum + w))
	done
	echo $sum
}

# hv_nth N WORDS...: the Nth of the words (1-based).
hv_nth() { local n=$1; shift; eval "echo \${$n}"; }

# hv_ratio A B: A/B with two decimals (bash has integers only).
hv_ratio() {
	[ "$2" -gt 0 ] || { echo n/a; return; }
	local r=$(( ($1 * 100 + $2 / 2) / $2 ))
	printf '%d.%02d\n' $((r / 100)) $((r % 100))
}

# hv_warnings: kernel messages at warning level or worse.
# "hrtimer: interrupt took N ns" is the kernel noticing that QEMU's TCG
# thread was descheduled on a busy host (it appears without the hypervisor
# too); it says nothing about the hypervisor, so it is left out.
# Two lines are TCG's timing, not faults: hrtimer's note of a slow
# interrupt, and arm64's "CPUn may not have shut down cleanly", which Linux
# prints when a dying CPU has not reached PSCI CPU_OFF within its 100 ms
# poll (a vCPU thread can wait that long on a loaded host). Whether the CPU
# did get there is checked where it matters: a cell takes it only at rest.
hv_warnings() {
	dmesg --level=emerg,alert,crit,err,warn |
		grep -v -e 'hrtimer: interrupt took' -e 'may not have shut down cleanly (AFFINITY_INFO reports'
}

# hv_patch FILE OFFSET OCTAL-BYTES: overwrite bytes of a blob in place.
hv_patch() { printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }

# timer_lines ID: how many "Timer fired" lines gic-demo cell ID has printed.
timer_lines() { $CVTOOL cellconsole $1 | grep -c 'Timer fired'; }
