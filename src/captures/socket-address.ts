// `host:port` as netstat and ss print it, IPv6 included:
//   0.0.0.0:9697   :::*   [::]:22   *:68   127.0.0.53%lo:53   [fe80::1%tap0]:53   fe80::f816:3eff:fe1a:53

export interface SocketAddress {
  /** `0.0.0.0`, `::`, `*`, `fe80::1`; netstat may have cut a long IPv6 address short. */
  address: string;
  /** `9697`, `*`, or a service name (`ssh`) without `-n`. */
  port: string;
  /** `%lo` scope / bound device, without the `%`. */
  device?: string;
}

export function parseSocketAddress(text: string): SocketAddress {
  let host: string;
  let port: string;
  // ss: `[fe80::1]%tap0:53` puts the device after the bracket
  const bracketed = /^\[(.*)\](%[^:]*)?:(.*)$/.exec(text);
  if (bracketed) {
    host = bracketed[1]! + (bracketed[2] ?? '');
    port = bracketed[3]!;
  } else {
    const colon = text.lastIndexOf(':');
    host = colon < 0 ? text : text.slice(0, colon);
    port = colon < 0 ? '' : text.slice(colon + 1);
    if (host === '::' || host.endsWith('::')) host = host || '::';
  }
  const result: SocketAddress = { address: host, port };
  const percent = host.indexOf('%');
  if (percent >= 0) {
    result.address = host.slice(0, percent);
    result.device = host.slice(percent + 1);
  }
  return result;
}
