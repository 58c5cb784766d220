#!/bin/sh
# Create the tenant network demo-net (10.0.1.0/28, gateway 10.0.1.1) and the
# router demo-router that joins it to ext-net: its qr- port takes 10.0.1.1,
# its qg- port takes an address of ext-net and SNATs the tenant network.
set -e
. ./demo-openrc.sh

neutron net-create demo-net
neutron subnet-create demo-net 10.0.1.0/28 --name demo-subnet \
    --gateway 10.0.1.1

neutron router-create demo-router
neutron router-interface-add demo-router demo-subnet
neutron router-gateway-set demo-router ext-net
