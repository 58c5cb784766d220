#!/bin/sh
# netguide capture: collect, read-only, the command outputs netguide explains
# from one OpenStack Neutron node (Open vSwitch, Linux bridges, network
# namespaces, veths, tunnels, libvirt VMs, dnsmasq and metadata proxies).
#
#   sh capture.sh [OUTDIR]                          on the node, as root
#   netguide capture | ssh root@node sh -s -- /tmp/netguide-capture
#
# Writes a bundle netguide reads (`netguide topology OUTDIR`, `netguide import`):
#
#   OUTDIR/manifest.json            host, tool versions, what was found, each
#                                   command's exit status and duration, what
#                                   was skipped and why
#   OUTDIR/<host>/<NN>-<slug>.txt   line 1 "$ <command>", then its stdout+stderr
#   OUTDIR/<host>.tar.gz            manifest.json and <host>/ in one archive
#
# It runs only commands that read state (ovs-vsctl show, ovs-ofctl dump-flows,
# ip, iptables-save, ss, ps, virsh -r, ethtool -S, ...), only tools already on
# the node, each under a time limit (NETGUIDE_CAPTURE_TIMEOUT seconds, default
# 10: coreutils' timeout when present, else a background kill; set
# NETGUIDE_CAPTURE_TIMER=fallback to use the latter anyway), so a missing or
# hung daemon costs seconds, never a hang. It writes nothing outside OUTDIR and
# one temporary folder it removes. `iptables -S`/`-L` are avoided on purpose:
# they can load a table's kernel module; iptables-save only reads.
# Note: `ps -ef` records every process's command line, as a sosreport does.
#
# POSIX sh (dash, busybox sh, bash); no `local`, no arrays.

netguide_capture_main() {
  set -u
  set -f                       # commands are split into words, never globbed
  LC_ALL=C
  export LC_ALL
  PATH=$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  export PATH
  LIMIT=${NETGUIDE_CAPTURE_TIMEOUT:-10}
  case $LIMIT in ''|*[!0-9]*) LIMIT=10 ;; esac
  [ "$LIMIT" -gt 0 ] || LIMIT=10

  HOST=$(hostname 2>/dev/null || uname -n 2>/dev/null || echo node)
  HOST=$(printf '%s' "$HOST" | sed 's/[^A-Za-z0-9._-]/-/g; s/^[.-]*//')
  [ -n "$HOST" ] || HOST=node
  OUT=${1:-./netguide-capture-$HOST}

  say() { printf 'netguide capture: %s\n' "$*" >&2; }

  # ---- the output folder: new, empty, or a capture of ours to replace --------
  if [ -e "$OUT" ] && [ ! -d "$OUT" ]; then say "$OUT exists and is not a folder"; return 2; fi
  if [ -d "$OUT" ] && [ -n "$(ls -A "$OUT" 2>/dev/null)" ]; then
    if ! grep -q '"format": "netguide-capture/' "$OUT/manifest.json" 2>/dev/null; then
      say "$OUT is not empty and holds no earlier netguide capture: give an empty or new folder"
      return 2
    fi
    rm -rf "${OUT:?}/$HOST" "$OUT/manifest.json" "$OUT/$HOST.tar.gz"
  fi
  mkdir -p "$OUT" || { say "cannot create $OUT"; return 2; }
  OUT=$(cd "$OUT" && pwd) || return 2
  mkdir "$OUT/$HOST" || return 2

  T=$(mktemp -d 2>/dev/null || { d=/tmp/netguide-capture.$$; mkdir -m 700 "$d" && echo "$d"; }) || { say "no temporary folder"; return 2; }
  trap 'rm -rf "$T"' EXIT
  trap 'rm -rf "$T"; exit 130' INT
  trap 'rm -rf "$T"; exit 143' TERM HUP
  # a tool that keeps a cache (libvirt's client) keeps it in the temporary folder
  XDG_CACHE_HOME=$T/cache
  export XDG_CACHE_HOME
  : >"$T/rows"; : >"$T/skipped"

  if [ "$(id -u 2>/dev/null)" = 0 ]; then ROOT=true; else ROOT=false; fi
  # NETGUIDE_CAPTURE_TIMER=fallback: the background kill even where coreutils' timeout exists
  if [ "${NETGUIDE_CAPTURE_TIMER:-}" != fallback ] && timeout --version 2>/dev/null | grep -q coreutils; then TIMER=timeout; else TIMER=fallback; fi
  # a clock in hundredths of a second without a process per reading: /proc/uptime (Linux), else date
  if read -r UP _ </proc/uptime 2>/dev/null && [ -n "${UP%%.*}" ]; then UPTIME=true; else UPTIME=false; fi
  centis() {
    if $UPTIME; then
      read -r UP _ </proc/uptime
      CS=${UP%%.*}${UP#*.}
    else
      CS=$(date +%s)00
    fi
    CS=$((CS + 0))
  }
  have() { command -v "$1" >/dev/null 2>&1; }

  # ---- run one command under the time limit --------------------------------
  # limited FILE WORD...: stdout+stderr appended to FILE; sets RC (124: timed out)
  limited() {
    lim_file=$1; shift
    if [ "$TIMER" = timeout ]; then
      timeout -k 2 "$LIMIT" "$@" >>"$lim_file" 2>&1 </dev/null
      RC=$?
      # 124: timed out (TERM); 137: still running 2s later, so KILLed
      [ "$RC" = 137 ] && RC=124
      return 0
    fi
    rm -f "$T/timed-out"
    "$@" >>"$lim_file" 2>&1 </dev/null &
    lim_pid=$!
    (
      lim_sleep=""
      trap 'kill "$lim_sleep" 2>/dev/null; exit 0' TERM
      sleep "$LIMIT" &
      lim_sleep=$!
      wait "$lim_sleep"
      : >"$T/timed-out"
      kill -TERM "$lim_pid" 2>/dev/null
      sleep 2 &
      lim_sleep=$!
      wait "$lim_sleep"
      kill -KILL "$lim_pid" 2>/dev/null
    ) </dev/null >/dev/null 2>&1 &
    lim_watch=$!
    wait "$lim_pid" 2>/dev/null
    RC=$?
    kill -TERM "$lim_watch" 2>/dev/null
    wait "$lim_watch" 2>/dev/null
    if [ -e "$T/timed-out" ]; then RC=124; rm -f "$T/timed-out"; fi
    return 0
  }

  # quietly: the output of a look-up command (not part of the bundle)
  quietly() { : >"$T/q"; limited "$T/q" "$@"; [ "$RC" = 0 ] && cat "$T/q"; }

  # the lab's slug: namespace UUIDs dropped, runs of other characters a dash, lower case, 60 at most
  slug() {
    printf '%s\n' "$1" | sed -E 's/(qdhcp|qrouter|snat|fip|qlbaas|ovnmeta)-[0-9a-f-]{36}/\1/g; s/[^A-Za-z0-9]+/-/g; s/^-+//
      y/ABCDEFGHIJKLMNOPQRSTUVWXYZ/abcdefghijklmnopqrstuvwxyz/; s/^(.{60}).*/\1/; s/-+$//'
  }

  skip() { printf '%s\t%s\n' "$1" "$2" >>"$T/skipped"; say "skipped $1: $2"; }

  # A name used as a command argument: plain characters only (never quoted, never globbed).
  safe() { case $1 in ''|-*|*[!A-Za-z0-9._:@-]*) return 1 ;; *) return 0 ;; esac; }

  # ---- capture one command into the bundle --------------------------------
  SEQ=0
  # capture COMMAND...   (words; the file's first line is "$ COMMAND")
  capture() {
    SEQ=$((SEQ + 1))
    cap_cmd=$*
    cap_file=$HOST/$(printf '%02d' "$SEQ")-$(slug "$cap_cmd").txt
    printf '$ %s\n' "$cap_cmd" >"$OUT/$cap_file"
    centis; cap_t0=$CS
    limited "$OUT/$cap_file" "$@"
    centis; cap_ms=$(((CS - cap_t0) * 10))
    printf '%s\t%s\t%s\t%s\t%s\n' "$SEQ" "$RC" "$cap_ms" "$cap_file" "$cap_cmd" >>"$T/rows"
    if [ "$RC" = 124 ]; then say "timed out after ${LIMIT}s: $cap_cmd"; fi
    return 0
  }
  # the exit status of the last capture
  last_ok() { [ "$RC" = 0 ]; }

  # ovs-ofctl to a bridge that speaks only newer OpenFlow: retry with the version it offers
  ofctl() {
    capture ovs-ofctl "$@"
    if ! last_ok && grep -q 'version negotiation failed' "$OUT/$cap_file" 2>/dev/null; then
      # "version negotiation failed (we support version 0x01, peer supports version 0x04)"
      for ofv in 04:OpenFlow13 06:OpenFlow15 05:OpenFlow14 03:OpenFlow12 02:OpenFlow11; do
        if grep -q "peer supports.*0x${ofv%%:*}" "$OUT/$cap_file"; then capture ovs-ofctl -O "${ofv#*:}" "$@"; break; fi
      done
    fi
  }

  say "host $HOST, output $OUT, ${LIMIT}s per command ($TIMER), root: $ROOT"
  $ROOT || say "not root: commands that need root (ip netns exec, iptables-save, ovs) are run anyway and their errors kept, or skipped where they would surely fail"

  # ---- what is there --------------------------------------------------------
  NETNS=""; OVSBR=""; VETHS=""; VMS=""; LINUXBR=""; TUNNELS=""; DNSMASQ=""; METADATA=""
  if have ip; then
    NETNS=$(quietly ip netns list | awk '{ print $1 }')
    VETHS=$(quietly ip -o link show type veth | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }')
    TUNNELS=$(quietly ip -o -d link show | awk -F': ' '/ (gre|gretap|vxlan|geneve|ipip|erspan) / { sub(/@.*/, "", $2); print $2 }')
  fi
  if have ip; then LINUXBR=$(quietly ip -o link show type bridge | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }'); fi
  if have ps && quietly ps -e -o pid= -o args= >"$T/ps"; then
    DNSMASQ=$(awk '$2 ~ /(^|\/)dnsmasq$/ { print $1 }' "$T/ps")
    METADATA=$(awk '/metadata|haproxy/ { print $1 }' "$T/ps")
  fi

  # ---- the host -------------------------------------------------------------
  if have ovs-vsctl; then
    capture ovs-vsctl show
    if last_ok; then
      OVSBR=$(quietly ovs-vsctl list-br)
      OVSTUN=$(quietly ovs-vsctl --columns=name,type find Interface 'type!=""' | awk '/^name/ { n = $3 } /^type/ && $3 ~ /gre|vxlan|geneve|stt|lisp/ { gsub(/"/, "", n); print n }')
      TUNNELS="$TUNNELS $OVSTUN"
    elif [ "$RC" = 124 ]; then
      skip "ovs-ofctl, ovs-appctl" "ovs-vsctl show timed out: ovsdb-server does not answer"
      OVSBR=none
    else
      skip "ovs-ofctl, ovs-appctl" "ovs-vsctl show failed (exit $RC): is ovsdb-server running? is this root?"
      OVSBR=none
    fi
  else
    skip "ovs-vsctl, ovs-ofctl, ovs-appctl" "tool missing (no Open vSwitch here)"
    OVSBR=none
  fi
  if [ "$OVSBR" != none ]; then
    for br in $OVSBR; do
      if safe "$br"; then ofctl show "$br"; ofctl dump-flows "$br"; else skip "ovs-ofctl show/dump-flows $br" "bridge name has unusual characters"; fi
    done
    if have ovs-appctl; then capture ovs-appctl dpif/show; else skip "ovs-appctl dpif/show" "tool missing"; fi
  else
    OVSBR=""
  fi

  if have ip; then
    capture ip -d link show
    capture ip addr
    capture ip route
    capture ip netns
  else
    skip "ip link, ip addr, ip route, ip netns" "tool missing (iproute2)"
  fi
  if have brctl; then capture brctl show; else skip "brctl show" "tool missing (bridge-utils); bridge link shows the same ports"; fi
  if have bridge; then capture bridge link; else skip "bridge link" "tool missing"; fi
  if have ethtool; then
    for v in $VETHS; do
      if safe "$v"; then capture ethtool -S "$v"; else skip "ethtool -S $v" "name has unusual characters"; fi
    done
  elif [ -n "$VETHS" ]; then
    skip "ethtool -S (veth peers)" "tool missing"
  fi

  if have virsh; then
    capture virsh -r list --all
    if last_ok; then
      VMS=$(quietly virsh -r list --all --name)
      for vm in $VMS; do
        if safe "$vm"; then capture virsh -r dumpxml "$vm"; else skip "virsh -r dumpxml $vm" "domain name has unusual characters"; fi
      done
    else
      skip "virsh -r dumpxml" "virsh list failed (exit $RC): no hypervisor connection"
    fi
  else
    skip "virsh list, virsh dumpxml" "tool missing (no libvirt client here)"
  fi

  if have ps; then capture ps -ef; else skip "ps -ef" "tool missing"; fi
  if have ss; then capture ss -tunlp
  elif have netstat; then capture netstat -tunlp
  else skip "ss -tunlp, netstat -tunlp" "tools missing"; fi

  for ipt in iptables-save ip6tables-save; do
    if ! have "$ipt"; then skip "$ipt" "tool missing"
    elif ! $ROOT; then skip "$ipt" "no permission (needs root)"
    else capture "$ipt"; fi
  done

  # ---- each network namespace -----------------------------------------------
  for ns in $NETNS; do
    if ! safe "$ns"; then skip "ip netns exec $ns ..." "namespace name has unusual characters"; continue; fi
    if ! $ROOT; then skip "ip netns exec $ns ..." "no permission (needs root)"; continue; fi
    capture ip netns exec "$ns" ip -d link show
    capture ip netns exec "$ns" ip addr
    capture ip netns exec "$ns" ip route
    if have ss; then capture ip netns exec "$ns" ss -tunlp
    elif have netstat; then capture ip netns exec "$ns" netstat -tunlp; fi
    for ipt in iptables-save ip6tables-save; do
      if have "$ipt"; then capture ip netns exec "$ns" "$ipt"; fi
    done
    if have ethtool; then
      for v in $(quietly ip netns exec "$ns" ip -o link show type veth | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }'); do
        if safe "$v"; then capture ip netns exec "$ns" ethtool -S "$v"; fi
      done
    fi
  done

  # ---- tool versions ------------------------------------------------------------
  : >"$T/versions"
  version() {
    ver_key=$1; shift
    if have "$1"; then
      : >"$T/v"; limited "$T/v" "$@"
      printf '%s\t%s\n' "$ver_key" "$(sed -n '/[^[:space:]]/{p;q;}' "$T/v")" >>"$T/versions"
    fi
  }
  version kernel uname -r
  if [ -r /etc/os-release ]; then printf 'os\t%s\n' "$(sed -n 's/^PRETTY_NAME=//p' /etc/os-release | tr -d '"')" >>"$T/versions"; fi
  version iproute2 ip -V
  version ovs-vsctl ovs-vsctl --version
  version ovs-ofctl ovs-ofctl --version
  version ovs-appctl ovs-appctl --version
  version bridge-utils brctl -V
  version ethtool ethtool --version
  version virsh virsh --version
  version procps ps --version
  version ss ss -V
  version net-tools netstat --version
  version iptables iptables -V
  version dnsmasq dnsmasq --version

  # ---- manifest.json ----------------------------------------------------------
  # one awk for the whole file (a process per value is slow on a busy node);
  # control characters are dropped first, then \ " and tab escaped
  flat() { printf '%s' "$*"; }
  # shellcheck disable=SC2086 # each list is split into words on purpose (globbing is off)
  printf 'discovered\tovs_bridges\t%s\ndiscovered\tlinux_bridges\t%s\ndiscovered\tnamespaces\t%s\ndiscovered\tveths\t%s\ndiscovered\ttunnels\t%s\ndiscovered\tvms\t%s\ndiscovered\tdnsmasq_pids\t%s\ndiscovered\tmetadata_pids\t%s\n' \
    "$(flat $OVSBR)" "$(flat $LINUXBR)" "$(flat $NETNS)" "$(flat $VETHS)" "$(flat $TUNNELS)" "$(flat $VMS)" "$(flat $DNSMASQ)" "$(flat $METADATA)" >"$T/discovered"
  {
    sed 's/^/version\t/' "$T/versions"
    cat "$T/discovered"
    sed 's/^/skipped\t/' "$T/skipped"
    sed 's/^/command\t/' "$T/rows"
  } >"$T/m"
  SHELLNAME=$(readlink /proc/$$/exe 2>/dev/null || echo sh)
  tr -d '\000-\010\013-\037' <"$T/m" | awk -F'\t' -v host="$HOST" -v root="$ROOT" -v limit="$LIMIT" -v timer="$TIMER" \
    -v shell="${SHELLNAME##*/}" -v when="$(date -u +%Y-%m-%dT%H:%M:%SZ)" '
    function q(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, "\\t", s); return "\"" s "\"" }
    function words(s,   n, a, i, out) { n = split(s, a, " "); out = ""; for (i = 1; i <= n; i++) out = out (i > 1 ? ", " : "") q(a[i]); return "[" out "]" }
    $1 == "version" { versions = versions (versions == "" ? "" : ",\n") "    " q($2) ": " q($3) }
    $1 == "discovered" { found = found (found == "" ? "" : ",\n") "    " q($2) ": " words($3) }
    $1 == "skipped" { skipped = skipped (skipped == "" ? "" : ",\n") "    {\"command\": " q($2) ", \"reason\": " q($3) "}" }
    $1 == "command" {
      commands = commands (commands == "" ? "" : ",\n") "    {\"seq\": " $2 ", \"host\": " q(host) ", \"command\": " q($6) ", \"file\": " q($5) \
        ", \"exit_status\": " $3 ", \"duration_ms\": " $4 ", \"timed_out\": " ($3 == 124 ? "true" : "false") "}"
    }
    END {
      print "{"
      print "  \"format\": \"netguide-capture/1\","
      print "  \"generator\": \"netguide scripts/capture.sh\","
      print "  \"generated_at\": " q(when) ","
      print "  \"layout\": \"<host>/<NN>-<slug>.txt; line 1 is '"'"'$ <command>'"'"', the rest is the exact stdout+stderr\","
      print "  \"capture_mode\": \"pipe\","
      print "  \"execution\": " q("each command run by " shell " with stdin from /dev/null, stdout+stderr to the file, LC_ALL=C, at most " limit " seconds (" timer ")") ","
      print "  \"host\": " q(host) ","
      print "  \"hosts\": [" q(host) "],"
      print "  \"root\": " root ","
      print "  \"timeout_seconds\": " limit ","
      print "  \"tool_versions\": {" (versions == "" ? "" : "\n" versions "\n  ") "},"
      print "  \"discovered\": {\n" found "\n  },"
      print "  \"skipped\": [" (skipped == "" ? "" : "\n" skipped "\n  ") "],"
      print "  \"commands\": [" (commands == "" ? "" : "\n" commands "\n  ") "]"
      print "}"
    }' >"$OUT/manifest.json"

  # ---- the archive ----------------------------------------------------------------
  if have tar && have gzip; then
    if tar -cf - -C "$OUT" manifest.json "$HOST" 2>"$T/tar.err" | gzip -c >"$T/bundle.tar.gz" && [ ! -s "$T/tar.err" ]; then
      mv "$T/bundle.tar.gz" "$OUT/$HOST.tar.gz"
    else
      say "could not write $HOST.tar.gz: $(head -n 1 "$T/tar.err")"
    fi
  else
    say "no tar/gzip here: no archive written (copy the folder instead)"
  fi

  failed=$(awk -F'\t' '$2 != 0' "$T/rows" | wc -l | tr -d ' ')
  skipped=$(wc -l <"$T/skipped" | tr -d ' ')
  say "wrote $SEQ captures ($failed with a non-zero exit status, $skipped skipped) to $OUT"
  [ -e "$OUT/$HOST.tar.gz" ] && say "archive: $OUT/$HOST.tar.gz"
  return 0
}

# everything above is a function, so `sh -s` reads the whole script before running it
netguide_capture_main "$@"
