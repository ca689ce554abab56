/** A tiny path router: `/orgs/:orgId/members/:memberId` style patterns, exact segment counts. */
export interface RouteMatch<H> {
  handler: H;
  params: Record<string, string>;
}

interface Route<H> {
  method: string;
  segments: string[];
  handler: H;
}

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  add(method: string, pattern: string, handler: H): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  /** `null` for an unknown path; `'method_not_allowed'` when the path exists under other methods. */
  match(method: string, path: string): RouteMatch<H> | 'method_not_allowed' | null {
    const parts = path.split('/').filter(Boolean);
    let pathKnown = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method) return { handler: route.handler, params };
      pathKnown = true;
    }
    return pathKnown ? 'method_not_allowed' : null;
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!;
    let actual: string;
    try {
      actual = decodeURIComponent(parts[i]!);
    } catch {
      return null;
    }
    if (expected.startsWith(':')) params[expected.slice(1)] = actual;
    else if (expected !== actual) return null;
  }
  return params;
}
