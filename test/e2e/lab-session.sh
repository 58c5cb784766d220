#!/bin/bash
# One capture-lab session for the end-to-end test (test/e2e/lab.test.ts), in
# one shell so the lab lock is held from `up` to `down` and `down` always runs:
#
#   lab-session.sh LAB_SH VARIANT OUTDIR CAPTURE_SH [lab-capture]
#
# takes the lock (BRIEF.md), `lab.sh up VARIANT` with the LAB_* identities and
# addresses of the environment, then in each lab host: a snapshot of its state
# (namespaces, links and addresses in each, ovs-vsctl show, iptables-save of
# each namespace, its processes), `sh CAPTURE_SH OUTDIR/bundles/<host>` run by
# `lab.sh exec` with TMPDIR and HOME pointed at empty folders, the snapshot
# again; with `lab-capture`, also `lab.sh capture OUTDIR/lab-bundle`. Then
# `lab.sh down` (on any exit). Seconds per step go to OUTDIR/timings.
set -u
LAB=$1 VARIANT=$2 OUT=$3 CAPTURE_SH=$4 LABCAPTURE=${5:-}
mkdir -p "$OUT/bundles"
now() { date +%s.%N; }
step() { printf '%s %s\n' "$1" "$(awk -v a="$2" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')" >>"$OUT/timings"; }

exec 9>/var/tmp/netguide-lab.lock
t=$(now)
flock -w "${NETGUIDE_LAB_LOCK_WAIT:-900}" 9 || { echo "could not take /var/tmp/netguide-lab.lock" >&2; exit 4; }
step lock-wait "$t"

down() {
  local t0; t0=$(now)
  "$LAB" down >>"$OUT/lab.log" 2>&1
  step down "$t0"
}
trap down EXIT
trap 'exit 143' TERM INT HUP

t=$(now)
if ! "$LAB" up "$VARIANT" >>"$OUT/lab.log" 2>&1; then
  echo "lab.sh up $VARIANT failed; the end of its log:" >&2
  tail -n 20 "$OUT/lab.log" >&2
  exit 3
fi
step "up-$VARIANT" "$t"

# the state capture.sh must leave as it found it (counters and the snapshot's own processes left out)
snapshot() {
  "$LAB" exec "$1" sh -c '
    echo "== netns"; ip netns list
    echo "== links and addresses"; ip -o link show | sed "s/ link\/.*//"; ip -o addr show
    ip -all netns exec sh -c "ip -o link show | sed \"s/ link\/.*//\"; ip -o addr show"
    echo "== ovs"; ovs-vsctl show
    echo "== iptables"; iptables-save | grep -v "^#" | sed "s/\[[0-9]*:[0-9]*\]//"
    ip -all netns exec iptables-save | grep -v "^#" | sed "s/\[[0-9]*:[0-9]*\]//"
    echo "== processes"; ps -e -o pid=,args= | grep -v -e "NETGUIDE-SNAPSHOT" -e "ps -e -o" -e "grep -v" -e "ip -all netns" -e "sed s/"
  ' NETGUIDE-SNAPSHOT 2>&1
}

for h in $("$LAB" hosts); do
  [ "$h" = ext ] && continue
  mkdir -p "$OUT/empty-tmp-$h" "$OUT/empty-home-$h"
  snapshot "$h" >"$OUT/state-$h-before.txt"
  t=$(now)
  "$LAB" exec "$h" env TMPDIR="$OUT/empty-tmp-$h" HOME="$OUT/empty-home-$h" sh "$CAPTURE_SH" "$OUT/bundles/$h" 2>"$OUT/capture-$h.log"
  echo "exit $?" >>"$OUT/capture-$h.log"
  step "capture.sh-$h" "$t"
  snapshot "$h" >"$OUT/state-$h-after.txt"
done

if [ "$LABCAPTURE" = lab-capture ]; then
  t=$(now)
  "$LAB" capture "$OUT/lab-bundle" >>"$OUT/lab.log" 2>&1
  step lab.sh-capture "$t"
fi
