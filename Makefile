# cellvisor: the two commands of the README, and the steps they are made of.
#   make demo    boot the QEMU arm64 guest with the hypervisor and leave you in a shell
#   make check   build everything and run every test; last line "N passed, N failed"
#   make bench   print the benchmark figures (docs/testing.md)
#   make fuzz    fuzz the config compiler and the ELF parser, FUZZ_SECONDS each

SHELL := /bin/bash
HOST_BUILD := build/host
# What `make demo` starts at boot: the EL2 core, then the gic-demo cell.
DEMO_UNITS ?= cellvisor.service cell@gic-demo.service
ARM64_BUILD := build/arm64
FUZZ_BUILD := build/fuzz
FUZZ_SECONDS ?= 600
# Compiler output is cached outside the checkout, keyed by the compiler's
# input (ccache): a fresh clone of an unchanged tree builds in seconds. The
# checkout's own path is left out of the key, so any clone shares it.
CV_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/cellvisor
export CCACHE_DIR ?= $(CV_CACHE)/ccache
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: all setup build build-host build-arm64 build-fuzz check bench fuzz demo clean

all: build

setup:
	@scripts/setup-host

build: setup build-host build-arm64 build-fuzz

build-host:
	@[ -f $(HOST_BUILD)/build.ninja ] || meson setup $(HOST_BUILD) --prefix=/usr >/dev/null
	@ninja -C $(HOST_BUILD) >/dev/null

# The kernel ABI is resolved at set-up time; a new one reconfigures the build.
build-arm64:
	@kdir=$$(scripts/fetch-deps) && krel=$$(basename $$kdir)-arm64 && \
	 if [ ! -f $(ARM64_BUILD)/build.ninja ]; then \
		meson setup $(ARM64_BUILD) --prefix=/usr --cross-file cross/aarch64-linux-gnu.ini \
			-Dkernel_dir=$$kdir/headers -Dkernel_release=$$krel \
			-Darm64_sysroot=$$kdir/sysroot >/dev/null; \
	 elif ! grep -q "$$krel" $(ARM64_BUILD)/meson-info/intro-buildoptions.json; then \
		meson configure $(ARM64_BUILD) -Dkernel_dir=$$kdir/headers \
			-Dkernel_release=$$krel -Darm64_sysroot=$$kdir/sysroot >/dev/null; \
	 fi
	@ninja -C $(ARM64_BUILD) >/dev/null

# lib/ and its libFuzzer targets, with clang, ASan and UBSan.
build-fuzz:
	@[ -f $(FUZZ_BUILD)/build.ninja ] || CC='ccache clang-14' meson setup $(FUZZ_BUILD) -Dfuzz=true >/dev/null
	@ninja -C $(FUZZ_BUILD) >/dev/null

check: build
	@tests/check

# Figures, not pass/fail: each benchmark prints them as TAP comments;
# docs/benchmarks.md is written from them.
bench: build
	@tests/bench/run tests/bench/*.sh
	@tests/bench/report

# A long run of each fuzzer, one after the other (make check runs them
# 15 s each); new inputs and crashes stay in $(FUZZ_BUILD)/tests/fuzz/.
fuzz: setup build-fuzz
	@CV_FUZZ_SECONDS=$(FUZZ_SECONDS) meson test -C $(FUZZ_BUILD) --no-rebuild --suite fuzz-long

demo: build
	@tests/qemu/run --interactive $(DEMO_UNITS:%=--enable %)

clean:
	rm -rf build
