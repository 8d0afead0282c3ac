import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      // A leading underscore marks a value left out on purpose (a destructured field kept off the page).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // Students' images are served by an authorized route (ADR 004), never through Next's image optimizer.
      "@next/next/no-img-element": "off",
    },
  },
  {
    // Layers import one way: routes (app/, components/) → server infrastructure (lib/server/) →
    // queries (db/) → pure domain code (the rest of lib/). See README "Layout". Tests build their
    // own data, so they may reach below the layer they test.
    files: ["**/*.{ts,tsx,mjs}"],
    ignores: ["**/*.test.{ts,tsx}", "e2e/**", "lib/test/**"],
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: ["./lib/*.ts", "./lib/!(server|test)/**"],
              from: ["./lib/server", "./db", "./app", "./components"],
              message: "Pure domain code (lib/) imports nothing from the database, the server or the UI.",
            },
            {
              target: ["./db/!(seed|setup).ts", "./db/queries/**"],
              from: ["./lib/server", "./app", "./components"],
              message: "The query layer (db/) sits below the server infrastructure and the routes.",
            },
            { target: "./lib/server/**", from: ["./app", "./components"], message: "Server infrastructure does not import routes or UI." },
            {
              target: ["./app/**", "./components/**"],
              from: ["./db/index.ts", "./db/factories.ts"],
              message: "Routes and components never touch the database directly: use db/queries.",
            },
          ],
        },
      ],
    },
  },
  {
    // Pure domain code does no I/O and knows no HTTP server: what serves requests (the request edge,
    // compression, the content security policy, memory release) is server infrastructure, in lib/server.
    files: ["lib/*.ts", "lib/!(server|test)/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(node:)?(fs|fs/promises|http|https|net|zlib|v8|vm|child_process|worker_threads)$|^next/(dist/server|server|headers)",
              message: "Pure domain code (lib/) does no I/O and knows no server: put this in lib/server/.",
            },
          ],
        },
      ],
    },
  },
  {
    // Toasts go through components/ui/toast, which loads sonner on first use: a direct import puts it
    // in the first-load JavaScript of every page that uses it (issue 11's budget for school phones).
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: ["components/ui/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "sonner", message: 'Import { toast } from "@/components/ui/toast" (it loads sonner on first use).' }] },
      ],
    },
  },
  {
    // The query layer is awaited everywhere (docs/decisions/010-postgresql.md): a query or a function
    // that runs one, left un-awaited, would run after the answer went out or, in a condition, always
    // be "true". Type-aware rules catch both. SQLite-only terminators (.get/.all/.run) would
    // not run on PostgreSQL, so the query layer never calls them.
    files: ["**/*.{ts,tsx}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
      "@typescript-eslint/await-thenable": "error",
    },
  },
  {
    files: ["db/**/*.ts"],
    ignores: ["db/index.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[arguments.length=0] > MemberExpression.callee > Identifier.property[name=/^(get|all|run)$/]",
          message: "Await the query builder instead: .get()/.all()/.run() exist on SQLite only.",
        },
      ],
    },
  },
  {
    // A form the page's script sends could still be submitted by the browser before the page has
    // hydrated: as a GET, every field (a password too) would land in the address. Such forms are
    // components/forms/scripted-form.tsx (method="post") with its SubmitButton; a plain form says its method.
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "JSXOpeningElement[name.name='form']:has(JSXAttribute[name.name='onSubmit'])",
          message: "A form its script sends is a ScriptedForm (components/forms/scripted-form.tsx), with a SubmitButton.",
        },
        {
          selector: "JSXOpeningElement[name.name='form']:not(:has(JSXAttribute[name.name='method']))",
          message: 'Say the form\'s method ("get" for a plain search), or make it a ScriptedForm.',
        },
        {
          selector: "JSXAttribute[name.name='type'][value.value='submit']",
          message:
            "A ScriptedForm submits with SubmitButton (disabled until the page runs); only a plain GET form may use a bare submit button.",
        },
      ],
    },
  },
  {
    // The plain GET searches, which work without the page's script, SubmitButton itself, and Sign out,
    // a server action's own form (React makes it a POST) so that it works before the page has hydrated.
    files: [
      "components/admin/filter-form.tsx",
      "components/admin/access-log-filters.tsx",
      "components/forms/submit-button.tsx",
      "components/sign-out-button.tsx",
    ],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    // Playwright fixtures receive a `use` callback that has nothing to do with React's use().
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  prettier,
  {
    // After eslint-config-prettier, which turns it off: Prettier's width, for code and comments alike.
    // Prettier never splits a string (a sentence, a class list), so strings are exempt.
    rules: {
      "max-len": ["error", { code: 140, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
    },
  },
  globalIgnores([".next/**", ".next-*/**", "data/**", "test-results*/**", "playwright-report/**", "next-env.d.ts", "db/migrations/**"]),
]);
