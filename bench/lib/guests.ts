/**
 * Guest sessions created the way a browser gets one (GET /api/guest), each the
 * Cookie header for later requests. Several guests spread the load over
 * several users' budget rows, as real traffic does.
 */
export async function createGuests(baseUrl: string, count: number): Promise<string[]> {
  const cookies: string[] = [];
  for (let index = 0; index < count; index++) {
    const response = await fetch(`${baseUrl}/api/guest?next=/`, { redirect: "manual" });
    const cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(";")[0]!)
      .join("; ");
    if (response.status !== 303 || !cookie) throw new Error(`GET /api/guest answered ${response.status} without a session cookie`);
    cookies.push(cookie);
  }
  return cookies;
}
