// A seeded pseudo-random generator (mulberry32) for the bench's generated
// captures and guides: the same seed gives the same text on every run.

export type Random = () => number;

export function random(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hex(n: number, width: number): string {
  return (n >>> 0).toString(16).padStart(width, '0').slice(-width);
}

/** A port id as Neutron prints it in device names: 8 hex digits, `-`, 2 more (`7e2a4a6c-2b`). */
export function portId(rand: Random): string {
  return `${hex(rand() * 2 ** 32, 8)}-${hex(rand() * 256, 2)}`;
}

/** A whole UUID (`1da5d6c9-2a5f-4a0f-9a1e-5c7c1b8e6f01`). */
export function uuid(rand: Random): string {
  const h = (n: number) => hex(rand() * 2 ** 32, 8).slice(0, n);
  return `${h(8)}-${h(4)}-4${h(3)}-${(8 + Math.floor(rand() * 4)).toString(16)}${h(3)}-${h(8)}${h(4)}`;
}

/** A MAC with the given prefix (`fa:16:3e` for Neutron ports, `fe:16:3e` for the taps libvirt makes of them). */
export function mac(rand: Random, prefix = 'fa:16:3e'): string {
  return `${prefix}:${hex(rand() * 256, 2)}:${hex(rand() * 256, 2)}:${hex(rand() * 256, 2)}`;
}

/** A locally administered random MAC, as the kernel gives veths and bridges. */
export function kernelMac(rand: Random): string {
  const first = (Math.floor(rand() * 64) << 2) | 2;
  return [first, rand() * 256, rand() * 256, rand() * 256, rand() * 256, rand() * 256].map((b) => hex(b, 2)).join(':');
}
