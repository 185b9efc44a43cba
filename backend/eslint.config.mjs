import baseConfig from "../eslint.config.mjs";

export default [
    ...baseConfig,
    {
        files: ["**/*.ts"],
        rules: {
            // The API never pulls in front-end code: shared types come from @focus-racer/api-types only.
            "no-restricted-imports": ["error", { patterns: [{ group: ["@angular/*", "@focus-racer/ui"], message: "The backend must not import Angular code." }] }]
        }
    }
];
