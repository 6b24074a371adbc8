/**
 * Soaks run as short as they must in `npm test` and as long as they should by
 * hand: `SOAK=long` (npm run soak) switches every soak to its long form.
 */
export function soakScale({ short, long }: { short: number; long: number }): { long: boolean; requests: number } {
  const isLong = process.env.SOAK === "long";
  return { long: isLong, requests: isLong ? long : short };
}
