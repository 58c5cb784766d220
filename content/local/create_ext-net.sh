#!/bin/sh
# Create the external network: a flat segment of the physical LAN
# 192.168.1.0/24, whose gateway is 192.168.1.1. Routers take their gateway
# address (here 192.168.1.245) from the allocation pool; no DHCP on it.
set -e
. ./admin-openrc.sh

neutron net-create ext-net --router:external=True

neutron subnet-create ext-net 192.168.1.0/24 --name ext-subnet \
    --allocation-pool start=192.168.1.240,end=192.168.1.250 \
    --disable-dhcp --gateway 192.168.1.1
