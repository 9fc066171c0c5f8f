#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot a lab kernel under QEMU (TCG) and save its console.
#
#   scripts/qemu.sh [-q] KERNEL INITRD LOG [KERNEL ARGS...]
#
# -q keeps the console off stdout (it always goes to LOG).  SMP, MEM and
# TIMEOUT (seconds) come from the environment.  Exits 124 on timeout,
# otherwise with QEMU's status; the guest's own result is in the log and is
# judged by scripts/tap.py.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

quiet=
if [[ ${1-} == -q ]]; then
	quiet=1
	shift
fi
kernel=${1:?usage: qemu.sh [-q] KERNEL INITRD LOG [ARGS...]}
initrd=${2:?}
log=${3:?}
shift 3
SMP=${SMP:-2}
MEM=${MEM:-1024}
TIMEOUT=${TIMEOUT:-900}

cmd=(
	"$QEMU" "${QEMU_MACHINE[@]}" -accel "$QEMU_ACCEL"
	-smp "$SMP" -m "$MEM"
	-kernel "$kernel" -initrd "$initrd"
	-append "console=$CONSOLE panic=-1 $*"
	-display none -monitor none -serial stdio -no-reboot
)
rn_say "qemu: booting $ARCH (smp $SMP, ${MEM}M, timeout ${TIMEOUT}s; console: $log)"
start=$SECONDS
set +e
if [[ -n $quiet ]]; then
	timeout -k 10 "$TIMEOUT" "${cmd[@]}" </dev/null >"$log" 2>&1
	rc=$?
else
	timeout -k 10 "$TIMEOUT" "${cmd[@]}" </dev/null 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
fi
set -e
if ((rc == 124 || rc == 137)); then
	echo "rust-netns-lab: host: timeout after ${TIMEOUT}s" >>"$log"
	rn_say "qemu: TIMEOUT after ${TIMEOUT}s"
	exit 124
fi
rn_say "qemu: guest ran $((SECONDS - start)) s"
exit "$rc"
