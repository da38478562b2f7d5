import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Server-only modules (the database driver, secrets, the file system). */
const SERVER_ONLY = {
  group: [
    "*.server",
    "*.server.*",
    "**/*.server",
    "**/*.server.*",
    "**/db/client*",
    "postgres",
    "@electric-sql/*",
  ],
  message: "Server-only modules may not be imported from app/components or app/domain.",
};

/**
 * Unscoped data access: the models' internal helpers (which do not check the user's access), the
 * query builder and the tables. Routes and components call the scoped model functions instead
 * (docs/decisions/0003-access.md).
 */
const UNSCOPED_DATA = {
  group: [
    "~/models/internal/*",
    "**/models/internal/*",
    "drizzle-orm",
    "drizzle-orm/*",
    "**/db/schema",
    "**/db/schema.*",
    "**/db/schema/*",
  ],
  message:
    "Routes and components may not import unscoped data access (app/models/internal, drizzle-orm, db/schema): call a model function that takes the user.",
};

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      "data/**",
      "node_modules/**",
      ".ci/out/**",
      "bench/out/**",
      ".cache/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      ...jsxA11y.flatConfigs.recommended.rules,
    },
  },
  {
    // Components and domain code run in the browser: they must never pull in server modules.
    files: ["app/components/**", "app/domain/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [SERVER_ONLY, UNSCOPED_DATA] }],
    },
  },
  {
    // Routes reach the database only through model functions that take the user and check access.
    files: ["app/routes/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [UNSCOPED_DATA] }],
    },
  },
);
