/** nginx size strings: `8k`, `1m`, `512`, `0`. */
export function parseSize(value: string): number {
  const match = /^(\d+)\s*([kKmMgG]?)$/.exec(value.trim());
  if (!match) throw new Error(`kong.conf: invalid size '${value}'`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(match[1]) * unit;
}
