#!/bin/sh
# Configure Neutron for the "local" network type: every tenant network lives
# on one host, on the Open vSwitch integration bridge br-int, isolated by a
# local VLAN tag that never leaves the host. The L3 agent reaches the outside
# through br-ex, whose uplink is eth0.
set -e

ML2_CONF=/etc/neutron/plugins/ml2/ml2_conf.ini
L3_CONF=/etc/neutron/l3_agent.ini
DHCP_CONF=/etc/neutron/dhcp_agent.ini
METADATA_CONF=/etc/neutron/metadata_agent.ini

# ML2: the "local" type driver, the Open vSwitch mechanism driver.
crudini --set $ML2_CONF ml2 type_drivers local
crudini --set $ML2_CONF ml2 tenant_network_types local
crudini --set $ML2_CONF ml2 mechanism_drivers openvswitch
crudini --set $ML2_CONF securitygroup firewall_driver \
    neutron.agent.linux.iptables_firewall.OVSHybridIptablesFirewallDriver
crudini --set $ML2_CONF securitygroup enable_security_group True

# Open vSwitch agent: only the integration bridge, no tunnels, no provider bridges.
crudini --set $ML2_CONF ovs integration_bridge br-int
crudini --set $ML2_CONF ovs tenant_network_type local
crudini --set $ML2_CONF ovs enable_tunneling False

# L3 agent: routers in namespaces, gateway ports on br-ex.
crudini --set $L3_CONF DEFAULT interface_driver neutron.agent.linux.interface.OVSInterfaceDriver
crudini --set $L3_CONF DEFAULT use_namespaces True
crudini --set $L3_CONF DEFAULT external_network_bridge br-ex

# DHCP agent: one dnsmasq per network, in its own qdhcp- namespace.
crudini --set $DHCP_CONF DEFAULT interface_driver neutron.agent.linux.interface.OVSInterfaceDriver
crudini --set $DHCP_CONF DEFAULT dhcp_driver neutron.agent.linux.dhcp.Dnsmasq
crudini --set $DHCP_CONF DEFAULT use_namespaces True

# Metadata agent: the ns-metadata-proxy in each router listens on 9697.
crudini --set $METADATA_CONF DEFAULT metadata_proxy_shared_secret "${METADATA_SECRET:-openstack}"
crudini --set $METADATA_CONF DEFAULT nova_metadata_ip "${CONTROLLER_IP:-127.0.0.1}"

# The external bridge and its uplink.
ovs-vsctl --may-exist add-br br-int
ovs-vsctl --may-exist add-br br-ex
ovs-vsctl --may-exist add-port br-ex eth0

for service in neutron-server neutron-plugin-openvswitch-agent \
        neutron-l3-agent neutron-dhcp-agent neutron-metadata-agent; do
    service $service restart
done
