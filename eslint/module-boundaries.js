// ESLint rule: a module is entered only through its surface, src/modules/<name>/index.ts.
// An import (or re-export, or dynamic import) from anywhere in the repository that resolves
// into src/modules/<name>/ from outside that module must name src/modules/<name>/index.js.
// Deliberate exceptions are listed in eslint.config.js (option `allow`), each with its reason;
// docs/architecture.md repeats them. Why a local rule instead of no-restricted-imports
// patterns: those match the import text, and "../x/y.js" means a different module depending
// on where the importing file sits; this rule resolves the path first.
import { dirname, relative, resolve, sep } from 'node:path';

const MODULE = /^src\/modules\/([^/]+)\/(.+)$/;

/** Minimal glob: `**` any path, `*` any characters except "/". */
function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export default {
  meta: {
    type: 'problem',
    docs: { description: "only a module's index.ts may be imported from outside the module" },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          allow: {
            type: 'array',
            items: {
              type: 'object',
              properties: { from: { type: 'string' }, to: { type: 'string' }, why: { type: 'string' } },
              required: ['from', 'to', 'why'],
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      internal:
        "'{{source}}' is internal to module '{{module}}' ({{target}}). Import it from src/modules/{{module}}/index.ts, or add a documented exception in eslint.config.js.",
    },
  },
  create(context) {
    const opts = context.options[0] ?? {};
    const root = opts.root ?? context.cwd;
    const allow = (opts.allow ?? []).map((a) => ({ from: globToRegExp(a.from), to: globToRegExp(a.to) }));
    const file = relative(root, context.filename).split(sep).join('/');
    const own = MODULE.exec(file)?.[1] ?? null;

    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = relative(root, resolve(dirname(context.filename), source)).split(sep).join('/');
      const m = MODULE.exec(target);
      if (!m) return;
      const [, module, rest] = m;
      if (module === own) return;
      if (rest === 'index.js' || rest === 'index.ts' || rest === 'index') return;
      if (allow.some((a) => a.from.test(file) && a.to.test(target))) return;
      context.report({ node, messageId: 'internal', data: { source, module, target } });
    }
    const fromSource = (node) => node.source && check(node.source, node.source.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node.source, node.source.value);
      },
    };
  },
};
