// Processes of generated hosts, written as `ps -ef` (procps-ng 4) prints them:
// kernel threads, systemd and the usual daemons, the OpenStack agents, one
// qemu-system-x86_64 per VM (their long command lines are most of a real
// compute node's `ps -ef`), dnsmasq and the metadata proxy per network on a
// network node, login shells. Input of the bench's `ps -ef` row and of the
// generated cloud's captures.
import { type Random, random, uuid } from './random.js';

export interface Process {
  uid: string;
  pid: number;
  ppid: number;
  c: number;
  stime: string;
  tty: string;
  time: string;
  cmd: string;
}

export function renderPsEf(processes: readonly Process[]): string {
  const lines = ['UID          PID    PPID  C STIME TTY          TIME CMD'];
  for (const p of processes) {
    lines.push(`${p.uid.padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)} ${String(p.c).padStart(2)} ${p.stime} ${p.tty.padEnd(8)} ${p.time} ${p.cmd}`);
  }
  return lines.join('\n') + '\n';
}

function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor(seconds / 60) % 60;
  const s = seconds % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** A qemu command line as libvirt 9 starts one Nova instance. */
export function qemuCommand(instance: string, instanceUuid: string, mac: string, fd: number): string {
  return [
    '/usr/bin/qemu-system-x86_64', `-name guest=${instance},debug-threads=on`, '-S',
    `-object {"qom-type":"secret","id":"masterKey0","format":"raw","file":"/var/lib/libvirt/qemu/domain-${fd}-${instance}/master-key.aes"}`,
    '-machine pc-q35-7.2,usb=off,dump-guest-core=off,memory-backend=pc.ram', '-accel kvm', '-cpu host,migratable=on',
    '-m 2048', '-object {"qom-type":"memory-backend-ram","id":"pc.ram","size":2147483648}', '-overcommit mem-lock=off',
    '-smp 2,sockets=2,dies=1,cores=1,threads=1', `-uuid ${instanceUuid}`,
    `-smbios type=1,manufacturer=OpenStack Foundation,product=OpenStack Nova,version=26.2.0,serial=${instanceUuid},uuid=${instanceUuid},family=Virtual Machine`,
    '-no-user-config', '-nodefaults', `-chardev socket,id=charmonitor,fd=${fd + 30},server=on,wait=off`, '-mon chardev=charmonitor,id=monitor,mode=control',
    '-rtc base=utc,driftfix=slew', '-global kvm-pit.lost_tick_policy=delay', '-no-hpet', '-no-shutdown', '-boot strict=on',
    `-blockdev {"driver":"file","filename":"/var/lib/nova/instances/${instanceUuid}/disk","node-name":"libvirt-1-storage","auto-read-only":true,"discard":"unmap"}`,
    '-device {"driver":"virtio-blk-pci","bus":"pci.3","addr":"0x0","drive":"libvirt-1-format","id":"virtio-disk0","bootindex":1}',
    `-netdev {"type":"tap","fd":"${fd + 31}","vhost":true,"vhostfd":"${fd + 33}","id":"hostnet0"}`,
    `-device {"driver":"virtio-net-pci","netdev":"hostnet0","id":"net0","mac":"${mac}","bus":"pci.1","addr":"0x0"}`,
    `-add-fd set=0,fd=${fd + 29},opaque=serial0-log`, '-chardev pty,id=charserial0,logfile=/dev/fdset/0,logappend=on',
    '-device {"driver":"isa-serial","chardev":"charserial0","id":"serial0","index":0}', '-device {"driver":"usb-tablet","id":"input0","bus":"usb.0","port":"1"}',
    '-audiodev {"id":"audio1","driver":"none"}', '-vnc 0.0.0.0:' + fd + ',audiodev=audio1', '-device {"driver":"virtio-vga","id":"video0","max_outputs":1,"bus":"pcie.0","addr":"0x1"}',
    '-sandbox on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny', '-msg timestamp=on',
  ].join(' ');
}

/** dnsmasq as Neutron's DHCP agent starts it for one network. */
export function dnsmasqCommand(network: string, tap: string, range: string, tag = 0): string {
  const dir = `/var/lib/neutron/dhcp/${network}`;
  return `dnsmasq --no-hosts --no-resolv --pid-file=${dir}/pid --dhcp-hostsfile=${dir}/host --addn-hosts=${dir}/addn_hosts --dhcp-optsfile=${dir}/opts --dhcp-leasefile=${dir}/leases --dhcp-match=set:ipxe,175 --dhcp-userclass=set:ipxe6,iPXE --local-service --bind-dynamic --dhcp-range=set:tag${tag},${range},static,255.255.255.0,86400s --dhcp-option-force=option:mtu,1450 --dhcp-lease-max=256 --conf-file=/dev/null --domain=openstacklocal --interface=${tap}`;
}

export interface HostProcessesOptions {
  /** One qemu per VM: instance name, uuid, tap, MAC. */
  vms?: { instance: string; uuid: string; tap: string; mac: string }[];
  /** Network node: one dnsmasq per network, one metadata proxy per router. */
  dhcp?: { network: string; tap: string; range: string }[];
  routers?: string[];
  /** Filler lines until the listing has this many processes (kernel threads, shells, workers). */
  total?: number;
  seed?: number;
}

/** The processes of one host. */
export function hostProcesses(options: HostProcessesOptions = {}): Process[] {
  const rand = random(options.seed ?? 3);
  const out: Process[] = [];
  let pid = 1;
  const add = (uid: string, ppid: number, cmd: string, tty = '?'): number => {
    const p = pid++;
    out.push({ uid, pid: p, ppid, c: Math.floor(rand() * 3), stime: 'Nov25', tty, time: clock(Math.floor(rand() * 4000)), cmd });
    return p;
  };
  add('root', 0, '/sbin/init');
  const kthreadd = add('root', 0, '[kthreadd]');
  for (const name of ['rcu_gp', 'rcu_par_gp', 'slub_flushwq', 'netns', 'mm_percpu_wq', 'rcu_tasks_kthread', 'ksoftirqd/0', 'rcu_preempt', 'migration/0', 'cpuhp/0', 'kdevtmpfs', 'inet_frag_wq', 'kauditd', 'khungtaskd', 'oom_reaper', 'writeback', 'kcompactd0', 'ksmd', 'khugepaged', 'kintegrityd', 'kblockd', 'blkcg_punt_bio', 'edac-poller', 'devfreq_wq', 'kswapd0', 'ecryptfs-kthread', 'kthrotld', 'ipv6_addrconf', 'kstrp', 'zswap-shrink', 'charger_manager']) {
    add('root', kthreadd, `[${name}]`);
  }
  const systemd = 1;
  add('root', systemd, '/lib/systemd/systemd-journald');
  add('root', systemd, '/lib/systemd/systemd-udevd');
  add('systemd+', systemd, '/lib/systemd/systemd-networkd');
  add('message+', systemd, '/usr/bin/dbus-daemon --system --address=systemd: --nofork --nopidfile --systemd-activation --syslog-only');
  add('root', systemd, '/usr/sbin/cron -f');
  const sshd = add('root', systemd, 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups');
  add('root', systemd, 'ovsdb-server /etc/openvswitch/conf.db -vconsole:emer -vsyslog:err -vfile:info --remote=punix:/var/run/openvswitch/db.sock --private-key=db:Open_vSwitch,SSL,private_key --certificate=db:Open_vSwitch,SSL,certificate --bootstrap-ca-cert=db:Open_vSwitch,SSL,ca_cert --no-chdir --log-file=/var/log/openvswitch/ovsdb-server.log --pidfile=/var/run/openvswitch/ovsdb-server.pid --detach');
  add('root', systemd, 'ovs-vswitchd unix:/var/run/openvswitch/db.sock -vconsole:emer -vsyslog:err -vfile:info --mlockall --no-chdir --log-file=/var/log/openvswitch/ovs-vswitchd.log --pidfile=/var/run/openvswitch/ovs-vswitchd.pid --detach');
  const agent = add('neutron', systemd, '/usr/bin/python3 /usr/bin/neutron-openvswitch-agent --config-file=/etc/neutron/neutron.conf --config-file=/etc/neutron/plugins/ml2/openvswitch_agent.ini --log-file=/var/log/neutron/neutron-openvswitch-agent.log');
  add('root', agent, 'ovsdb-client monitor tcp:127.0.0.1:6640 Interface name,ofport,external_ids --format=json');
  add('root', agent, '/usr/bin/python3 /usr/bin/privsep-helper --config-file /etc/neutron/neutron.conf --config-file /etc/neutron/plugins/ml2/openvswitch_agent.ini --privsep_context neutron.privileged.default --privsep_sock_path /tmp/tmpk2r0c1hx/privsep.sock');
  if (options.vms) {
    add('root', systemd, '/usr/sbin/libvirtd --timeout 120');
    add('nova', systemd, '/usr/bin/python3 /usr/bin/nova-compute --config-file=/etc/nova/nova.conf --config-file=/etc/nova/nova-compute.conf --log-file=/var/log/nova/nova-compute.log');
    options.vms.forEach((vm, k) => add('libvirt+', systemd, qemuCommand(vm.instance, vm.uuid, vm.mac, k + 1)));
  }
  if (options.dhcp) {
    const dhcpAgent = add('neutron', systemd, '/usr/bin/python3 /usr/bin/neutron-dhcp-agent --config-file=/etc/neutron/neutron.conf --config-file=/etc/neutron/dhcp_agent.ini --log-file=/var/log/neutron/neutron-dhcp-agent.log');
    options.dhcp.forEach((d, k) => add('nobody', dhcpAgent, dnsmasqCommand(d.network, d.tap, d.range, k)));
  }
  if (options.routers) {
    const l3 = add('neutron', systemd, '/usr/bin/python3 /usr/bin/neutron-l3-agent --config-file=/etc/neutron/neutron.conf --config-file=/etc/neutron/l3_agent.ini --log-file=/var/log/neutron/neutron-l3-agent.log');
    for (const router of options.routers) {
      add('neutron', l3, `haproxy -f /var/lib/neutron/ns-metadata-proxy/${router}.conf`);
    }
  }
  const total = options.total ?? out.length;
  let shell = 0;
  while (out.length < total) {
    const r = rand();
    if (r < 0.35) add('root', kthreadd, `[kworker/${Math.floor(rand() * 64)}:${Math.floor(rand() * 4)}${rand() < 0.5 ? 'H' : ''}-${['events', 'kblockd', 'mm_percpu_wq', 'events_power_efficient', 'xfs-cil/dm-0'][Math.floor(rand() * 5)]}]`);
    else if (r < 0.55) {
      const login = add('root', sshd, `sshd: op${shell} [priv]`);
      const session = add(`op${shell}`.padEnd(4, '0'), login, `sshd: op${shell}@pts/${shell % 64}`);
      add(`op${shell}`.padEnd(4, '0'), session, '-bash', `pts/${shell % 64}`);
      shell++;
    } else if (r < 0.75) add('nova', systemd, `/usr/bin/python3 /usr/bin/nova-api-metadata --config-file=/etc/nova/nova.conf worker=${pid}`);
    else if (r < 0.9) add('neutron', agent, `/usr/bin/python3 /usr/bin/neutron-rootwrap-daemon /etc/neutron/rootwrap.conf ${uuid(rand)}`);
    else add('root', systemd, `/usr/sbin/dnsmasq --conf-file=/var/lib/libvirt/dnsmasq/default.conf --leasefile-ro --dhcp-script=/usr/lib/libvirt/libvirt_leaseshelper`);
  }
  return out.slice(0, total);
}

/** `ps -ef` of `count` processes: a compute node's with VMs, topped up with workers, shells and kernel threads. */
export function generatePsEf(count: number, seed = 3): string {
  const rand: Random = random(seed + 1);
  const vms = Array.from({ length: Math.min(200, Math.floor(count / 50)) }, (_, k) => ({
    instance: `instance-${(k + 1).toString(16).padStart(8, '0')}`, uuid: uuid(rand), tap: `tap${k}`, mac: `fa:16:3e:00:${(k >> 8).toString(16).padStart(2, '0')}:${(k & 255).toString(16).padStart(2, '0')}`,
  }));
  return renderPsEf(hostProcesses({ vms, total: count, seed }));
}
