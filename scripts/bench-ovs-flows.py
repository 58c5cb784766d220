#!/usr/bin/python3
"""The bench's yardstick for `netguide parse` of `ovs-ofctl dump-flows`:
Open vSwitch's own Python flow parser (python3-openvswitch, `ovs.flow.ofp`)
reading a dump (a file, or - for standard input) and writing every flow as
JSON on stdout, one array, the way `netguide parse` does.

Debian 12's OVS 3.1 parser misspells the `n_packets` decoder key (`n_packet`)
and has no `idle_age` decoder, so every real dump-flows line fails in its
strict mode; both are registered as integers here before parsing. A line it
cannot parse is counted on stderr and left out, as its own tools do.
"""
import json
import sys

from ovs.flow.decoders import FlowEncoder, decode_int
from ovs.flow.ofp import OFPFlow

info = OFPFlow.info_decoders()
for key in ("n_packets", "idle_age"):
    info._decoders.setdefault(key, decode_int)

source = sys.stdin if len(sys.argv) < 2 or sys.argv[1] == "-" else open(sys.argv[1], encoding="utf-8")
out = sys.stdout
encoder = FlowEncoder()
failed = 0
first = True
out.write("[")
for line in source:
    text = line.strip()
    if not text or text.startswith(("$ ", "NXST_FLOW", "OFPST_FLOW")):
        continue
    try:
        flow = OFPFlow(text)
    except Exception:  # the parser raises ValueError and its own ParseError
        failed += 1
        continue
    out.write(("" if first else ",") + encoder.encode(flow.dict()))
    first = False
out.write("]\n")
if failed:
    print(f"{failed} lines not parsed", file=sys.stderr)
