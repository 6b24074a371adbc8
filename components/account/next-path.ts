/** Only a path on this site: an open redirect would let anyone bounce visitors elsewhere. */
function isSafePath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
}

const isAuthPage = (path: string) => /^\/sign-(in|up)(?:[/?#]|$)/.test(path);

/** The `?next=` of an auth page as a path on this site: "/" when missing, foreign or an auth page itself. */
export function nextPath(next: string | string[] | null | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  return value && isSafePath(value) && !isAuthPage(value) ? value : "/";
}

/** "/sign-up?next=%2Fchat%2F…": an auth page that sends the visitor back where they were. */
export function withNext(page: "/sign-up" | "/sign-in", next: string | null | undefined): string {
  const path = nextPath(next);
  return path === "/" ? page : `${page}?next=${encodeURIComponent(path)}`;
}
