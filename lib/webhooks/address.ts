import { isIP } from "node:net";

/**
 * Which IP addresses a webhook may be sent to: public unicast only. Everything a server can reach
 * that the internet cannot (loopback, private and CGNAT ranges, link-local including the cloud
 * metadata address 169.254.169.254, multicast, reserved and documentation ranges, IPv6 unique-local
 * and link-local) is refused, and so is an IPv6 address that embeds a refused IPv4 one (mapped,
 * compatible, NAT64, 6to4). Pure: no DNS here.
 */

type Range = readonly [bytes: readonly number[], prefix: number];

const V4_BLOCKED: readonly Range[] = [
  [[0, 0, 0, 0], 8], // "this" network, 0.0.0.0
  [[10, 0, 0, 0], 8],
  [[100, 64, 0, 0], 10], // CGNAT
  [[127, 0, 0, 0], 8],
  [[169, 254, 0, 0], 16], // link-local, cloud metadata
  [[172, 16, 0, 0], 12],
  [[192, 0, 0, 0], 24], // IETF protocol assignments
  [[192, 0, 2, 0], 24], // documentation
  [[192, 88, 99, 0], 24], // 6to4 relay anycast
  [[192, 168, 0, 0], 16],
  [[198, 18, 0, 0], 15], // benchmarking
  [[198, 51, 100, 0], 24], // documentation
  [[203, 0, 113, 0], 24], // documentation
  [[224, 0, 0, 0], 4], // multicast
  [[240, 0, 0, 0], 4], // reserved, broadcast
];

const hex = (text: string) => text.split(":").flatMap((group) => [Number.parseInt(group.padStart(4, "0").slice(0, 2), 16), Number.parseInt(group.padStart(4, "0").slice(2), 16)]);

const V6_BLOCKED: readonly Range[] = [
  [hex("0:0:0:0:0:0:0:0"), 96], // unspecified, loopback, IPv4-compatible
  [hex("0:0:0:0:0:ffff:0:0"), 96], // IPv4-mapped: an address no DNS answer needs
  [hex("100:0:0:0:0:0:0:0"), 64], // discard-only
  [hex("2001:0:0:0:0:0:0:0"), 23], // IETF protocol assignments, Teredo
  [hex("2001:db8:0:0:0:0:0:0"), 32], // documentation
  [hex("fc00:0:0:0:0:0:0:0"), 7], // unique local
  [hex("fe80:0:0:0:0:0:0:0"), 10], // link-local
  [hex("fec0:0:0:0:0:0:0:0"), 10], // site-local (deprecated)
  [hex("ff00:0:0:0:0:0:0:0"), 8], // multicast
];

function inRange(bytes: readonly number[], [base, prefix]: Range): boolean {
  for (let bit = 0; bit < prefix; bit++) {
    const mask = 0x80 >> bit % 8;
    if ((bytes[bit >> 3]! & mask) !== (base[bit >> 3]! & mask)) return false;
  }
  return true;
}

function parseV4(text: string): number[] {
  return text.split(".").map(Number);
}

/** The 16 bytes of an IPv6 address (net.isIP already said it is one). */
function parseV6(text: string): number[] {
  let address = text.split("%")[0]!.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted) {
    const [a, b, c, d] = parseV4(dotted[1]!);
    address = `${address.slice(0, -dotted[1]!.length)}${((a! << 8) | b!).toString(16)}:${((c! << 8) | d!).toString(16)}`;
  }
  const [head, tail] = address.split("::") as [string, string | undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups];
  return hex(groups.join(":"));
}

/** The IPv4 address an IPv6 one carries and is delivered to: mapped, compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16). */
function embeddedV4(bytes: readonly number[]): number[] | undefined {
  if (bytes.slice(0, 10).every((byte) => byte === 0) && ((bytes[10] === 0xff && bytes[11] === 0xff) || (bytes[10] === 0 && bytes[11] === 0))) {
    return bytes.slice(12);
  }
  if (inRange(bytes, [hex("64:ff9b:0:0:0:0:0:0"), 96])) return bytes.slice(12);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6);
  return undefined;
}

const publicV4 = (bytes: readonly number[]) => !V4_BLOCKED.some((range) => inRange(bytes, range));

/** True for a public unicast IP address; false for anything else, including text that is not an address. */
export function isPublicAddress(address: string): boolean {
  const version = isIP(address.split("%")[0]!);
  if (version === 4) return publicV4(parseV4(address));
  if (version !== 6) return false;
  const bytes = parseV6(address);
  const v4 = embeddedV4(bytes);
  if (v4 && !publicV4(v4)) return false;
  return !V6_BLOCKED.some((range) => inRange(bytes, range));
}
