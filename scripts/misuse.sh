#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The misuse harness ("make misuse"): trybuild-style tests that the kernel's
# Rust abstractions refuse their misuse, at compile time or at run time.
# The kernel's doc-test runner cannot do compile_fail, hence this.  Each
# probe, and each probe's control (the nearest correct use), is a one-file
# module in selftests/misuse/probes; docs/misuse.md has
# the format.
#
#   scripts/misuse.sh build O DEST
#       check every file's header; build the controls and the runtime probes
#       with kbuild against the kernel build dir O (in O/misuse-modules);
#       run rustc on each compile-fail probe alone, with the command line
#       kbuild used for its control, and judge its errors; put the modules
#       the guest loads into DEST with their expectations (expect, read by
#       selftests/misuse/run.sh) and the reports they allow (splats, one
#       regex a line, for tap.py).  Fails only when the harness cannot run;
#       a probe's failure is a verdict, kept for judge.
#   scripts/misuse.sh judge O LOG BOOT_OK
#       the build's verdicts and the guest's (run.sh's KTAP in the console
#       LOG; LOG empty when nothing was booted; BOOT_OK 0 when tap.py
#       failed that boot): one line per probe and control, then
#       "misuse: P probes refused, C controls built, F failed"; exits 1
#       unless F is 0.
#
# Runs inside the lab's toolchain root, from scripts/lab.sh.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PROBES=${RUST_NETNS_MISUSE_PROBES:-$RN_ROOT/selftests/misuse/probes}
MARK='// misuse: refused here'

usage() { rn_die "usage: misuse.sh build O DEST | misuse.sh judge O LOG BOOT_OK"; }
sub=${1-}
O=${2:-}
[[ -n $O ]] || usage
W=$O/misuse-modules

# Per file NAME (NAME.rs): kind[NAME] (compile-fail, errno, report,
# control), expect[NAME] (the argument of its kind), and the verdict so far,
# status[NAME] (ok, FAIL, or pending: for the guest to judge) with
# detail[NAME].
declare -A kind expect status detail marker errno_num controls
names=()

# fail NAME TEXT: NAME fails, for the first reason given.
fail() {
	[[ ${status[$1]} == FAIL ]] && return
	status[$1]=FAIL
	detail[$1]=$2
}

# directives FILE: its "//! misuse: " lines, without that prefix.
directives() { sed -n 's|^//! misuse: *||p' "$1"; }

# code_of FILE: FILE with its comments, string and character literals
# blanked out (their newlines kept, so that line numbers stay), for the
# check that a probe has no unsafe code.
code_of() {
	perl -0777 -pe 's{"(?:[^"\\]|\\.)*"|'"'"'(?:[^'"'"'\\\n]|\\.)'"'"'|//[^\n]*|/\*.*?\*/}{ my $m = $&; $m =~ tr/\n//cd; $m }gse' "$1"
}

# errno_of ENAME: the number of errno ENAME in the kernel's headers (the
# generic numbers, which every architecture of the lab uses, and the
# kernel-internal ones such as ENOTSUPP); an alias resolves to its target.
errno_of() {
	local name=$1 v i
	for i in 1 2 3; do
		v=$(sed -nE "s/^#define[[:space:]]+$name[[:space:]]+([0-9]+|E[A-Z0-9]+)([[:space:]].*)?\$/\\1/p" \
			"$O/source/include/uapi/asm-generic/errno-base.h" \
			"$O/source/include/uapi/asm-generic/errno.h" \
			"$O/source/include/linux/errno.h" | head -n1)
		if [[ $v =~ ^[0-9]+$ ]]; then
			echo "$v"
			return 0
		fi
		[[ -n $v ]] || return 1
		name=$v
	done
	return 1
}

# unquote TEXT: TEXT without the double quotes around it; fails if it has none.
unquote() {
	[[ $1 =~ ^\"(.+)\"$ ]] || return 1
	printf '%s\n' "${BASH_REMATCH[1]}"
}

# check_file FILE: read and check FILE's header.
check_file() {
	local f=$1 n d kinds=0 why=0 mod marks re unsafe
	n=$(basename "$f" .rs)
	names+=("$n")
	status[$n]=pending detail[$n]=
	[[ $n =~ ^misuse_[a-z0-9_]+$ ]] ||
		fail "$n" "the file name must be misuse_[a-z0-9_]+.rs: it is the module's name"
	while IFS= read -r d; do
		case $d in
		compile-fail\ * | errno\ * | report\ * | control)
			kind[$n]=${d%% *}
			expect[$n]=${d#"${kind[$n]}"}
			expect[$n]=${expect[$n]# }
			kinds=$((kinds + 1))
			;;
		control-of\ *) controls[${d#control-of }]+=" $n" ;;
		why\ ?*) why=1 ;;
		*) fail "$n" "unknown directive '//! misuse: $d'" ;;
		esac
	done < <(directives "$f")
	if ((kinds != 1)); then
		fail "$n" "needs exactly one '//! misuse: compile-fail|errno|report|control' line, has $kinds"
		kind[$n]=${kind[$n]:-?}
		return
	fi
	case ${kind[$n]} in
	compile-fail)
		[[ ${expect[$n]} =~ ^E[0-9]{4}$ ]] || unquote "${expect[$n]}" >/dev/null ||
			fail "$n" "compile-fail expects an error code (E0597) or a quoted message, not '${expect[$n]}'"
		# A trailing comment on a line of code: a comment line that
		# names the marker (in the probe's docs) marks nothing.
		marks=$(grep -nF -- "$MARK" "$f" | grep -vE '^[0-9]+:[[:space:]]*//' |
			cut -d: -f1 | paste -sd' ') || true
		if [[ $marks =~ ^[0-9]+$ ]]; then
			marker[$n]=$marks
		else
			fail "$n" "needs exactly one line marked '$MARK', has: ${marks:-none}"
		fi
		;;
	errno)
		if [[ ${expect[$n]} =~ ^E[A-Z0-9]+$ ]] && errno_num[$n]=$(errno_of "${expect[$n]}"); then
			:
		else
			fail "$n" "errno expects an errno name the kernel defines (EINVAL), not '${expect[$n]}'"
		fi
		;;
	report)
		# The regex is read by grep -E in the guest and by Python's re
		# in tap.py: both must take it (grep exits 2 on a bad one).
		if ! re=$(unquote "${expect[$n]}"); then
			fail "$n" "report expects a quoted regex, not '${expect[$n]}'"
		elif { grep -qE -- "$re" </dev/null || (($? != 2)); } &&
			python3 -c 'import re, sys; re.compile(sys.argv[1])' "$re" 2>/dev/null; then
			expect[$n]=$re
		else
			fail "$n" "the report regex '$re' is not valid for both grep -E and Python"
		fi
		;;
	esac
	[[ ${kind[$n]} == control ]] || ((why)) ||
		fail "$n" "a probe needs a '//! misuse: why ...' line: what hole it probes"
	mod=$(sed -nE 's/^[[:space:]]*name:[[:space:]]*"([^"]*)",?[[:space:]]*$/\1/p' "$f" | head -n1)
	[[ $mod == "$n" ]] ||
		fail "$n" "its module! name is '${mod:-missing}', not the file's name '$n'"
	unsafe=$(code_of "$f" | grep -nw unsafe | cut -d: -f1 | paste -sd' ') || true
	[[ -z $unsafe ]] ||
		fail "$n" "has 'unsafe' outside comments (line $unsafe): probes and controls are safe code"
}

# kbuild DIR [MAKE_ARGS...]: build the modules of DIR/Kbuild against $O.
kbuild() {
	local dir=$1
	shift
	make -s -C "$O" M="$dir" ARCH="$KARCH" "${RN_KMAKE_VARS[@]}" "$@" modules
}

# kbuild_list NAME...: $W/Kbuild for the modules NAME...
kbuild_list() {
	local n
	for n; do
		echo "obj-m += $n.o"
	done >"$W/Kbuild"
}

# build_alone NAME: build module NAME in a directory of its own, its log
# in $W/out; copy its module and command line to $W if it builds.
build_alone() {
	local n=$1 one=$W/one/$1
	mkdir -p "$one"
	cp "$PROBES/$n.rs" "$one/"
	echo "obj-m += $n.o" >"$one/Kbuild"
	if kbuild "$one" >"$W/out/$n.log" 2>&1; then
		cp "$one/$n.ko" "$one/.$n.o.cmd" "$W/"
	else
		fail "$n" "does not build with kbuild"
	fi
}

# build_modules NAME...: build the modules NAME... in $W, all at once.  When
# that fails, make -k has compiled all it could: the ones with no object
# fail, each built alone for a log of its own, and the rest are linked
# together; failing that, each is built alone.
build_modules() {
	local n built=() broken=()
	(($#)) || return 0
	for n; do
		cp "$PROBES/$n.rs" "$W/"
	done
	kbuild_list "$@"
	kbuild "$W" -k >"$W/build.log" 2>&1 && return
	for n; do
		if [[ -s $W/$n.o ]]; then
			built+=("$n")
		else
			broken+=("$n")
		fi
	done
	rn_say "misuse: ${#broken[@]} of $# modules do not compile; building each of those alone"
	for n in "${broken[@]}"; do
		build_alone "$n"
	done
	((${#built[@]})) || return 0
	kbuild_list "${built[@]}"
	kbuild "$W" >"$W/build.log" 2>&1 && return
	rn_say "misuse: the modules that compile do not link together; building each alone"
	for n in "${built[@]}"; do
		build_alone "$n"
	done
}

# rustc_cmd NAME: the command line kbuild ran to compile NAME.rs in $W
# (make-escaped in .NAME.o.cmd), without the objtool run that follows it.
rustc_cmd() {
	local c
	c=$(sed -n "s/^savedcmd_$1\\.o := //p" "$W/.$1.o.cmd")
	c=${c%% ; *}
	c=${c//'$(pound)'/#}
	c=${c//'$$'/'$'}
	printf '%s\n' "$c"
}

# rustc_for CMD REF NAME: CMD, kbuild's command line for REF.rs, made to
# compile NAME.rs instead: the module file, the dependency file, the object
# and the source (the crate's name is the source's).
rustc_for() {
	local c=$1 ref=$2 n=$3 t
	for t in "RUST_MODFILE=./$ref " "--emit=dep-info=./.$ref.o.d " "--emit=obj=$ref.o " " $ref.rs"; do
		[[ $c == *"$t"* ]] ||
			rn_die "misuse: kbuild's rustc command line for $ref has no '$t': has Makefile.build changed?"
		c=${c//"$t"/"${t//$ref/$n}"}
	done
	[[ ! $c =~ (^|[^a-z0-9_])$ref([^a-z0-9_]|$) ]] ||
		rn_die "misuse: kbuild's rustc command line for $ref names it where the harness does not expect"
	printf '%s\n' "$c"
}

# run_rustc DIR CMD: run CMD (a shell command line) in DIR as kbuild does:
# the kernel's Makefile exports RUSTC_BOOTSTRAP=1 for the unstable flags.
run_rustc() {
	(cd "$1" && RUSTC_BOOTSTRAP=1 bash -c "$2")
}

# reference NAME: set REF to the module whose kbuild command line
# compile-fail probe NAME is compiled with: its first control that built,
# else any module that built; fails if none did.  Checked once per REF: that
# command, run here, rebuilds it.
declare -A checked_ref
reference() {
	local n=$1 c ref= dir
	for c in ${controls[$n]-}; do
		if [[ -f $W/.$c.o.cmd ]]; then
			ref=$c
			break
		fi
	done
	if [[ -z $ref ]]; then
		for c in "${names[@]}"; do
			if [[ ${kind[$c]} != compile-fail && -f $W/.$c.o.cmd ]]; then
				ref=$c
				break
			fi
		done
	fi
	[[ -n $ref ]] || return 1
	if [[ -z ${checked_ref[$ref]-} ]]; then
		dir=$W/rustc/$ref
		mkdir -p "$dir"
		cp "$PROBES/$ref.rs" "$dir/"
		run_rustc "$dir" "$(rustc_cmd "$ref")" >"$dir/rustc.log" 2>&1 && [[ -s $dir/$ref.o ]] || {
			cat "$dir/rustc.log" >&2
			rn_die "misuse: kbuild's rustc command for $ref (from $W/.$ref.o.cmd) does not rebuild it here"
		}
		checked_ref[$ref]=1
	fi
	REF=$ref
}

# judge_rustc NAME EXPECT LINE RC JSON LOG: the verdict on a compile-fail
# probe from rustc's exit status RC and its diagnostics (JSON, one a line),
# "ok|FAIL<TAB>detail"; rustc's own text of them goes to LOG.  Passes only
# if rustc failed, every error is EXPECT (a code, or a quoted message,
# matched whole), and one of them is reported at LINE of NAME.rs.
judge_rustc() {
	python3 - "$@" <<'EOF'
import json
import os
import sys

name, expect, line, rc, path, log = sys.argv[1:]
line, rc = int(line), int(rc)
diags, other = [], []
with open(path, errors="replace") as f:
    for text in f:
        text = text.rstrip("\n")
        try:
            d = json.loads(text)
        except ValueError:
            d = None
        if isinstance(d, dict) and "level" in d and "message" in d:
            diags.append(d)
        elif text.strip():
            other.append(text)
with open(log, "w") as f:
    f.write("".join(d.get("rendered") or "" for d in diags))
    f.write("".join(t + "\n" for t in other))


def code(d):
    return (d.get("code") or {}).get("code")


def label(d):
    return f"{d['level']}[{code(d)}]" if code(d) else d["level"]


def where(d):
    for s in d.get("spans") or []:
        if s.get("is_primary"):
            return os.path.basename(s["file_name"]), s["line_start"], s["column_start"]
    return None


def at(d):
    w = where(d)
    return f"{w[0]}:{w[1]}:{w[2]}" if w else "no location"


def verdict(status, text):
    print(f"{status}\t{text}")
    sys.exit(0)


if expect.startswith('"'):
    want = expect[1:-1]
    matches = lambda d: d["message"] == want
else:
    matches = lambda d: code(d) == expect
errors = [d for d in diags if d["level"].startswith("error")
          and not d["message"].startswith("aborting due to")]
if rc == 0:
    verdict("FAIL", "it compiled: rustc refused nothing")
if not errors:
    verdict("FAIL", f"rustc failed (exit {rc}) with no error diagnostic")
bad = [d for d in errors if not matches(d)]
if bad:
    verdict("FAIL", f"expected only {expect}, rustc said: " + "; ".join(
        f"{label(d)} at {at(d)}: {d['message']}" for d in bad))
hits = [d for d in errors if where(d) and where(d)[:2] == (f"{name}.rs", line)]
if not hits:
    verdict("FAIL", f"{label(errors[0])} at {at(errors[0])}, not at the marked line {line}")
more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
verdict("ok", f"{label(hits[0])} at line {line}: {hits[0]['message']}{more}")
EOF
}

# compile_fail NAME: rustc on compile-fail probe NAME alone, as kbuild would
# run it, in its own directory.
compile_fail() {
	local n=$1 cmd dir rc=0 v
	if ! reference "$n"; then
		fail "$n" "no module built, so no kbuild rustc command line to compile it with"
		return
	fi
	cmd=$(rustc_cmd "$REF")
	cmd=$(rustc_for "$cmd" "$REF" "$n") || exit 1
	dir=$W/rustc/$n
	mkdir -p "$dir"
	cp "$PROBES/$n.rs" "$dir/"
	run_rustc "$dir" "$cmd --error-format=json" >"$dir/stdout" 2>"$dir/diagnostics.json" || rc=$?
	v=$(judge_rustc "$n" "${expect[$n]}" "${marker[$n]}" "$rc" "$dir/diagnostics.json" "$W/out/$n.log")
	status[$n]=${v%%$'\t'*}
	detail[$n]=${v#*$'\t'}
}

# ms: a clock in milliseconds.
ms() { echo $(($(date +%s%N) / 1000000)); }

build() {
	local dest=$1 f n p k d mods=() t
	[[ -d $PROBES ]] || rn_die "misuse: no probes directory $PROBES"
	rm -rf "$W"
	mkdir -p "$W/out"
	for f in "$PROBES"/*.rs; do
		if [[ -e $f ]]; then
			check_file "$f"
		fi
	done
	((${#names[@]})) || rn_die "misuse: no probes in $PROBES"
	# Every probe has a control, and every control is one of a probe.
	for n in "${names[@]}"; do
		if [[ ${kind[$n]} == control ]]; then
			for p in $(printf '%s\n' "${!controls[@]}"); do
				[[ " ${controls[$p]} " == *" $n "* ]] || continue
				[[ -n ${kind[$p]-} && ${kind[$p]} != control ]] ||
					fail "$n" "is the control of '$p', which is no probe in $PROBES"
			done
			[[ " ${controls[*]} " == *" $n "* ]] ||
				fail "$n" "is the control of nothing: needs '//! misuse: control-of PROBE'"
		elif [[ -z ${controls[$n]-} ]]; then
			fail "$n" "has no control: a file saying '//! misuse: control-of $n' (the nearest correct use)"
		fi
	done

	# kbuild: the controls and the runtime probes.
	for n in "${names[@]}"; do
		if [[ ${status[$n]} == pending && ${kind[$n]} != compile-fail ]]; then
			mods+=("$n")
		fi
	done
	t=$(ms)
	rn_say "misuse: building ${#mods[@]} modules (controls and runtime probes) with kbuild for $ARCH"
	build_modules "${mods[@]}"
	rn_say "misuse: kbuild took $((($(ms) - t) / 1000)).$(printf '%03d' $((($(ms) - t) % 1000))) s"

	# rustc: each compile-fail probe alone.
	t=$(ms) k=0
	for n in "${names[@]}"; do
		[[ ${status[$n]} == pending && ${kind[$n]} == compile-fail ]] || continue
		compile_fail "$n"
		k=$((k + 1))
	done
	t=$(($(ms) - t))
	rn_say "misuse: rustc judged $k compile-fail probes in $((t / 1000)).$(printf '%03d' $((t % 1000))) s"

	# The guest's share: controls first, then the probes that should fail
	# quietly, then those that make the kernel report (a lockdep report
	# switches lockdep off for whatever follows).
	rm -rf "$dest"
	mkdir -p "$dest"
	: >"$dest/expect"
	: >"$dest/splats"
	for k in control errno report; do
		for n in "${names[@]}"; do
			[[ ${kind[$n]} == "$k" && ${status[$n]} == pending ]] || continue
			cp "$W/$n.ko" "$dest/"
			case $k in
			control) echo "$n control -" ;;
			errno) echo "$n errno ${errno_num[$n]} ${expect[$n]}" ;;
			report)
				echo "$n report ${expect[$n]}"
				echo "${expect[$n]}" >>"$dest/splats"
				;;
			esac >>"$dest/expect"
		done
	done

	# What judge reads: every verdict so far (tab-separated; "-" for no
	# expectation, since read collapses empty fields), and the tally of
	# the ones that are final (lab.sh adds it to the test totals).
	for n in "${names[@]}"; do
		d=${detail[$n]//$'\t'/ }
		printf '%s\t%s\t%s\t%s\t%s\n' "$n" "${kind[$n]}" "${expect[$n]:--}" "${status[$n]}" "${d//$'\n'/ }"
	done >"$W/results"
	awk -F'\t' '$4 == "ok" { p++ } $4 == "FAIL" { f++ } END { print p + 0, f + 0 }' \
		"$W/results" >"$W/compile.tally"
}

judge() {
	local log=$1 boot_ok=$2 n k e st d line P=0 C=0 F=0 what
	declare -A rt_status rt_detail
	[[ -f $W/results ]] || rn_die "misuse: no $W/results: run 'misuse.sh build' first"
	# run.sh's cases, nested one level in the kselftest runner's TAP:
	# "# # NAME: what happened" and then "# ok|not ok N NAME KIND".
	if [[ -n $log ]]; then
		while IFS= read -r line; do
			if [[ $line =~ ^#\ #\ (misuse_[a-z0-9_]+):\ (.*)$ ]]; then
				n=${BASH_REMATCH[1]}
				[[ -n ${rt_detail[$n]-} ]] || rt_detail[$n]=${BASH_REMATCH[2]}
			elif [[ $line =~ ^#\ (ok|not\ ok)\ [0-9]+\ (misuse_[a-z0-9_]+)( |$) ]]; then
				rt_status[${BASH_REMATCH[2]}]=${BASH_REMATCH[1]}
			fi
		done < <(tr -d '\r' <"$log" | grep -av '^\[')
	fi
	while IFS=$'\t' read -r n k e st d; do
		if [[ $st == pending ]]; then
			case ${rt_status[$n]-} in
			ok) st=ok ;;
			"not ok") st=FAIL ;;
			*) st=FAIL d="no result from the guest" ;;
			esac
			d=${rt_detail[$n]:-$d}
			[[ $k != control || $st != ok ]] || d="built; $d"
			# The guest never prints the regex (it would read as a report).
			[[ $k != report || $st == ok ]] || d="$d; expected /$e/"
		fi
		case $k in
		compile-fail | errno) what="$k $e" ;;
		*) what=$k ;;
		esac
		if [[ $st == ok && $k == control ]]; then
			C=$((C + 1))
		elif [[ $st == ok ]]; then
			P=$((P + 1))
		else
			F=$((F + 1))
		fi
		printf 'misuse: %-4s %-24s %s (%s)\n' "$st" "$what" "$n" "$d"
		if [[ $st == FAIL && -s $W/out/$n.log ]]; then
			head -n 60 "$W/out/$n.log" | sed 's/^/    /'
		fi
	done <"$W/results"
	if [[ $boot_ok != 1 ]] && ((F == 0)); then
		echo "misuse: FAIL the guest's boot, judged by tap.py above"
		F=1
	fi
	echo "misuse: $P probes refused, $C controls built, $F failed"
	((F == 0))
}

case $sub in
build)
	[[ -n ${3-} ]] || usage
	build "$3"
	;;
judge)
	[[ $# -eq 4 ]] || usage
	judge "$3" "$4"
	;;
*) usage ;;
esac
