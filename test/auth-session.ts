import { getAuth } from "@/lib/auth/auth";

/** Environment for tests that sign people in: a fixed secret, so no key file is written. */
export const TEST_AUTH_ENV = {
  BETTER_AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
  BETTER_AUTH_URL: "http://localhost:3000",
};

/** A new guest session, as proxy.ts creates on a first visit: the Cookie header to send with requests. */
export async function guestCookie(): Promise<string> {
  const auth = await getAuth();
  const response = await auth.api.signInAnonymous({ headers: new Headers(), asResponse: true });
  return cookieHeaderFrom(response);
}

/** Signs up with email and password from an existing session (or none): the new Cookie header. */
export async function signUpCookie({ email, password, name, cookie }: { email: string; password: string; name: string; cookie?: string }): Promise<string> {
  const auth = await getAuth();
  const response = await auth.api.signUpEmail({ body: { email, password, name }, headers: new Headers(cookie ? { cookie } : {}), asResponse: true });
  if (!response.ok) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  return cookieHeaderFrom(response);
}

/** Signs in with email and password: the new Cookie header (a fresh session sees a changed role at once). */
export async function signInCookie({ email, password }: { email: string; password: string }): Promise<string> {
  const auth = await getAuth();
  const response = await auth.api.signInEmail({ body: { email, password }, headers: new Headers(), asResponse: true });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return cookieHeaderFrom(response);
}

/** The name=value pairs of a response's Set-Cookie headers, as one Cookie header (expired ones dropped). */
export function cookieHeaderFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .filter((line) => !/max-age=0\b/i.test(line))
    .map((line) => line.split(";")[0]!)
    .join("; ");
}
