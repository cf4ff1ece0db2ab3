export interface RegisteredRoute {
  method: string;
  /** As registered, e.g. /fairs/:id/booths; where routes share a position the names are joined (:id|:fairId). */
  url: string;
}

const BRANCH = new Set(['├── ', '└── ']);
const INDENT = new Set(['│   ', '    ']);

/**
 * Every route the app answers, read from Fastify's own route tree (printRoutes), so a route
 * added anywhere (a module, a plugin, a static folder) shows up without being listed by hand.
 * HEAD routes Fastify adds for each GET are left out.
 */
export function registeredRoutes(app: { printRoutes(opts: { commonPrefix: boolean }): string }): RegisteredRoute[] {
  const lines = app.printRoutes({ commonPrefix: false }).split('\n');
  // The path of the node whose text starts at each indentation column.
  const pathAt: string[] = [''];
  const out = new Map<string, RegisteredRoute>();
  for (const line of lines) {
    let i = 0;
    let col = 0;
    let branch = false;
    for (;;) {
      const group = line.slice(i, i + 4);
      if (INDENT.has(group)) {
        i += 4;
        col++;
      } else if (BRANCH.has(group)) {
        i += 4;
        col++;
        branch = true;
        break;
      } else break;
    }
    const m = /^(.+) \(([A-Z, ]+)\)$/.exec(line.slice(i));
    if (!m) continue;
    const [, segment, methods] = m as unknown as [string, string, string];
    if (branch) {
      pathAt[col] = (pathAt[col - 1] ?? '') + segment;
      pathAt.length = col + 1;
    }
    // A line without a branch mark continues the node above it (more methods, other constraints).
    const url = pathAt[col] ?? segment;
    for (const method of methods.split(', ')) {
      if (method === 'HEAD') continue;
      out.set(`${method} ${url}`, { method, url });
    }
  }
  return [...out.values()].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
}

/** /fairs/:id|:fairId/imports and /fairs/:fairId/imports both become /fairs/:/imports. */
export const routeShape = (url: string) => url.replace(/:[^/]+/g, ':');
